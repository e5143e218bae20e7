import { describe, expect, it } from 'vitest';
import { drawChart, warmUpChart } from '$lib/charts/render';
import { bandOf, categoryAt, seriesAt } from '$lib/domain/chart-frame';
import { chartOption } from '$lib/domain/chart-option';
import { REMOVED_COLOR, SENT_COLOR } from '$lib/domain/stats-series';
import { emptyCounts, type DailyStatistics } from '$lib/domain/statistics';

const plain = { reportsPartnerErrorCodes: false, codeMessage: () => null };

describe('the statistics chart drawn as SVG (jsdom)', () => {
	it('draws a green and a blue bar for each day with messages, errors stacked on them, heights as counted, and labels each day', () => {
		const stats: DailyStatistics[] = [
			{ connectorId: 'c', day: '2026-11-26', counts: { ...emptyCounts(), sent: 40, removed: 10 } },
			{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25, removed: 5, timeout: 8 } }
		];
		const { svg, frame } = drawChart(chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12)), 640, 300);
		const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
		// Each series is one path of rectangles, "M x y l w 0 l 0 h l -w 0 Z" per day; days
		// without messages have no height.
		const bars = (color: string) =>
			[...document.querySelectorAll('path')]
				.filter((p) => p.getAttribute('fill')?.toLowerCase() === color.toLowerCase())
				.flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)])
				.map(([, x, y, width, height]) => ({ x: Number(x), bottom: Number(y), width: Number(width), height: -Number(height) }))
				.filter((bar) => bar.height > 0);
		const sent = bars(SENT_COLOR);
		const removed = bars(REMOVED_COLOR);
		const timeout = bars('#e69f00');
		expect(sent).toHaveLength(2);
		expect(removed).toHaveLength(2);
		expect(timeout).toHaveLength(1); // the timeout, on the 28th only
		// The 28th is the last of seven days: its bars are the rightmost ones.
		expect(timeout[0]!.x).toBe(Math.max(...sent.map((bar) => bar.x)));
		// Stacked: each day's removed bar starts where its sent bar ends, the timeout on top of both.
		for (const bar of removed) {
			const under = sent.find((s) => s.x === bar.x)!;
			expect(bar.bottom).toBeCloseTo(under.bottom - under.height, 5);
		}
		const lastRemoved = removed.find((bar) => bar.x === timeout[0]!.x)!;
		expect(timeout[0]!.bottom).toBeCloseTo(lastRemoved.bottom - lastRemoved.height, 5);
		// Heights follow the counts: 40 sent against 25, 8 timeouts against 5 removed.
		const [first, last] = [...sent].sort((a, b) => a.x - b.x);
		expect(first!.height / last!.height).toBeCloseTo(40 / 25, 5);
		expect(timeout[0]!.height / lastRemoved.height).toBeCloseTo(8 / 5, 5);
		const labels = [...document.querySelectorAll('text')].map((t) => t.textContent);
		expect(labels).toEqual(expect.arrayContaining(['22 Nov', '28 Nov']));

		// The frame the page points with matches the picture: its plot is the bars' clip, and the
		// point in the middle of each drawn bar finds that bar's day and series.
		const clip = document.querySelector('clipPath path')?.getAttribute('d');
		expect(clip).toBe(`M${frame.plot.x} ${frame.plot.y}l${frame.plot.width} 0l0 ${frame.plot.height}l-${frame.plot.width} 0Z`);
		const series = chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12)).series;
		const middle = (bar: { x: number; bottom: number; width: number; height: number }) => [bar.x + bar.width / 2, bar.bottom - bar.height / 2] as const;
		expect(seriesAt(frame, series, ...middle(timeout[0]!))).toEqual({ seriesId: 'timeout', index: 6 });
		expect(seriesAt(frame, series, ...middle(lastRemoved))).toEqual({ seriesId: 'removed', index: 6 });
		expect(seriesAt(frame, series, ...middle(first!))).toEqual({ seriesId: 'sent', index: 4 });
		// Above a day's stack, the day is still hovered (tooltip and band) but no bar is under the pointer.
		expect(seriesAt(frame, series, middle(timeout[0]!)[0], frame.plot.y + 1)).toBeNull();
		expect(categoryAt(frame, middle(timeout[0]!)[0], frame.plot.y + 1)).toBe(6);
		expect(bandOf(frame, 6).x + bandOf(frame, 6).width).toBeCloseTo(frame.plot.x + frame.plot.width, 5);
	});

	it('draws each chart whole: a series drawn before does not stay in the next chart of the same size', () => {
		const withTimeout: DailyStatistics[] = [{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25, timeout: 8 } }];
		const without: DailyStatistics[] = [{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25 } }];
		const fills = (svg: string) => [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('path')].map((p) => p.getAttribute('fill'));
		const now = Date.UTC(2026, 10, 28, 12);
		expect(fills(drawChart(chartOption(withTimeout, 7, 'UTC', plain, now), 640, 300).svg)).toContain('#e69f00');
		const next = drawChart(chartOption(without, 7, 'UTC', plain, now), 640, 300);
		expect(fills(next.svg)).not.toContain('#e69f00');
		expect(fills(next.svg)).toContain(SENT_COLOR);
	});

	it('warms up on a 90-day chart of its own without a page', () => {
		expect(Number.isFinite(warmUpChart())).toBe(true);
	});
});
