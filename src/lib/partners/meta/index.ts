import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { errorHelp } from './error-help';

export const meta = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp,
	// An expired token for two days, and the odd invalid entry.
	historyFaults: (day) => (day === 20 || day === 19 ? { credentials: 'expired' } : { rejectionRate: 0.01 }),
	cookieSync: null,
	testSample: {
		config: { adAccountId: 'act_1234567890', accessToken: 'EAAGm0PX4ZCpsBAExampleToken123', apiVersion: 'v23.0' },
		useSettings: { audienceId: '23851234567890123' }
	}
});
