import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RecentMessagesSummary from '$lib/components/audiences/RecentMessagesSummary.svelte';
import { emptyCounts } from '$lib/domain/statistics';
import { freshStore } from '../../fixtures/store';

const HOUR = 3_600_000;
const CLOCK = Date.UTC(2026, 10, 28, 15, 30);

describe('messages in the last 24 hours', () => {
	it('sums sent, removed and errors of the last 24 sandbox hours of one connector', async () => {
		const store = await freshStore();
		const hourOf = (hoursAgo: number) => Math.floor(CLOCK / HOUR) * HOUR - hoursAgo * HOUR;
		const counts = (sent: number, removed: number, errors: number) => ({ ...emptyCounts(), sent, removed, timeout: errors, partnerErrors: { '190': 1 } });
		await store.statistics.commit({
			increments: [
				{ connectorId: 'meta', hour: hourOf(0), counts: counts(10, 2, 1) },
				{ connectorId: 'meta', hour: hourOf(23), counts: counts(5, 1, 0) },
				// Older than 24 hours, and another connector: not counted.
				{ connectorId: 'meta', hour: hourOf(24), counts: counts(100, 100, 100) },
				{ connectorId: 'dv360', hour: hourOf(1), counts: counts(1_000, 0, 0) }
			],
			log: [],
			state: { id: 'engine', clock: CLOCK, speed: 60, populationSize: 100_000, trafficRate: 1, checkpoint: null, updatedAt: CLOCK },
			timeZone: 'UTC'
		});
		render(RecentMessagesSummary, { props: { store, connectorId: 'meta', clock: CLOCK } });
		const region = screen.getByRole('region', { name: 'Messages in the last 24 hours' });
		await within(region).findByText('15');
		expect(region.querySelector('dd.removed')).toHaveTextContent('3');
		// One timeout and one partner error in each of the two counted hours.
		expect(region.querySelector('dd.errors')).toHaveTextContent('3');
	});
});
