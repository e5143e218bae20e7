import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { googleErrorHelp } from '../google/error-help';

export const cm360 = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp: googleErrorHelp,
	historyFaults: () => ({ rejectionRate: 0.02 }),
	cookieSync: null,
	testSample: {
		config: { userProfileId: '5123456', accessToken: 'ya29.a0AfH6SMBexampleAccessToken' },
		useSettings: { floodlightConfigurationId: '8765432', floodlightActivityId: '12345678' }
	}
});
