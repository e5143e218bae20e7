import { getResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/domain/connector';
import type { Journey } from '$lib/domain/journey';
import { DAY_MS } from '$lib/domain/time';
import { EngineRunner } from '$lib/engine/runner';
import { MockTransport } from '$lib/engine/transport';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { createSimulator } from '$lib/sim/simulator';
import { faultBoard, handlers } from '../../../mocks/handlers';
import { sha256 } from '../../fixtures/delivery';

/**
 * The deactivation rule end to end: the demo workspace's simulator, the real engine runner,
 * adapters and partner mocks. What reaches a partner is what its counters count as sent.
 */
const NOW = Date.UTC(2026, 10, 28, 9);
const POPULATION = 10_000;

/** The demo workspace; for the journey cases its audiences send nowhere, so only journeys send (and the test stays quick). */
function workspaceFor(journeysOnly: boolean) {
	const workspace = demoWorkspace({ now: NOW, timeZone: 'Europe/Amsterdam', history: 'skipped' });
	if (journeysOnly) for (const audience of workspace.audiences) audience.connectors = [];
	return workspace;
}

async function runDemo(edit: (workspace: { connectors: Connector[]; journeys: Journey[] }) => void, days = 3, journeysOnly = true) {
	const workspace = workspaceFor(journeysOnly);
	edit(workspace);
	const simulator = createSimulator({ seed: 7, populationSize: POPULATION, now: NOW, audiences: workspace.audiences, journeys: workspace.journeys });
	const transport = new MockTransport((request) => getResponse(handlers, request));
	const runner = new EngineRunner(
		{ simulator, transportFor: () => transport, sha256: await sha256(), random: () => 0.5, timeZone: 'Europe/Amsterdam' },
		NOW
	);
	runner.setConnectors(workspace.connectors);
	runner.setJourneys(workspace.journeys);
	await runner.advanceTo(NOW + days * DAY_MS);
	await runner.flush();
	return { runner, counters: (id: string) => runner.dispatcher.countersOf(id) };
}

const welcome = (journeys: Journey[]) => journeys.find((j) => j.id === 'demo-journey-welcome')!;

afterEach(() => faultBoard.reset());

describe('deactivating a connector', () => {
	it('keeps a live journey with unpublished changes sending to the deactivated Clang connector', async () => {
		const { counters } = await runDemo(() => {});
		// The demo: Clang is deactivated, and the live welcome journey has an unpublished draft.
		expect(counters('demo-clang').sent).toBeGreaterThan(0);
		expect(counters('demo-clang').cancelled).toBe(0);
		// Its other destination, an active connector, receives as usual.
		expect(counters('demo-dv360-brand-b').sent).toBeGreaterThan(0);
	});

	it('stops a live journey without unpublished changes from sending to it, while its active connector still receives', async () => {
		const { counters } = await runDemo(({ journeys }) => {
			const journey = welcome(journeys);
			journey.draft = structuredClone(journey.published!);
		});
		expect(counters('demo-clang')).toMatchObject({ accepted: 0, sent: 0 });
		expect(counters('demo-dv360-brand-b').sent).toBeGreaterThan(0);
	});

	it('stops audiences at once: a deactivated Meta connector receives nothing from the cart audience, Xandr beside it does', async () => {
		const { counters } = await runDemo(({ connectors }) => {
			connectors.find((c) => c.id === 'demo-meta')!.status = 'deactivated';
		}, 1, false);
		expect(counters('demo-meta')).toMatchObject({ accepted: 0, sent: 0, removed: 0 });
		const xandr = counters('demo-xandr');
		expect(xandr.sent + xandr.removed).toBeGreaterThan(0);
	});

	it('stops the journey sending once its changes are published', async () => {
		const workspace = workspaceFor(true);
		const simulator = createSimulator({ seed: 7, populationSize: POPULATION, now: NOW, audiences: workspace.audiences, journeys: workspace.journeys });
		const transport = new MockTransport((request) => getResponse(handlers, request));
		const runner = new EngineRunner(
			{ simulator, transportFor: () => transport, sha256: await sha256(), random: () => 0.5, timeZone: 'Europe/Amsterdam' },
			NOW
		);
		runner.setConnectors(workspace.connectors);
		runner.setJourneys(workspace.journeys);
		await runner.advanceTo(NOW + 2 * DAY_MS);
		await runner.flush();
		const before = runner.dispatcher.countersOf('demo-clang').accepted;
		expect(before).toBeGreaterThan(0);

		// Publish the draft: the published version is now the draft, no unpublished changes.
		const journey = welcome(workspace.journeys);
		const published: Journey = { ...journey, published: structuredClone(journey.draft) };
		const journeys = workspace.journeys.map((j) => (j.id === journey.id ? published : j));
		runner.setJourneys(journeys);
		simulator.updateDefinitions(workspace.audiences, journeys);
		await runner.advanceTo(NOW + 4 * DAY_MS);
		await runner.flush();
		expect(runner.dispatcher.countersOf('demo-clang').accepted).toBe(before);
		expect(runner.dispatcher.countersOf('demo-dv360-brand-b').sent).toBeGreaterThan(0);
	});
});
