import { SLOW_PARTNER } from '$lib/domain/faults';
import { definePartner } from '../define';
import { adapter } from './adapter';
import { catalog } from './catalog';
import { configSchema, useSettingsSchema } from './config';
import { errorHelp } from './error-help';

export const xandr = definePartner({
	catalog,
	configSchema,
	useSettingsSchema,
	adapter,
	errorHelp,
	// Slow for two days; a few user IDs it no longer knows.
	historyFaults: (day) => (day === 12 || day === 11 ? { slow: { ...SLOW_PARTNER } } : { rejectionRate: 0.04 }),
	// Desktop browsers keep cookies best.
	cookieSync: { shareByDevice: { desktop: 0.45, mobile: 0.3, tablet: 0.3 } },
	testSample: {
		config: { memberId: '7823', username: 'acme-api-user', password: 'correct horse battery staple' },
		useSettings: { segmentId: '25478901', expirationMinutes: '43200' }
	}
});
