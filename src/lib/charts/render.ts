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
import type { ChartOption } from '$lib/domain/chart-option';
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
 * A chart like a 90-day statistics chart (stacked bars as paths, decals, day labels), drawn and
 * thrown away: ECharts' code runs cold the first time (compiled lazily, no type feedback), at
 * about three times its warm cost. Drawn while the page is still loading its statistics, it
 * makes the page's first real chart a warm one. Returns how long it took.
 */
export function warmUpChart(): number {
	const days = Array.from({ length: 90 }, (_, i) => `${(i % 28) + 1} Nov`);
	const series = ['#2e8b57', '#2f6fdb', '#6b6b6b', '#d55e00', '#e69f00', '#cc79a7'].map((color, s) => ({
		type: 'bar' as const,
		id: `warm-${s}`,
		name: `warm ${s}`,
		stack: 'messages',
		data: days.map((_, d) => ((d * 37 + s * 11) % 97) * (s < 2 ? 40 : 1)),
		itemStyle: s < 2 ? { color } : { color, decal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: s, color: 'rgba(255, 255, 255, 0.6)' } },
		barMaxWidth: 28,
		large: true,
		largeThreshold: 1
	}));
	const option: ChartOption = {
		animation: false,
		grid: { left: 56, right: 12, top: 12, bottom: 28 },
		legend: { show: false },
		xAxis: { type: 'category', data: days, axisTick: { alignWithLabel: true }, axisLabel: { hideOverlap: true, color: '#4a5261' } },
		yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4a5261' }, splitLine: { lineStyle: { color: '#e8ebf0' } } },
		series
	};
	return drawChart(option, 900, 300).renderMs;
}
