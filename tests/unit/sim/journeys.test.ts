import { describe, expect, it } from 'vitest';
import type { JourneyStep, JourneyVersion } from '$lib/domain/journey';
import { JourneyRuns, type DestinationListener } from '$lib/sim/journeys';
import { createPopulation } from '$lib/sim/population';
import { createSimulator } from '$lib/sim/simulator';
import { HOUR, NOW, journey } from './fixtures';

const population = createPopulation({ seed: 2, size: 10, now: NOW });
population.lifetimeValue.set([0, 1_000, 0, 1_000, 0, 0, 0, 0, 0, 0]);
population.marketingConsent.fill(1);

const destination = (id: string, connectorId: string, operation: 'add' | 'remove' = 'add'): JourneyStep => ({
	kind: 'destination',
	id,
	connectorId,
	operation,
	settings: { list: id }
});

const welcome: JourneyVersion = {
	trigger: { kind: 'audienceEntered', audienceId: 'vip' },
	steps: [
		destination('first', 'mail'),
		{ kind: 'wait', id: 'pause', hours: 48 },
		{
			kind: 'branch',
			id: 'big-spender',
			condition: { combinator: 'and', items: [{ operator: 'greaterThan', attribute: 'lifetimeValue', value: 500 }] },
			then: [destination('vip-ads', 'ads')],
			otherwise: [destination('nurture', 'mail', 'remove')]
		},
		destination('last', 'crm')
	],
	exitConditions: null
};

function recorder() {
	const sent: string[] = [];
	const listener: DestinationListener = (state, step, index, at) => {
		sent.push(`${state.journey.id}/${step.id} ${step.connectorId} ${step.operation} #${index} +${(at - NOW) / HOUR}h`);
	};
	return { sent, listener };
}

function runUntil(runs: JourneyRuns, to: number, listener: DestinationListener) {
	while (runs.nextWakeTime() < to) runs.processNextWake(listener);
}

describe('journeys', () => {
	it('takes a profile in on its trigger, waits, branches and sends at each destination', () => {
		const runs = new JourneyRuns(population, [journey('welcome', welcome)], NOW);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 1, NOW, listener);
		runs.onAudienceEntered('vip', 2, NOW + HOUR, listener);
		runs.onAudienceEntered('other', 3, NOW, listener);
		expect(sent).toEqual(['welcome/first mail add #1 +0h', 'welcome/first mail add #2 +1h']);
		expect(runs.inProgress('welcome')).toBe(2);
		runUntil(runs, NOW + 48 * HOUR, listener);
		expect(sent).toHaveLength(2);
		runUntil(runs, NOW + 100 * HOUR, listener);
		expect(sent.slice(2)).toEqual([
			'welcome/vip-ads ads add #1 +48h',
			'welcome/last crm add #1 +48h',
			'welcome/nurture mail remove #2 +49h',
			'welcome/last crm add #2 +49h'
		]);
		expect(runs.inProgress('welcome')).toBe(0);
	});

	it('does not take a profile in again while it is in the journey', () => {
		const runs = new JourneyRuns(population, [journey('welcome', welcome)], NOW);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 1, NOW, listener);
		runs.onAudienceEntered('vip', 1, NOW + HOUR, listener);
		expect(sent).toHaveLength(1);
		runUntil(runs, NOW + 49 * HOUR, listener);
		runs.onAudienceEntered('vip', 1, NOW + 49 * HOUR, listener);
		expect(sent.at(-1)).toBe('welcome/first mail add #1 +49h');
	});

	it('runs only the published version of a live journey; drafts and paused journeys send nothing', () => {
		const draft: JourneyVersion = { ...welcome, steps: [destination('draft-only', 'draft-connector')] };
		const runs = new JourneyRuns(
			population,
			[
				journey('live', welcome, { draft }),
				journey('never-published', null, { status: 'draft', draft: welcome }),
				journey('paused', welcome, { status: 'paused' })
			],
			NOW
		);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 4, NOW, listener);
		expect(sent).toEqual(['live/first mail add #4 +0h']);
		expect(runs.inProgress('never-published')).toBe(0);
		expect(runs.inProgress('paused')).toBe(0);
	});

	it('holds runs while paused and moves them on when live again', () => {
		const live = journey('welcome', welcome);
		const runs = new JourneyRuns(population, [live], NOW);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 1, NOW, listener);
		runs.setJourneys([{ ...live, status: 'paused' }], NOW + HOUR);
		runUntil(runs, NOW + 100 * HOUR, listener);
		expect(sent).toHaveLength(1);
		expect(runs.inProgress('welcome')).toBe(1);
		runs.setJourneys([live], NOW + 100 * HOUR);
		runUntil(runs, NOW + 101 * HOUR, listener);
		expect(sent.slice(1)).toEqual(['welcome/vip-ads ads add #1 +100h', 'welcome/last crm add #1 +100h']);
		// Back to draft: runs are dropped.
		runs.onAudienceEntered('vip', 3, NOW + 101 * HOUR, listener);
		runs.setJourneys([{ ...live, status: 'draft' }], NOW + 102 * HOUR);
		expect(runs.inProgress('welcome')).toBe(0);
	});

	it('keeps runs at the same wait step when a new version is published', () => {
		const live = journey('welcome', welcome);
		const runs = new JourneyRuns(population, [live], NOW);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 1, NOW, listener);
		const shorter: JourneyVersion = { ...welcome, steps: welcome.steps.map((s) => (s.kind === 'wait' ? { ...s, hours: 24 } : s)) };
		runs.setJourneys([{ ...live, published: shorter, draft: shorter }], NOW + HOUR);
		runUntil(runs, NOW + 25 * HOUR, listener);
		expect(sent.slice(1)).toEqual(['welcome/vip-ads ads add #1 +24h', 'welcome/last crm add #1 +24h']);
	});

	it('ends a run when the profile meets the exit conditions', () => {
		const withExit: JourneyVersion = {
			...welcome,
			exitConditions: { combinator: 'and', items: [{ operator: 'equals', attribute: 'marketingConsent', value: false }] }
		};
		const p = createPopulation({ seed: 2, size: 4, now: NOW });
		p.marketingConsent.fill(1);
		const runs = new JourneyRuns(p, [journey('welcome', withExit)], NOW);
		const { sent, listener } = recorder();
		runs.onAudienceEntered('vip', 0, NOW, listener);
		runs.onAudienceEntered('vip', 1, NOW, listener);
		p.marketingConsent[0] = 0;
		runs.onEvent(0, 4, NOW + HOUR, listener); // a consent review
		expect(runs.inProgress('welcome')).toBe(1);
		p.marketingConsent[1] = 0;
		runUntil(runs, NOW + 100 * HOUR, listener); // checked again at the wake-up
		expect(sent).toHaveLength(2);
		runs.onAudienceEntered('vip', 2, NOW, listener);
		p.marketingConsent[3] = 0;
		runs.onAudienceEntered('vip', 3, NOW, listener); // meets the exit conditions: not taken in
		expect(sent.map((line) => line.split(' ')[3])).toEqual(['#0', '#1', '#2']);
	});

	it('starts on behaviour events in the simulator', () => {
		const onPurchase = journey('post-purchase', {
			trigger: { kind: 'event', eventType: 'purchase' },
			steps: [destination('conversion', 'cm360')],
			exitConditions: null
		});
		const simulator = createSimulator({ seed: 8, populationSize: 5_000, now: NOW, audiences: [], journeys: [onPurchase] });
		const messages = simulator.advance(NOW + 3 * 24 * HOUR);
		expect(messages.length).toBeGreaterThan(10);
		for (const m of messages) {
			expect(m).toMatchObject({ connectorId: 'cm360', operation: 'add', source: { kind: 'journey', id: 'post-purchase', stepId: 'conversion' } });
			expect(simulator.population.lastPurchase[m.profileIndex]).toBeGreaterThanOrEqual(m.at);
		}
		const drafted = createSimulator({ seed: 8, populationSize: 5_000, now: NOW, audiences: [], journeys: [{ ...onPurchase, status: 'draft' }] });
		expect(drafted.advance(NOW + 3 * 24 * HOUR)).toEqual([]);
	});
});
