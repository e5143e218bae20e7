import { describe, expect, it } from 'vitest';
import { deletionVerdict, usagesByConnector, usagesOfConnector } from '$lib/domain/usage';
import type { JourneyStep } from '$lib/domain/journey';
import { audience, journey, journeyVersion } from '../../fixtures/records';

describe('who uses a connector', () => {
	const audiences = [audience('a1', 'VIP buyers', ['c1']), audience('a2', 'Cart abandoners', ['c1', 'c2'])];
	const journeys = [
		journey('j1', 'Welcome', { published: ['c1'], draft: ['c3'] }),
		journey('j2', 'Winback', { published: null, draft: ['c1'] })
	];

	it('lists audiences and journeys that reference it, audiences first, by name', () => {
		expect(usagesOfConnector('c1', audiences, journeys)).toEqual([
			{ kind: 'audience', id: 'a2', name: 'Cart abandoners' },
			{ kind: 'audience', id: 'a1', name: 'VIP buyers' },
			{ kind: 'journey', id: 'j1', name: 'Welcome', versions: ['published'] },
			{ kind: 'journey', id: 'j2', name: 'Winback', versions: ['draft'] }
		]);
	});

	it('counts a journey whose draft alone uses the connector', () => {
		expect(usagesOfConnector('c3', audiences, journeys)).toEqual([
			{ kind: 'journey', id: 'j1', name: 'Welcome', versions: ['draft'] }
		]);
	});

	it('finds destinations inside branches', () => {
		const version = journeyVersion([]);
		const branch: JourneyStep = {
			kind: 'branch',
			id: 'b',
			condition: { combinator: 'and', items: [] },
			then: [],
			otherwise: [{ kind: 'destination', id: 'd', connectorId: 'deep', operation: 'remove', settings: {} }]
		};
		const nested = { ...journey('j3', 'Nested', { published: null, draft: [] }), draft: { ...version, steps: [branch] } };
		expect(usagesOfConnector('deep', [], [nested])).toHaveLength(1);
	});

	it('refuses deletion while used and lists every use', () => {
		const verdict = deletionVerdict('c2', audiences, journeys);
		expect(verdict).toEqual({ allowed: false, usages: [{ kind: 'audience', id: 'a2', name: 'Cart abandoners' }] });
	});

	it('allows deletion of a connector nobody uses', () => {
		expect(deletionVerdict('unused', audiences, journeys)).toEqual({ allowed: true });
	});

	it('maps every used connector to its uses at once', () => {
		const map = usagesByConnector(audiences, journeys);
		expect([...map.keys()].sort()).toEqual(['c1', 'c2', 'c3']);
		expect(map.get('c2')).toHaveLength(1);
	});
});
