import { releaseProxy, wrap, type Remote } from 'comlink';
import type { ChartOption } from '$lib/domain/chart-option';
import type { ChartWorkerApi, DrawnChart } from './protocol';

/**
 * Draws charts in a worker of their own, so that ECharts' work (55-190 ms for a page's first
 * 90-day chart, before the JIT warms up) never blocks the page: the page only swaps in the SVG.
 * The only place that creates the chart Worker; one per page, kept across navigations so later
 * charts draw warm. Where there is no Worker (jsdom), charts are drawn in the calling thread.
 */
export class ChartPainter {
	#worker: Worker | undefined;
	#remote: Remote<ChartWorkerApi> | undefined;

	/** The SVG picture of `option` at `width` × `height`, and where its bars are. */
	async draw(option: ChartOption, width: number, height: number): Promise<DrawnChart> {
		if (typeof Worker === 'undefined') {
			const { drawChart } = await import('./render');
			return drawChart(option, width, height);
		}
		try {
			return await this.#api().draw(option, width, height);
		} catch (error) {
			// A worker whose module failed to load stays broken: start a fresh one next time.
			this.dispose();
			throw error;
		}
	}

	/**
	 * Starts the chart worker and has it draw a throwaway chart, so that ECharts' cold start
	 * overlaps the page's own loading instead of delaying its first chart. Harmless to repeat.
	 */
	prepare(): void {
		if (typeof Worker === 'undefined' || this.#remote) return;
		this.#api()
			.warmUp()
			.catch(() => this.dispose());
	}

	dispose(): void {
		this.#remote?.[releaseProxy]();
		this.#worker?.terminate();
		this.#remote = undefined;
		this.#worker = undefined;
	}

	#api(): Remote<ChartWorkerApi> {
		if (!this.#remote) {
			this.#worker = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module', name: 'activation-charts' });
			this.#remote = wrap<ChartWorkerApi>(this.#worker);
		}
		return this.#remote;
	}
}

let shared: ChartPainter | undefined;

/** The page's chart painter. */
export function chartPainter(): ChartPainter {
	return (shared ??= new ChartPainter());
}
