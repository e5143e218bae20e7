import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIOS, scenarioById, scenarioWorkspace } from '$lib/demo/scenarios';
import { FaultSettingsSchema } from '$lib/domain/faults';
import { deletionVerdict } from '$lib/domain/usage';
import { hasUnpublishedChanges } from '$lib/domain/journey';

const input = { now: Date.UTC(2026, 10, 28, 12), timeZone: 'Europe/Amsterdam' };

describe('scenarios', () => {
	it('has one scenario per id, each naming only connectors and pages of its workspace', () => {
		expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
		for (const scenario of SCENARIOS) {
			const contents = scenarioWorkspace(scenario, input);
			const ids = new Set(contents.connectors.map((c) => c.id));
			expect(contents.workspace.name).toBe(scenario.title);
			for (const { connectorId, faults } of scenario.faults) {
				expect(ids.has(connectorId), `${scenario.id}: ${connectorId}`).toBe(true);
				expect(FaultSettingsSchema.safeParse(faults).success).toBe(true);
			}
			for (const { href } of scenario.card.lookAt) {
				const connector = /^\/connectors\/([^/]+)$/.exec(href)?.[1];
				if (connector) expect(ids.has(connector), `${scenario.id}: ${href}`).toBe(true);
				const journey = /^\/journeys\/([^/]+)$/.exec(href)?.[1];
				if (journey) expect(contents.journeys.some((j) => j.id === journey), `${scenario.id}: ${href}`).toBe(true);
			}
			expect(scenario.card.steps.length).toBeGreaterThan(1);
		}
		expect(scenarioById('nope')).toBeUndefined();
	});

	it('sets up what the rule scenarios tell: a deactivated connector used by a live journey with changes, and one used connector and one unused', () => {
		const journeyStory = scenarioWorkspace(scenarioById('journey-keeps-sending')!, input);
		const clang = journeyStory.connectors.find((c) => c.id === 'demo-clang')!;
		expect(clang.status).toBe('deactivated');
		const welcome = journeyStory.journeys.find((j) => j.id === 'demo-journey-welcome')!;
		expect(welcome.status).toBe('live');
		expect(hasUnpublishedChanges(welcome)).toBe(true);

		const deleteStory = scenarioWorkspace(scenarioById('delete-in-use')!, input);
		const verdict = (id: string) => deletionVerdict(id, deleteStory.audiences, deleteStory.journeys);
		expect(verdict('demo-meta')).toMatchObject({ allowed: false });
		expect(verdict('demo-mailchimp')).toMatchObject({ allowed: true });
	});
});
