import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { PARTNER_IDS, partners } from '$lib/partners/registry';
import { errorCatalog } from '../../../mocks/catalog';
import { mockedPartnerIds } from '../../../mocks/handlers';
import { profile } from '../../fixtures/delivery';

const demo = demoWorkspace({ now: Date.UTC(2026, 10, 28), timeZone: 'UTC' });

describe('every server-to-server partner', () => {
	it('has a mock and an error catalogue', () => {
		expect([...mockedPartnerIds].sort()).toEqual([...PARTNER_IDS].sort());
		for (const id of PARTNER_IDS) expect(errorCatalog[id]?.length, id).toBeGreaterThan(2);
	});

	it.each(PARTNER_IDS.flatMap((id) => (errorCatalog[id] ?? []).map((row) => [id, row.id, row] as const)))(
		'%s: its adapter counts the error row %s, answering a delivery, as an error of a category',
		(id, _rowId, row) => {
			const adapter = partners[id].adapter;
			const config = partners[id].configSchema.parse(demo.connectors.find((c) => c.partnerId === id)!.config);
			const use = [...demo.audiences.flatMap((a) => a.connectors), ...demo.journeys.flatMap((j) => j.draft.steps.flatMap((s) => (s.kind === 'destination' ? [s] : [])))].find(
				(u) => demo.connectors.find((c) => c.id === u.connectorId)?.partnerId === id
			);
			const settings = use?.settings ?? {};
			const identifier = id === 'mailchimp' ? 'ada@example.com' : id === 'xandr' ? '7000000001' : 'C-1';
			const step = adapter.begin(
				{
					connectorId: 'c1',
					operation: 'add',
					identifiers: [identifier],
					recipients: [{ profileId: 'p1', identifier, profile: profile(1) }],
					config,
					settings: { listId: 'a1b2c3d4e5', listName: '', pathPrefix: 'audiences/vip', ...settings },
					now: Date.UTC(2026, 10, 28)
				},
				{ token: 'session', expiresAt: Date.UTC(2027, 0, 1) }
			);
			if (step.kind !== 'send') throw new Error('expected a request');
			const finish = adapter.advance(step.state, { kind: 'response', status: row.status, headers: { 'content-type': row.contentType, ...row.headers }, body: row.body, latencyMs: 5 });
			// Some partners answer a failed step by logging in again; follow that far.
			const outcome = finish.kind === 'finish' ? finish.outcome : undefined;
			if (!outcome) return;
			const partnerReportsCodes = partners[id].catalog.reportsPartnerErrorCodes;
			// A 200 per-item row (CM360) is not an error of the probe; every other row is.
			if (row.status >= 200 && row.status < 300) return;
			expect(outcome.batchError, `${id} ${row.id}`).not.toBeNull();
			expect(['otherError', 'invalidCredentials', 'timeout', 'partnerError']).toContain(outcome.batchError!.category);
			if (!partnerReportsCodes) expect(outcome.batchError!.code).toBeNull();
		}
	);
});
