import { describe, expect, it } from 'vitest';
import { HEALTHY_PARTNER, SLOW_PARTNER } from '$lib/domain/faults';
import { historyFaults } from '$lib/engine/history';
import { PARTNER_IDS, cookieSyncedPartners, partners } from '$lib/partners/registry';
import { COOKIE_SYNCED_PARTNERS } from '$lib/sim/traits';

describe('each partner as one unit', () => {
	it.each(PARTNER_IDS)('%s: explains its own error codes exactly when the statistics show them', (id) => {
		const { catalog, errorHelp } = partners[id];
		expect(errorHelp.length > 0, id).toBe(catalog.reportsPartnerErrorCodes);
		expect(new Set(errorHelp.map((help) => help.code)).size).toBe(errorHelp.length);
	});

	it('gives the history the faults each partner declares, and the faults set now on its last day', () => {
		expect(historyFaults('meta', 20)).toEqual({ ...HEALTHY_PARTNER, credentials: 'expired' });
		expect(historyFaults('meta', 5)).toEqual({ ...HEALTHY_PARTNER, rejectionRate: 0.01 });
		expect(historyFaults('dv360', 45)).toEqual({ ...HEALTHY_PARTNER, outage: 'partnerError' });
		expect(historyFaults('dv360', 30)).toEqual({ ...HEALTHY_PARTNER, throttled: true });
		expect(historyFaults('xandr', 11)).toEqual({ ...HEALTHY_PARTNER, slow: { ...SLOW_PARTNER } });
		expect(historyFaults('xandr', 10)).toEqual({ ...HEALTHY_PARTNER, rejectionRate: 0.04 });
		expect(historyFaults('azure', 70)).toEqual({ ...HEALTHY_PARTNER, outage: 'empty500' });
		expect(historyFaults('clang', 33)).toEqual({ ...HEALTHY_PARTNER, notAllowlisted: true });
		expect(historyFaults('mailchimp', 60)).toEqual({ ...HEALTHY_PARTNER, throttled: true });
		expect(historyFaults('custom-http', 60)).toEqual(HEALTHY_PARTNER);
		expect(historyFaults('unknown', 60)).toEqual(HEALTHY_PARTNER);
		const present = { ...HEALTHY_PARTNER, throttled: true };
		expect(historyFaults('meta', 1, present)).toEqual(present);
	});

	it('tells the population which partners carry cookie-synced user IDs, keeping the bits it had', () => {
		expect(cookieSyncedPartners).toEqual([{ partnerNumber: partners.xandr.catalog.partnerNumber, shareByDevice: { desktop: 0.45, mobile: 0.3, tablet: 0.3 } }]);
		// The encoding the seeds were generated with: the population stays bit for bit the same.
		expect(COOKIE_SYNCED_PARTNERS).toEqual([{ partnerNumber: 1401, bit: 16, shareByDevice: [0.45, 0.3, 0.3] }]);
	});
});
