import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import BarChart from '$lib/components/stats/BarChart.svelte';
import { chartOption, dayTooltip, statisticsView } from '$lib/domain/chart-option';
import { emptyCounts, type DailyStatistics } from '$lib/domain/statistics';

const plain = { reportsPartnerErrorCodes: false, codeMessage: () => null };
const stats: DailyStatistics[] = [{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25, removed: 5 } }];

describe('the statistics chart on a page (jsdom)', () => {
	it('shows the drawn picture, the tooltip of the hovered day, and reports the clicked bar', async () => {
		const onbar = vi.fn();
		const option = chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12));
		const tooltip = (index: number) => ({ title: `Day number ${index + 1}`, note: null, rows: [], total: { label: 'Errors', value: '0' }, hint: 'Click a bar' });
		const { container } = render(BarChart, { option, label: 'Messages per day', width: 640, tooltip, onbar });
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

	it('renders a day’s tooltip as rows with colours and counts, partner messages as text', async () => {
		const evil = { reportsPartnerErrorCodes: true, codeMessage: () => '<img src=x onerror=alert(1)>' };
		const rows: DailyStatistics[] = [{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 1250, partnerErrors: { X: 3 }, skipped: 4 } }];
		const view = statisticsView(rows, 7, 'UTC', evil, '2026-11-28');
		const option = chartOption(rows, 7, 'UTC', evil, Date.UTC(2026, 10, 28, 12));
		const { container } = render(BarChart, { option, label: 'Messages per day', width: 640, tooltip: (index: number) => dayTooltip(view, index) });
		const picture = screen.getByRole('img', { name: 'Messages per day' });
		await waitFor(() => expect(picture.querySelector('svg')).not.toBeNull());

		const bars = [...(picture.querySelector('path[fill="#2e8b57"]')?.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)];
		const [, x, bottom, width, height] = bars.at(-1)!.map(Number);
		await fireEvent.pointerMove(picture, { clientX: x! + width! / 2, clientY: bottom! + height! / 2 });

		const tip = (await screen.findByText('Click a bar for the requests behind it')).parentElement!;
		const cells = within(tip)
			.getAllByRole('row', { hidden: true })
			.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));
		expect(cells).toEqual([
			['Successfully sent', '1,250'],
			['Successfully removed', '0'],
			['X: <img src=x onerror=alert(1)>', '3'],
			['Skipped (no identifier)', '4'],
			['Cancelled', '0'],
			['Errors (0.2 %)', '3']
		]);
		// The partner's message is text: no element came of it.
		expect(container.querySelector('img')).toBeNull();
		expect(tip.querySelector('.swatch')).toHaveStyle({ background: '#2e8b57' });
	});

	it('offers to save the chart once it is drawn, as an SVG file named for what it shows', async () => {
		const option = chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12));
		render(BarChart, { option, label: 'Messages per day', width: 640, save: { title: 'Meta: messages per day', subtitle: null, fileName: 'meta-statistics-7-days' } });
		const group = screen.getByRole('group', { name: 'Save chart' });
		const svgButton = within(group).getByRole('button', { name: 'Save as SVG' });
		await waitFor(() => expect(svgButton).toBeEnabled());

		const saved: Array<{ name: string; type: string }> = [];
		const createObjectURL = vi.fn((blob: Blob) => {
			saved.push({ name: '', type: blob.type });
			return 'blob:chart';
		});
		const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
		Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
		const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
			saved.at(-1)!.name = this.download;
		});
		await fireEvent.click(svgButton);
		expect(saved).toEqual([{ name: 'meta-statistics-7-days.svg', type: 'image/svg+xml' }]);
		click.mockRestore();
		Object.assign(URL, original);
	});
});
