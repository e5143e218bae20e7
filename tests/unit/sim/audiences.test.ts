import { describe, expect, it } from 'vitest';
import type { RuleGroup } from '$lib/domain/rules';
import { AudienceMemberships, sizeEstimate } from '$lib/sim/audiences';
import { createPopulation, type Population } from '$lib/sim/population';
import { COUNTRIES, DEVICES, HAS_EMAIL } from '$lib/sim/traits';
import { audience, DAY, HOUR, NOW } from './fixtures';

/** A tiny population whose profiles a test sets by hand: no visits, no value, no consent. */
function blank(size = 4): Population {
	const p = createPopulation({ seed: 1, size, now: NOW });
	p.lastVisit.fill(NaN);
	p.lastPurchase.fill(NaN);
	p.lastAppOpen.fill(NaN);
	p.lastEmailClick.fill(NaN);
	p.lifetimeValue.fill(0);
	p.marketingConsent.fill(0);
	p.identifiers.fill(HAS_EMAIL);
	p.country.fill(COUNTRIES.indexOf('DE'));
	p.device.fill(DEVICES.indexOf('desktop'));
	return p;
}

const highValue: RuleGroup = {
	combinator: 'and',
	items: [
		{ operator: 'greaterThan', attribute: 'lifetimeValue', value: 500 },
		{ operator: 'equals', attribute: 'marketingConsent', value: true }
	]
};
const recentVisitors: RuleGroup = { combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 }] };
const boughtToday: RuleGroup = { combinator: 'or', items: [{ operator: 'withinLastDays', attribute: 'lastPurchase', days: 1 }] };

function changes(m: AudienceMemberships, id: string, changed: number[], now: number) {
	return m.evaluate(changed, now).get(id)!;
}

describe('audience membership', () => {
	it('enters when a profile first matches, stays while it matches, leaves when it stops', () => {
		const p = blank();
		const m = new AudienceMemberships(p, [audience('hv', highValue)], NOW);
		expect(m.memberCount('hv')).toBe(0);
		p.lifetimeValue[1] = 800;
		expect(changes(m, 'hv', [1], NOW + 1)).toEqual({ entered: [], left: [] }); // no consent yet
		p.marketingConsent[1] = 1;
		expect(changes(m, 'hv', [1], NOW + 2)).toEqual({ entered: [1], left: [] });
		p.lifetimeValue[1] = 900;
		expect(changes(m, 'hv', [1], NOW + 3)).toEqual({ entered: [], left: [] });
		expect(m.isMember('hv', 1)).toBe(true);
		p.marketingConsent[1] = 0;
		expect(changes(m, 'hv', [1], NOW + 4)).toEqual({ entered: [], left: [1] });
		expect(m.memberCount('hv')).toBe(0);
	});

	it('computes the members at the start without anyone entering', () => {
		const p = blank();
		p.lifetimeValue[2] = 600;
		p.marketingConsent[2] = 1;
		const m = new AudienceMemberships(p, [audience('hv', highValue)], NOW);
		expect(m.isMember('hv', 2)).toBe(true);
		expect(changes(m, 'hv', [0, 1, 2, 3], NOW + 1)).toEqual({ entered: [], left: [] });
		expect(Array.from(m.membersOf('hv'))).toEqual([2]);
	});

	it('leaves "within the last N days" by time alone, at the moment the window closes', () => {
		const p = blank();
		const m = new AudienceMemberships(p, [audience('recent', recentVisitors)], NOW);
		p.lastVisit[0] = NOW;
		expect(changes(m, 'recent', [0], NOW).entered).toEqual([0]);
		expect(changes(m, 'recent', [], NOW + 7 * DAY - 1)).toEqual({ entered: [], left: [] });
		expect(changes(m, 'recent', [], NOW + 7 * DAY)).toEqual({ entered: [], left: [0] });
	});

	it('stays when a new visit extends the window, and leaves when the later one runs out', () => {
		const p = blank();
		const m = new AudienceMemberships(p, [audience('recent', recentVisitors)], NOW);
		p.lastVisit[3] = NOW;
		changes(m, 'recent', [3], NOW);
		p.lastVisit[3] = NOW + 3 * DAY;
		expect(changes(m, 'recent', [3], NOW + 3 * DAY)).toEqual({ entered: [], left: [] });
		expect(changes(m, 'recent', [], NOW + 8 * DAY)).toEqual({ entered: [], left: [] });
		expect(changes(m, 'recent', [], NOW + 10 * DAY)).toEqual({ entered: [], left: [3] });
	});

	it('leaves on an exit condition and does not re-enter while it holds', () => {
		const p = blank();
		const cart = audience('cart', recentVisitors, { exitConditions: boughtToday });
		const m = new AudienceMemberships(p, [cart], NOW);
		p.lastVisit[0] = NOW;
		expect(changes(m, 'cart', [0], NOW).entered).toEqual([0]);
		p.lastPurchase[0] = NOW + HOUR;
		expect(changes(m, 'cart', [0], NOW + HOUR)).toEqual({ entered: [], left: [0] });
		// A new visit while the exit condition holds: still out.
		p.lastVisit[0] = NOW + 2 * HOUR;
		expect(changes(m, 'cart', [0], NOW + 2 * HOUR)).toEqual({ entered: [], left: [] });
		expect(changes(m, 'cart', [], NOW + HOUR + DAY - 1)).toEqual({ entered: [], left: [] });
		// The exit condition runs out while the rules still match: the profile is back in.
		expect(changes(m, 'cart', [], NOW + HOUR + DAY)).toEqual({ entered: [0], left: [] });
		expect(changes(m, 'cart', [], NOW + 2 * HOUR + 7 * DAY)).toEqual({ entered: [], left: [0] });
	});

	it('does not enter by time alone when the exit condition outlasts the rules', () => {
		const p = blank();
		const m = new AudienceMemberships(p, [audience('cart', recentVisitors, { exitConditions: boughtToday })], NOW);
		p.lastVisit[0] = NOW - 7 * DAY + HOUR;
		p.lastPurchase[0] = NOW;
		expect(changes(m, 'cart', [0], NOW)).toEqual({ entered: [], left: [] });
		expect(changes(m, 'cart', [], NOW + 2 * DAY)).toEqual({ entered: [], left: [] });
	});

	it('evaluates one of, has identifier, less than and OR groups; an empty group matches nobody', () => {
		const p = blank();
		p.country[0] = COUNTRIES.indexOf('NL');
		p.country[1] = COUNTRIES.indexOf('BE');
		p.identifiers[2] = 0;
		p.lifetimeValue[3] = 10;
		p.lifetimeValue[0] = 10;
		const rules: RuleGroup = {
			combinator: 'or',
			items: [
				{ operator: 'oneOf', attribute: 'country', values: ['nl', 'BE'] },
				{ combinator: 'and', items: [{ operator: 'lessThan', attribute: 'lifetimeValue', value: 5 }, { operator: 'hasIdentifier', identifier: 'hashedEmail' }] }
			]
		};
		const m = new AudienceMemberships(p, [audience('mixed', rules), audience('empty', { combinator: 'and', items: [] })], NOW);
		// 0: NL; 1: BE; 2: value 0 but no e-mail; 3: value 10.
		expect(Array.from(m.membersOf('mixed'))).toEqual([0, 1]);
		expect(m.memberCount('empty')).toBe(0);
	});

	it('sends the difference when rules change, and nothing when they do not', () => {
		const p = blank();
		p.lifetimeValue.set([100, 300, 600, 900]);
		p.marketingConsent.fill(1);
		const first = audience('hv', highValue);
		const m = new AudienceMemberships(p, [first], NOW);
		expect(Array.from(m.membersOf('hv'))).toEqual([2, 3]);
		expect(m.setAudiences([{ ...first, name: 'renamed' }], NOW).size).toBe(0);
		const lower = { ...first, rules: { ...highValue, items: [{ operator: 'greaterThan' as const, attribute: 'lifetimeValue' as const, value: 200 }] } };
		const result = m.setAudiences([lower], NOW).get('hv')!;
		expect(result.entered).toEqual([1]);
		expect(result.left).toEqual([]);
		const withConnector = { ...lower, connectors: [...lower.connectors, { connectorId: 'new', settings: {} }] };
		expect(m.setAudiences([withConnector], NOW).get('hv')!.addedConnectors.map((use) => use.connectorId)).toEqual(['new']);
	});

	it('estimates an audience size as the members a fresh evaluation finds', () => {
		const p = createPopulation({ seed: 3, size: 20_000, now: NOW });
		const cart = audience('cart', recentVisitors, { exitConditions: boughtToday });
		const m = new AudienceMemberships(p, [cart], NOW);
		const estimate = sizeEstimate(cart, p, NOW);
		expect(estimate).toBe(m.memberCount('cart'));
		expect(estimate).toBeGreaterThan(1_000);
		expect(sizeEstimate(cart, p, NOW + 30 * DAY)).toBe(0); // nobody visits in a frozen population
	});

	it('restores memberships and pending expiries from a snapshot', () => {
		const p = blank();
		const m = new AudienceMemberships(p, [audience('recent', recentVisitors)], NOW);
		p.lastVisit[1] = NOW;
		changes(m, 'recent', [1], NOW);
		const snapshot = structuredClone(m.snapshot());
		const restored = new AudienceMemberships(p, [], NOW);
		restored.restore(snapshot);
		expect(restored.isMember('recent', 1)).toBe(true);
		expect(changes(restored, 'recent', [], NOW + 7 * DAY)).toEqual({ entered: [], left: [1] });
	});
});
