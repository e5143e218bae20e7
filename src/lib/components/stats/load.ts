/** ECharts, loaded on first use (a page with a chart), with only what the statistics draw. */
export function loadCharts(): Promise<typeof import('./echarts')> {
	return import('./echarts');
}
