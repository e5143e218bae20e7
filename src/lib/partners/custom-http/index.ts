import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { DEFAULT_PAYLOAD_TEMPLATE } from './template';

export const customHttp = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	// The endpoint is the user's own: statistics show categories only.
	errorHelp: [],
	historyFaults: () => ({}),
	cookieSync: null,
	testSample: {
		config: {
			url: 'https://hooks.example.com/audiences',
			method: 'POST',
			headers: [{ name: 'X-Tenant', value: 'acme' }],
			auth: 'bearer',
			bearerToken: 'tok_live_123456',
			payloadTemplate: DEFAULT_PAYLOAD_TEMPLATE,
			batchSize: 250,
			signingSecret: 'whsec_example'
		},
		useSettings: { listName: 'vip-customers' }
	}
});
