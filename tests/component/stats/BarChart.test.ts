import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import BarChart from '$lib/components/stats/BarChart.svelte';
import { chartOption } from '$lib/domain/chart-option';
import { emptyCounts, type DailyStatistics } from '$lib/domain/statistics';

const plain = { reportsPartnerErrorCodes: false, codeMessage: () => null };
const stats: DailyStatistics[] = [{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25, removed: 5 } }];

describe('the statistics chart on a page (jsdom)', () => {
	it('shows the drawn picture, the tooltip of the hovered day, and reports the clicked bar', async () => {
		const onbar = vi.fn();
		const option = chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12));
		const { container } = render(BarChart, { option, label: 'Messages per day', width: 640, tooltip: (index: number) => `Day number ${index + 1}`, onbar });
		const picture = screen.getByRole('img', { name: 'Messages per day' });
		await waitFor(() => expect(picture.querySelector('svg')).not.toBeNull());
		expect(container.textContent).not.toContain('Drawing the chart');

		// The green bar of the 28th (the last of seven days) fills the band's middle from the base up.
		const bars = [...(picture.querySelector('path[fill="#2e8b57"]')?.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)];
		const [, x, bottom, width, height] = bars.at(-1)!.map(Number);
		const at = { clientX: x! + width! / 2, clientY: bottom! + height! / 2 };
		await fireEvent.pointerMove(picture, at);
		expect(await screen.findByText('Day number 7')).toBeTruthy();
		await fireEvent.click(picture, at);
		expect(onbar).toHaveBeenCalledWith('sent', 6);

		// Outside the plot there is no day: the tooltip goes, and a click there opens nothing.
		await fireEvent.pointerMove(picture, { clientX: 5, clientY: 5 });
		await waitFor(() => expect(screen.queryByText('Day number 7')).toBeNull());
		await fireEvent.click(picture, { clientX: 5, clientY: 5 });
		expect(onbar).toHaveBeenCalledTimes(1);
	});
});
