import { describe, expect, it } from 'vitest';
import { createEngineApi, type EngineDeps } from '$lib/engine/engine-api';
import type { RuleGroup } from '$lib/domain/rules';
import { sizeEstimate } from '$lib/sim/audiences';
import { Population } from '$lib/sim/population';

const NOW = Date.UTC(2026, 10, 28, 9);
const recent = (days: number): RuleGroup => ({ combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastVisit', days }] });

describe('audience size estimates in the engine', () => {
	it('counts over a population built like the engine\'s when this worker does not run the engine', async () => {
		const api = createEngineApi({} as EngineDeps);
		const request = { rules: recent(7), exitConditions: null, seed: 42, populationSize: 5_000, now: NOW };
		const estimate = await api.estimateAudience(request);
		const expected = sizeEstimate(request, new Population({ seed: 42, size: 5_000, now: NOW }), NOW);
		expect(estimate).toEqual({ members: expected, populationSize: 5_000, at: NOW });
		expect(expected).toBeGreaterThan(0);
		// A wider window holds at least as many; an exit condition everyone meets leaves nobody.
		expect((await api.estimateAudience({ ...request, rules: recent(30) })).members).toBeGreaterThanOrEqual(expected);
		const everyone: RuleGroup = { combinator: 'and', items: [{ operator: 'hasIdentifier', identifier: 'customerId' }] };
		expect((await api.estimateAudience({ ...request, exitConditions: everyone })).members).toBe(0);
	});
});
