import { describe, expect, it } from 'vitest';
import { createSimulator } from '$lib/sim/simulator';
import { audience, DAY, HOUR, NOW } from './fixtures';

/**
 * Membership as the partners see it: the messages the simulator emits. A population without
 * behaviour (traffic rate 0) so that only time moves profiles, and profile 0 set by hand.
 */
describe('membership messages', () => {
	it('enters once an exit condition runs out while the rules match, stays, then leaves when the rules stop matching', () => {
		const simulator = createSimulator({ seed: 1, populationSize: 50, now: NOW, trafficRate: 0, audiences: [], journeys: [] });
		const p = simulator.population;
		for (let i = 0; i < p.size; i++) {
			p.lastVisit[i] = NaN;
			p.lastPurchase[i] = NaN;
		}
		// Visited now (matches for 2 days), bought 12 hours ago (the exit condition holds for 12 more hours).
		p.lastVisit[0] = NOW;
		p.lastPurchase[0] = NOW - 12 * HOUR;
		// Visited a day ago, never bought: a member at once, leaves a day from now.
		p.lastVisit[1] = NOW - DAY;

		const visitors = audience(
			'visitors',
			{ combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastVisit', days: 2 }] },
			{ exitConditions: { combinator: 'or', items: [{ operator: 'withinLastDays', attribute: 'lastPurchase', days: 1 }] } }
		);
		simulator.updateDefinitions([visitors], []);
		const at = (m: { at: number }) => (m.at - NOW) / HOUR;
		const messages = simulator.advance(NOW + 3 * DAY).map((m) => `${m.operation} #${m.profileIndex} +${at(m)}h ${m.connectorId}`);

		expect(messages).toEqual([
			// A new audience: everyone who matches now enters (profile 0 is held out by its purchase).
			'add #1 +0h visitors-connector',
			// The exit condition runs out while the rules still match: profile 0 enters.
			'add #0 +12h visitors-connector',
			// Profile 1 stays a member until its visit is 2 days old, then leaves.
			'remove #1 +24h visitors-connector',
			'remove #0 +48h visitors-connector'
		]);
	});
});
