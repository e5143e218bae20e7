/// <reference lib="webworker" />
import { expose } from 'comlink';
import { setPlatformAPI } from 'echarts/core';
import { drawChart, warmUpChart } from './render';
import type { ChartWorkerApi } from './protocol';

// A worker has no document to make a canvas from: text is measured on an OffscreenCanvas, so
// labels are laid out with the browser's real font widths, as on the page.
const context = new OffscreenCanvas(1, 1).getContext('2d');
if (context) {
	setPlatformAPI({
		measureText(text: string, font?: string) {
			context.font = font || '12px sans-serif';
			return context.measureText(text);
		}
	});
}

const api: ChartWorkerApi = { draw: drawChart, warmUp: warmUpChart };
expose(api);
