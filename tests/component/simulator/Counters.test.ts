import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Counters from '$lib/components/simulator/Counters.svelte';
import type { EngineProgress } from '$lib/engine/protocol';

type Totals = EngineProgress['totals'];

function totals(overrides: Partial<Totals> = {}): Totals {
	return {
		accepted: 12_500,
		inFlight: 1_250,
		queued: 1_000,
		sending: 200,
		waitingRetry: 50,
		sent: 8_000,
		removed: 2_000,
		errors: 900,
		skipped: 300,
		cancelled: 50,
		attempts: 130,
		retries: 12,
		...overrides
	};
}

/** The big number under a counter's label. */
const counter = (label: string | RegExp) => screen.getByText(label, { selector: 'dt' }).nextElementSibling;

describe('Counters', () => {
	it('shows each counter as a big number with its label', () => {
		render(Counters, { props: { totals: totals() } });

		expect(counter('Accepted')).toHaveTextContent('12,500');
		expect(counter('In flight')).toHaveTextContent('1,250');
		expect(counter('Sent')).toHaveTextContent('8,000');
		expect(counter('Removed')).toHaveTextContent('2,000');
		expect(counter('Errors')).toHaveTextContent('900');
		expect(counter(/^Skipped/)).toHaveTextContent('300');
		expect(screen.getByText('(no identifier)')).toBeInTheDocument();
		expect(counter('Cancelled')).toHaveTextContent('50');
		expect(counter('Attempts')).toHaveTextContent('130');
		expect(counter('Retries')).toHaveTextContent('12');
	});

	it('breaks in flight down into queued, sending and waiting to retry', () => {
		render(Counters, { props: { totals: totals() } });

		expect(screen.getByText('1,000 queued · 200 sending · 50 waiting to retry')).toBeInTheDocument();
	});

	it('shows that accepted = finished + in flight, with the numbers', () => {
		render(Counters, { props: { totals: totals() } });

		// finished = 8,000 sent + 2,000 removed + 900 errors + 300 skipped + 50 cancelled
		expect(screen.getByText(/Nothing lost: accepted 12,500 = finished 11,250 \+ in flight 1,250/)).toBeInTheDocument();
		expect(screen.getByText(/finished = sent \+ removed \+ errors \+ skipped \+ cancelled/)).toBeInTheDocument();
	});

	it('says so when the numbers do not add up', () => {
		render(Counters, { props: { totals: totals({ accepted: 12_510 }) } });

		expect(screen.queryByText(/Nothing lost/)).not.toBeInTheDocument();
		expect(screen.getByText(/Does not add up: accepted 12,510 ≠ finished 11,250 \+ in flight 1,250 \(a difference of 10\)/)).toBeInTheDocument();
	});

	it('follows new totals', async () => {
		const { rerender } = render(Counters, { props: { totals: totals() } });

		await rerender({ totals: totals({ accepted: 13_500, sent: 9_000 }) });

		expect(counter('Accepted')).toHaveTextContent('13,500');
		expect(screen.getByText(/Nothing lost: accepted 13,500 = finished 12,250 \+ in flight 1,250/)).toBeInTheDocument();
	});
});
