import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { hasUnpublishedChanges, type JourneyStep } from '$lib/domain/journey';
import { formerUsagesOfConnector, usagesByConnector } from '$lib/domain/usage';
import { audiencesAsOf } from '$lib/domain/audience';
import { partnerById } from '$lib/partners/registry';
import { freshStore } from '../../fixtures/store';

const NOW = Date.UTC(2026, 10, 28, 12);
const demo = demoWorkspace({ now: NOW, timeZone: 'Europe/Amsterdam' });

function destinations(steps: JourneyStep[]): Extract<JourneyStep, { kind: 'destination' }>[] {
	return steps.flatMap((s) =>
		s.kind === 'destination' ? [s] : s.kind === 'branch' ? [...destinations(s.then), ...destinations(s.otherwise)] : []
	);
}

describe('the demo workspace', () => {
	it('gives every connector a configuration its partner accepts', () => {
		for (const connector of demo.connectors) {
			const partner = partnerById(connector.partnerId);
			expect(partner, connector.partnerId).toBeDefined();
			const parsed = partner!.configSchema.safeParse(connector.config);
			expect(parsed.error?.issues ?? [], connector.name).toEqual([]);
		}
	});

	it('gives every use of a connector the per-use settings its partner needs', () => {
		const uses = [
			...demo.audiences.flatMap((a) => a.connectors),
			...demo.journeys.flatMap((j) => [...destinations(j.draft.steps), ...(j.published ? destinations(j.published.steps) : [])])
		];
		for (const use of uses) {
			const connector = demo.connectors.find((c) => c.id === use.connectorId);
			expect(connector, use.connectorId).toBeDefined();
			const parsed = partnerById(connector!.partnerId)!.useSettingsSchema.safeParse(use.settings);
			expect(parsed.error?.issues ?? [], connector!.name).toEqual([]);
		}
	});

	it('covers every server-to-server partner, with two DV360 configurations', () => {
		const partners = demo.connectors.map((c) => c.partnerId);
		expect(new Set(partners).size).toBe(8);
		expect(partners.filter((p) => p === 'dv360')).toHaveLength(2);
	});

	it('has used and unused connectors, and a live journey with unpublished changes', () => {
		const used = usagesByConnector(demo.audiences, demo.journeys);
		// All but one are used; the one left shows deletion, and has a history too: an audience
		// sent to it until twelve days ago.
		expect(demo.connectors.filter((c) => !used.has(c.id)).map((c) => c.id)).toEqual(['demo-mailchimp']);
		expect(formerUsagesOfConnector('demo-mailchimp', demo.audiences)).toEqual([{ audienceId: 'demo-audience-newsletter', name: 'Newsletter subscribers', detachedAt: NOW - 12 * 86_400_000 }]);
		const asOf = (at: number) => audiencesAsOf(demo.audiences, at).find((a) => a.id === 'demo-audience-newsletter')!.connectors.map((c) => c.connectorId);
		expect(asOf(NOW - 13 * 86_400_000)).toEqual(['demo-mailchimp']);
		expect(asOf(NOW - 12 * 86_400_000)).toEqual([]);
		expect(asOf(NOW)).toEqual([]);
		expect(demo.journeys.some((j) => j.status === 'live' && hasUnpublishedChanges(j))).toBe(true);
		expect(demo.connectors.some((c) => c.status === 'deactivated' && used.has(c.id))).toBe(true);
	});

	it('is set up once, even when two tabs open a new workspace at the same time', async () => {
		const store = await freshStore();
		const results = await Promise.all([
			store.workspace.setUpIfNew(() => demo),
			store.workspace.setUpIfNew(() => demo)
		]);
		expect(results.sort()).toEqual([false, true]);
		expect(await store.connectors.list()).toHaveLength(demo.connectors.length);
		expect(await store.workspace.setUpIfNew(() => demo)).toBe(false);
	});
});
