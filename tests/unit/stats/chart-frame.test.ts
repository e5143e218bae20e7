import { describe, expect, it } from 'vitest';
import { bandOf, categoryAt, seriesAt, valueAt, type ChartFrame } from '$lib/domain/chart-frame';

// Seven days in columns 80 px apart, value 0 at y 272, 5.2 px per message upwards.
const columns: ChartFrame = { categoryAxis: 'x', plot: { x: 56, y: 12, width: 560, height: 260 }, count: 7, first: 96, step: 80, zero: 272, perUnit: -5.2, barWidth: 28 };
const series = [
	{ id: 'sent', data: [0, 0, 0, 0, 40, 0, 25] },
	{ id: 'removed', data: [0, 0, 0, 0, 10, 0, 5] },
	{ id: 'timeout', data: [0, 0, 0, 0, 0, 0, 1] }
];
const yOf = (value: number) => columns.zero + value * columns.perUnit;

describe('pointing at a drawn chart', () => {
	it('finds the day under the pointer anywhere in its band, and nothing outside the plot', () => {
		expect(categoryAt(columns, 96, 100)).toBe(0);
		expect(categoryAt(columns, 96 + 6 * 80 + 39, 100)).toBe(6);
		expect(categoryAt(columns, 96 + 80 * 2 - 39, 100)).toBe(2);
		expect(categoryAt(columns, 40, 100)).toBeNull(); // on the value axis' labels
		expect(categoryAt(columns, 300, 290)).toBeNull(); // on the day labels
		expect(categoryAt({ ...columns, count: 0 }, 300, 100)).toBeNull();
	});

	it('finds the stacked series under the pointer, bottom first, and none beside or above the bars', () => {
		const x = 96 + 4 * 80;
		expect(valueAt(columns, x, yOf(20))).toBeCloseTo(20, 9);
		expect(seriesAt(columns, series, x, yOf(20))).toEqual({ seriesId: 'sent', index: 4 });
		expect(seriesAt(columns, series, x, yOf(45))).toEqual({ seriesId: 'removed', index: 4 });
		expect(seriesAt(columns, series, x, yOf(55))).toBeNull();
		expect(seriesAt(columns, series, x + 14.4, yOf(20))).toEqual({ seriesId: 'sent', index: 4 });
		expect(seriesAt(columns, series, x + 20, yOf(20))).toBeNull(); // beside the bar, still in its day
		// A one-message bar is 5 px tall here, and half a pixel around it still finds it.
		expect(seriesAt(columns, series, 96 + 6 * 80, yOf(31) - 0.4)).toEqual({ seriesId: 'timeout', index: 6 });
		// Empty series in between are skipped: the day of nothing but zeros has no bar at all.
		expect(seriesAt(columns, series, 96 + 3 * 80, yOf(0) - 1)).toBeNull();
	});

	it('works the same on rows (the overview: connectors top to bottom, values to the right)', () => {
		const rows: ChartFrame = { categoryAxis: 'y', plot: { x: 212, y: 32, width: 500, height: 144 }, count: 4, first: 50, step: 36, zero: 212, perUnit: 0.5, barWidth: 22 };
		const totals = [
			{ id: 'sent', data: [100, 200, 0, 50] },
			{ id: 'errors', data: [10, 0, 0, 400] }
		];
		expect(categoryAt(rows, 300, 50 + 3 * 36)).toBe(3);
		expect(seriesAt(rows, totals, 212 + 0.5 * 300, 50 + 3 * 36)).toEqual({ seriesId: 'errors', index: 3 });
		expect(seriesAt(rows, totals, 212 + 0.5 * 150, 50 + 36)).toEqual({ seriesId: 'sent', index: 1 });
		expect(bandOf(rows, 1)).toEqual({ x: 212, y: 50 + 36 - 18, width: 500, height: 36 });
	});

	it('puts the hover band across the whole plot, one day wide', () => {
		expect(bandOf(columns, 0)).toEqual({ x: 56, y: 12, width: 80, height: 260 });
		expect(bandOf({ ...columns, count: 1, step: 560, first: 336 }, 0)).toEqual({ x: 56, y: 12, width: 560, height: 260 });
	});
});
