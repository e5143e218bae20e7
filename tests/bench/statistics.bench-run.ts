import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { it } from 'vitest';
import { serveBuild } from '../support/static-server';

const RESULTS = 'bench-results.json';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Sandbox {
	activationSandbox: {
		controller: { lastHistory: { completed: boolean } | null };
		store: {
			statistics: {
				commit(commit: unknown): Promise<void>;
				daily(ids: string[], from: string, to: string): Promise<unknown[]>;
			};
		};
	};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Issue 6's size and speed figures, in Chromium against the built app: the connectors list's
 * initial JavaScript (gzipped), a 90-day chart's draw time, and reading 50 connectors' 90 days
 * of daily statistics from IndexedDB.
 */
it('measures the statistics pages in Chromium', { timeout: 600_000 }, async () => {
	const server = await serveBuild();
	const profile = mkdtempSync(join(tmpdir(), 'activation-sandbox-bench-stats-'));
	let context: BrowserContext | undefined;
	try {
		// Service workers blocked: the page's own requests are what a first visit loads (the
		// offline cache would answer them, and fetch the whole build besides).
		context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, serviceWorkers: 'block', args: ['--no-sandbox', '--disable-gpu'] });
		const page = context.pages()[0] ?? (await context.newPage());

		// 1. The JavaScript the connectors list loads before any interaction (the page's, and the
		// engine worker's, which starts with the app), gzipped as a static host would serve it.
		const scripts = new Map<string, { url: string; bytes: number; gzip: number; worker: boolean }>();
		context.on('response', (response) => {
			const url = response.url();
			if (!url.endsWith('.js')) return;
			void response.body().then((body) => scripts.set(url, { url, bytes: body.length, gzip: gzipSync(body).length, worker: url.includes('/workers/') }));
		});
		await page.goto(new URL('/connectors', server.baseURL).href);
		await page.waitForFunction(() => (globalThis as unknown as Partial<Sandbox>).activationSandbox?.controller.lastHistory?.completed === true, undefined, { timeout: 300_000 });
		const list = [...scripts.values()];
		const pageJs = list.filter((s) => !s.worker);
		const workerJs = list.filter((s) => s.worker);
		const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
		const connectorsListGzipKB = kb(pageJs.reduce((n, s) => n + s.gzip, 0));
		const workerGzipKB = kb(workerJs.reduce((n, s) => n + s.gzip, 0));
		// What the engine's worker loads to start, and what it loads on top with its first request
		// to a mocked partner (the demo's first visit generates history at once, so both here).
		const workerStartGzipKB = kb(workerJs.filter((s) => s.url.includes('engine.worker')).reduce((n, s) => n + s.gzip, 0));
		const onList = new Set(scripts.keys());
		console.log(
			`connectors list: ${pageJs.length} scripts, ${connectorsListGzipKB} KB gzipped (${kb(pageJs.reduce((n, s) => n + s.bytes, 0))} KB raw); engine worker ${workerGzipKB} KB gzipped (${workerStartGzipKB} KB to start, the rest with the first request to a mock partner)`
		);

		// 2. A 90-day chart: what each drawing costs the page (swapping in the SVG) and the chart
		// worker (ECharts), as the chart records them (User Timing); first drawings and redraws;
		// and the long tasks (over 50 ms) on the page while the charts are drawn.
		const draws: number[] = [];
		const renders: number[] = [];
		const firstRenders: number[] = [];
		let longTasks: number[] = [];
		await page.addInitScript(() => {
			const seen: number[] = [];
			(globalThis as unknown as { longTasks: number[] }).longTasks = seen;
			new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
		});
		for (const connector of ['demo-meta', 'demo-xandr', 'demo-cm360']) {
			await page.goto(new URL(`/connectors/${connector}?range=90`, server.baseURL).href);
			await page.waitForFunction(() => performance.getEntriesByName('statistics chart drawn').length > 0, undefined, { timeout: 30_000 });
			// Redraws: switch the range back and forth within the page.
			for (const range of [30, 90, 7, 90]) {
				await page.getByRole('navigation', { name: 'Statistics range' }).getByRole('link', { name: `${range} days`, exact: true }).click();
				await page.waitForURL((url) => url.searchParams.get('range') === String(range));
				await page.waitForTimeout(300);
			}
			const timings = await page.evaluate(() => ({
				drawn: performance.getEntriesByName('statistics chart drawn').map((e) => e.duration),
				rendered: performance.getEntriesByName('statistics chart rendered in the worker').map((e) => e.duration),
				longTasks: (globalThis as unknown as { longTasks: number[] }).longTasks
			}));
			draws.push(...timings.drawn);
			renders.push(...timings.rendered);
			firstRenders.push(timings.rendered[0]!);
			longTasks = longTasks.concat(timings.longTasks);
		}
		// What the chart pages load on top: the statistics components (ECharts is in the chart worker).
		const chartChunksGzipKB = kb([...scripts.values()].filter((s) => !s.worker && !onList.has(s.url)).reduce((n, s) => n + s.gzip, 0));
		const chartWorkerGzipKB = kb([...scripts.values()].filter((s) => s.worker && s.url.includes('chart.worker')).reduce((n, s) => n + s.gzip, 0));
		console.log(`loaded on top by the chart pages: ${chartChunksGzipKB} KB gzipped; the chart worker (ECharts): ${chartWorkerGzipKB} KB gzipped`);
		const round = (n: number) => Math.round(n * 10) / 10;
		const chartDrawMs = round(median(draws));
		const chartDrawMaxMs = round(Math.max(...draws));
		const chartRenderMs = round(median(renders));
		const chartRenderMaxMs = round(Math.max(...renders));
		const chartLongTasks = longTasks.length;
		console.log(`90-day chart, on the page: median ${chartDrawMs} ms, longest ${chartDrawMaxMs} ms over ${draws.length} drawings`);
		console.log(`90-day chart, in the chart worker: median ${chartRenderMs} ms, longest ${chartRenderMaxMs} ms; each page's first: ${firstRenders.map((t) => t.toFixed(1)).join(', ')} ms`);
		console.log(`long tasks on the chart pages: ${chartLongTasks} (${longTasks.map((t) => t.toFixed(0)).join(', ')} ms)`);

		// 3. 50 connectors x 90 days of daily statistics, written once, then read as the overview reads them.
		const load = await page.evaluate(async () => {
			const { store } = (globalThis as unknown as Sandbox).activationSandbox;
			const DAY = 86_400_000;
			const end = Date.UTC(2026, 10, 28);
			const ids = Array.from({ length: 50 }, (_, i) => `bench-connector-${i}`);
			const increments = ids.flatMap((connectorId) =>
				Array.from({ length: 90 }, (_, d) => ({
					connectorId,
					hour: end - d * DAY + 12 * 3_600_000,
					counts: { sent: 100 + d, removed: 50, otherError: 1, invalidCredentials: 0, timeout: 2, skipped: 3, cancelled: 0, partnerErrors: { CODE_A: 1, CODE_B: 2 } }
				}))
			);
			await store.statistics.commit({ increments, log: [], timeZone: 'UTC', state: { id: 'engine', clock: end, speed: 1, populationSize: 100_000, trafficRate: 1, checkpoint: null, updatedAt: end } });
			const times: number[] = [];
			let rows = 0;
			for (let i = 0; i < 7; i++) {
				const started = performance.now();
				rows = (await store.statistics.daily(ids, '2026-08-31', '2026-11-28')).length;
				times.push(performance.now() - started);
			}
			return { times, rows };
		});
		const statisticsLoad50x90Ms = Math.round(median(load.times) * 10) / 10;
		console.log(`50 connectors x 90 days: ${load.rows} rows read in ${statisticsLoad50x90Ms} ms (median of ${load.times.length}: ${load.times.map((t) => t.toFixed(1)).join(', ')})`);

		// 4. Live (after the read, so the engine's writes cannot slow it): the simulator running at an hour a second on a 90-day chart page for a minute; the
		// chart redraws as statistics arrive (at most once a second). Long tasks and the page's
		// heap (after a forced GC, at the start and the end) tell whether it stays smooth and lean.
		await page.goto(new URL('/connectors/demo-meta?range=90', server.baseURL).href);
		await page.waitForFunction(() => performance.getEntriesByName('statistics chart drawn').length > 0, undefined, { timeout: 30_000 });
		const cdp = await context.newCDPSession(page);
		const heapMB = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			const { usedSize } = await cdp.send('Runtime.getHeapUsage');
			return Math.round((usedSize / 1_048_576) * 10) / 10;
		};
		const liveHeapStartMB = await heapMB();
		const liveStart = await page.evaluate(async () => {
			const { controller } = (globalThis as unknown as { activationSandbox: { controller: { setSpeed(s: number): Promise<void>; start(): Promise<void> } } }).activationSandbox;
			await controller.setSpeed(3600);
			await controller.start();
			return { at: performance.now(), tasks: (globalThis as unknown as { longTasks: number[] }).longTasks.length };
		});
		await page.waitForTimeout(60_000);
		const live = await page.evaluate((since) => {
			const drawn = performance.getEntriesByName('statistics chart drawn').filter((e) => e.startTime >= since.at);
			const rendered = performance.getEntriesByName('statistics chart rendered in the worker').filter((e) => e.startTime + e.duration >= since.at);
			return {
				redraws: drawn.length,
				pageMaxMs: Math.max(0, ...drawn.map((e) => e.duration)),
				workerMaxMs: Math.max(0, ...rendered.map((e) => e.duration)),
				longTasks: (globalThis as unknown as { longTasks: number[] }).longTasks.slice(since.tasks)
			};
		}, liveStart);
		await page.evaluate(() => (globalThis as unknown as { activationSandbox: { controller: { pause(): Promise<void> } } }).activationSandbox.controller.pause());
		const liveHeapEndMB = await heapMB();
		const liveRedraws = live.redraws;
		const liveLongTasks = live.longTasks.length;
		console.log(
			`live for 60 s at 3,600x: ${liveRedraws} redraws (page's part at most ${live.pageMaxMs.toFixed(1)} ms, worker's ${live.workerMaxMs.toFixed(1)} ms), ${liveLongTasks} long tasks${liveLongTasks ? ` (${live.longTasks.map((t) => t.toFixed(0)).join(', ')} ms)` : ''}, page heap ${liveHeapStartMB} MB -> ${liveHeapEndMB} MB`
		);

		const statistics = { connectorsListGzipKB, workerGzipKB, workerStartGzipKB, chartChunksGzipKB, chartWorkerGzipKB, chartDrawMs, chartDrawMaxMs, chartRenderMs, chartRenderMaxMs, chartLongTasks, liveRedraws, liveLongTasks, liveHeapStartMB, liveHeapEndMB, statisticsLoad50x90Ms, rows50x90: load.rows };
		let results: Record<string, unknown> = {};
		try {
			results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
		} catch {
			// first run
		}
		writeFileSync(RESULTS, JSON.stringify({ ...results, statistics }, null, 2) + '\n');
		console.log(`statistics: ${JSON.stringify(statistics)}`);

	} finally {
		await context?.close();
		await server.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
