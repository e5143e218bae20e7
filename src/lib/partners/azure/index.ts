import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { errorHelp } from './error-help';

export const azure = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp,
	historyFaults: (day) => (day === 70 ? { outage: 'empty500' } : {}),
	cookieSync: null,
	testSample: {
		config: {
			accountName: 'acmeaudiences',
			containerName: 'activation-files',
			sasToken: '?sv=2022-11-02&sr=c&sp=cw&se=2099-12-31T23:59:59Z&sig=u7%2Bq3Zexample%3D',
			fileFormat: 'ndjson'
		},
		useSettings: { pathPrefix: 'audiences/vip' }
	}
});
