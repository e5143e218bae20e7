import type { ChartFrame } from '$lib/domain/chart-frame';
import type { ChartOption } from '$lib/domain/chart-option';

/** A chart drawn off the main thread: the SVG picture, and where its bars are. */
export interface DrawnChart {
	svg: string;
	frame: ChartFrame;
	/** How long ECharts took to draw it, in milliseconds (in the chart worker). */
	renderMs: number;
}

/** What the chart worker does: draw an option at a size. Options are plain data (no functions). */
export interface ChartWorkerApi {
	draw(option: ChartOption, width: number, height: number): DrawnChart;
	/** Draws a throwaway chart that takes every path a statistics chart takes; returns its time. */
	warmUp(): number;
}
