/**
 * ECharts with only what the statistics draw (bar charts on a grid, a legend, SVG), run without a
 * DOM: an option becomes an SVG picture plus the frame that says where its bars are. It runs in
 * the chart worker in the app, and as is in jsdom tests.
 */
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartFrame } from '$lib/domain/chart-frame';
import { chartOption, type ChartOption } from '$lib/domain/chart-option';
import { emptyCounts, type DailyStatistics } from '$lib/domain/statistics';
import type { DrawnChart } from './protocol';

use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The parts of a drawn chart's model the frame reads. ECharts keeps `getModel` private, but it
 * has been there unchanged since version 4; the SVG test checks the frame against the picture,
 * so an upgrade that moves it fails a test rather than the pointer.
 */
interface DrawnModel {
	getModel(): {
		getComponent(type: 'grid', index: number): { coordinateSystem?: { getRect(): Rect } } | undefined;
		getSeriesByIndex(index: number): { getData(): { getLayout(key: 'size'): number | undefined } } | undefined;
	};
}

function categoriesOf(axis: unknown): number {
	const data = (axis as { data?: unknown[] } | undefined)?.data;
	return Array.isArray(data) ? data.length : 0;
}

/** Draws `option` at `width` × `height` pixels: the SVG picture and its frame. */
export function drawChart(option: ChartOption, width: number, height: number): DrawnChart {
	const started = performance.now();
	const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption(option);
		const svg = chart.renderToSVGString();
		const categoryAxis = (option.xAxis as { type?: string } | undefined)?.type === 'category' ? 'x' : 'y';
		const valueFinder = categoryAxis === 'x' ? { yAxisIndex: 0 } : { xAxisIndex: 0 };
		const categoryFinder = categoryAxis === 'x' ? { xAxisIndex: 0 } : { yAxisIndex: 0 };
		const count = categoriesOf(categoryAxis === 'x' ? option.xAxis : option.yAxis);
		const model = (chart as unknown as DrawnModel).getModel();
		const plot = model.getComponent('grid', 0)?.coordinateSystem?.getRect() ?? { x: 0, y: 0, width, height };
		const first = count > 0 ? chart.convertToPixel(categoryFinder, 0) : 0;
		const step = count > 1 ? chart.convertToPixel(categoryFinder, 1) - first : categoryAxis === 'x' ? plot.width : plot.height;
		const zero = chart.convertToPixel(valueFinder, 0);
		const frame: ChartFrame = {
			categoryAxis,
			plot: { x: plot.x, y: plot.y, width: plot.width, height: plot.height },
			count,
			first,
			step,
			zero,
			perUnit: chart.convertToPixel(valueFinder, 1) - zero,
			barWidth: option.series.length > 0 ? (model.getSeriesByIndex(0)?.getData().getLayout('size') ?? 0) : 0
		};
		return { svg, frame, renderMs: performance.now() - started };
	} finally {
		chart.dispose();
	}
}

/**
 * A 90-day statistics chart with every kind of series (sent, removed, the error categories and
 * partner codes, decals), built as the pages build theirs, drawn and thrown away: ECharts' code
 * runs cold the first time (compiled lazily, no type feedback), at about three times its warm
 * cost. Drawn while the page is still loading its statistics, it makes the page's first real
 * chart a warm one. Returns how long it took.
 */
export function warmUpChart(): number {
	const now = Date.UTC(2026, 0, 31, 12);
	const statistics: DailyStatistics[] = Array.from({ length: 90 }, (_, d) => ({
		connectorId: 'warm-up',
		day: new Date(now - d * 86_400_000).toISOString().slice(0, 10),
		counts: { ...emptyCounts(), sent: 1000 + d, removed: 900, otherError: d % 3, invalidCredentials: d % 5, timeout: d % 7, partnerErrors: { A: d % 2, B: 1 } }
	}));
	const partner = { reportsPartnerErrorCodes: true, codeMessage: (code: string) => `Code ${code}` };
	return drawChart(chartOption(statistics, 90, 'UTC', partner, now), 900, 300).renderMs;
}
