import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';

export const mailchimp = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	// Mailchimp reports no codes the statistics show: categories only.
	errorHelp: [],
	historyFaults: (day) => (day === 60 ? { throttled: true } : { rejectionRate: 0.01 }),
	cookieSync: null,
	testSample: {
		config: { apiKey: '0123456789abcdef0123456789abcdef-us21' },
		useSettings: { listId: 'a1b2c3d4e5' }
	}
});
