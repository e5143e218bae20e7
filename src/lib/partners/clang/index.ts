import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { errorHelp } from './error-help';

export const clang = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp,
	historyFaults: (day) => (day === 33 ? { notAllowlisted: true } : {}),
	cookieSync: null,
	testSample: {
		config: { accountName: 'acme', uuid: '12345678-abcd-4ef0-9abc-1234567890ab' },
		useSettings: { groupId: '1234' }
	}
});
