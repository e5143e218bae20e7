import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { googleErrorHelp } from '../google/error-help';

export const dv360 = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp: googleErrorHelp,
	// An outage and a day over quota.
	historyFaults: (day) => (day === 45 ? { outage: 'partnerError' } : day === 30 ? { throttled: true } : {}),
	cookieSync: null,
	testSample: {
		config: { advertiserId: '4304512', accessToken: 'ya29.a0AfH6SMBexampleAccessToken', apiVersion: 'v4' },
		useSettings: { firstPartyAndPartnerAudienceId: '7163819372' }
	}
});
