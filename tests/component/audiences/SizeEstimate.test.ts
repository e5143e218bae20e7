import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AudienceEstimate } from '$lib/engine/protocol';
import type { RuleGroup } from '$lib/domain/rules';
import { SizeEstimate } from '$lib/state/audiences.svelte';

const rules = (days: number): RuleGroup => ({ combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastVisit', days }] });

afterEach(() => vi.useRealTimers());

describe('the live size estimate', () => {
	it('asks once after a pause in editing, and drops an answer for rules edited since', async () => {
		vi.useFakeTimers();
		const answers: Array<(value: AudienceEstimate) => void> = [];
		const estimate = vi.fn((_rules: RuleGroup) => new Promise<AudienceEstimate>((resolve) => answers.push(resolve)));
		const size = new SizeEstimate(estimate, 300);

		size.request(rules(1), null);
		size.request(rules(2), null);
		vi.advanceTimersByTime(300);
		expect(estimate).toHaveBeenCalledTimes(1);
		expect(estimate.mock.calls[0]![0]).toEqual(rules(2));

		size.request(rules(3), null);
		vi.advanceTimersByTime(300);
		expect(size.pending).toBe(true);
		// The older answer arrives last-but-one: it is dropped.
		answers[1]!({ members: 30, populationSize: 100, at: 0 });
		answers[0]!({ members: 20, populationSize: 100, at: 0 });
		await vi.runAllTimersAsync();
		expect(size.value?.members).toBe(30);
		expect(size.pending).toBe(false);
	});

	it('counts nothing for rules that cannot match', () => {
		const estimate = vi.fn();
		const size = new SizeEstimate(estimate, 0);
		size.request({ combinator: 'and', items: [] }, null);
		expect(size.impossible).toBe(true);
		expect(estimate).not.toHaveBeenCalled();
	});
});
