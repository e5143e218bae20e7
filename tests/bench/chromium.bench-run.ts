import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { it } from 'vitest';
import { serveBuild } from '../support/static-server';
import { attachWorkerHeap, type HeapReading, type WorkerHeap } from './support/worker-heap';

const RESULTS = 'bench-results.json';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HISTORY_DAYS = 90;
const EARLY_DAY = 30;
const MB = 1024 * 1024;

/** What the page exposes for automation (src/lib/services/workspace.ts), as far as this file uses it. */
type Sandbox = {
	engine: {
		benchmark(): Promise<{ runs: Array<{ messagesPerSecond: number; floorMessagesPerSecond: number; seconds: number }>; messagesPerSecond: number; floorMessagesPerSecond: number }>;
	};
	controller: {
		role: string;
		problem: string | null;
		progress: { history: { running: boolean; done: number; total: number; messages: number } | null } | null;
		lastHistory: { completed: true; messages: number; seconds: number } | { completed: false; reason: string } | null;
		generateHistory(days: number): Promise<void>;
	};
};
type LongTask = { startTime: number; duration: number };
type BenchGlobals = { activationSandbox: Sandbox; __benchLongTasks: LongTask[] };

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (reading: HeapReading) => round(reading.usedBytes / MB, 1);

it('measures the engine in Chromium', { timeout: 1_200_000 }, async () => {
	const server = await serveBuild();
	const profile = mkdtempSync(join(tmpdir(), 'activation-sandbox-bench-'));
	let context: BrowserContext | undefined;
	let heap: WorkerHeap | undefined;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
		const page: Page = context.pages()[0] ?? (await context.newPage());
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('console', (message) => {
			if (message.type() === 'error') pageErrors.push(message.text());
		});
		// Every main-thread task over 50 ms from the very start of the page, with its start time,
		// so the ones inside the measured windows can be picked out afterwards.
		await page.addInitScript(() => {
			const tasks: Array<{ startTime: number; duration: number }> = [];
			(globalThis as unknown as { __benchLongTasks: typeof tasks }).__benchLongTasks = tasks;
			try {
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration });
				}).observe({ type: 'longtask', buffered: true });
			} catch {
				// no longtask support: the list stays empty
			}
		});

		// A fresh profile: the demo workspace is set up without background history.
		await page.goto(new URL('/connectors?history=none', server.baseURL).href);
		await page.waitForFunction(
			() => {
				const sandbox = (globalThis as unknown as Partial<BenchGlobals>).activationSandbox;
				return sandbox?.controller.role === 'running here' && sandbox.controller.progress !== null;
			},
			undefined,
			{ timeout: 60_000 }
		);
		heap = await attachWorkerHeap(context, page, 'engine.worker');
		const opened = await heap.read();
		console.log(`engine worker ${heap.url}: ${mb(opened)} MB used after opening (forced GC)`);

		// 1. The fixed workload, five times, in the engine's worker.
		const bench = await page.evaluate(async () => {
			const { engine } = (globalThis as unknown as BenchGlobals).activationSandbox;
			const start = performance.now();
			const result = await engine.benchmark();
			return { ...result, start, end: performance.now(), cores: navigator.hardwareConcurrency };
		});
		bench.runs.forEach((run, i) =>
			console.log(
				`chromium run ${i + 1}: ${run.messagesPerSecond.toLocaleString('en-US')} messages/s end to end (${run.seconds.toFixed(2)} s), floor ${run.floorMessagesPerSecond.toLocaleString('en-US')}/s`
			)
		);
		console.log(`chromium benchmark: median ${bench.messagesPerSecond.toLocaleString('en-US')} messages/s, floor ${bench.floorMessagesPerSecond.toLocaleString('en-US')}/s (${((bench.end - bench.start) / 1000).toFixed(1)} s in all)`);
		const ratios = bench.runs.map((run) => run.messagesPerSecond / run.floorMessagesPerSecond);
		console.log(
			`share of the floor per run: ${ratios.map((r) => r.toFixed(2)).join(' / ')} (median ${median(ratios).toFixed(2)}, lowest ${Math.min(...ratios).toFixed(2)}); ` +
				`${bench.cores} cores: the engine and its mock partners in one worker (one core), the page on another`
		);

		// 2. 90 days of history through the real engine and mocks, with heap readings on the way.
		const history = page
			.evaluate(async (days) => {
				const { controller } = (globalThis as unknown as BenchGlobals).activationSandbox;
				const start = performance.now();
				await controller.generateHistory(days);
				return { start, end: performance.now(), lastHistory: controller.lastHistory, problem: controller.problem };
			}, HISTORY_DAYS)
			.then(
				(value) => ({ ok: true as const, value }),
				(error: unknown) => ({ ok: false as const, error })
			);
		let finished = false;
		void history.then(() => (finished = true));
		const readings: Array<{ label: string; at: number; reading: HeapReading }> = [];
		const historyProgress = () =>
			page.evaluate(() => ({ at: performance.now(), ...(globalThis as unknown as BenchGlobals).activationSandbox.controller.progress?.history }));
		const readAt = async (label: string) => {
			const before = await historyProgress();
			const reading = await heap!.read();
			readings.push({ label, at: before.at, reading });
			console.log(
				`worker heap ${label}: ${mb(reading)} MB used (${round(reading.totalBytes / MB, 1)} MB allocated), at day ${before.done ?? '-'} of ${before.total ?? '-'}, ${before.messages ?? '-'} messages; reading took ${reading.ms.toFixed(0)} ms`
			);
			return reading;
		};
		let early: HeapReading | undefined;
		let late: HeapReading | undefined;
		while (!finished) {
			const progress = await historyProgress().catch(() => null);
			if (progress?.running && progress.done !== undefined) {
				if (!early && progress.done >= EARLY_DAY) early = await readAt(`after ${EARLY_DAY} days (in the run)`);
				// For comparison only: a reading late in the run, with the runner still alive as at day 30.
				if (!late && progress.done >= HISTORY_DAYS - 10 && progress.done < HISTORY_DAYS) late = await readAt(`after ~${HISTORY_DAYS - 10} days (in the run)`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		const outcome = await history;
		if (!outcome.ok) throw outcome.error;
		const { lastHistory, problem } = outcome.value;
		if (!lastHistory?.completed) throw new Error(`History did not complete: ${lastHistory ? lastHistory.reason : 'no result'} ${problem ?? ''}`);
		const pageSeconds = (outcome.value.end - outcome.value.start) / 1000;
		console.log(`history: ${HISTORY_DAYS} days, ${lastHistory.messages.toLocaleString('en-US')} messages in ${lastHistory.seconds.toFixed(2)} s (engine), ${pageSeconds.toFixed(2)} s as the page saw it`);
		const final = await readAt(`after ${HISTORY_DAYS} days (run complete)`);
		if (!early) throw new Error(`No heap reading at day ${EARLY_DAY}: the history finished between two polls.`);
		const during = readings.filter((r) => r.at <= outcome.value.end);
		const samplingMs = during.reduce((sum, r) => sum + r.reading.ms, 0);
		for (const r of during) console.log(`  heap reading "${r.label}" started ${((r.at - outcome.value.start) / 1000).toFixed(2)} s into the history`);
		console.log(`heap readings during the run paused the worker for about ${samplingMs.toFixed(0)} ms in all (included in the history's time)`);

		// 3. The longest main-thread task while the benchmark and the history ran.
		await page.waitForTimeout(500);
		const tasks = await page.evaluate(() => (globalThis as unknown as BenchGlobals).__benchLongTasks);
		const windows = [
			{ name: 'benchmark', start: bench.start, end: bench.end },
			{ name: 'history', start: outcome.value.start, end: outcome.value.end }
		];
		const inWindow = (task: LongTask, w: { start: number; end: number }) => task.startTime + task.duration >= w.start && task.startTime <= w.end;
		for (const w of windows) {
			const mine = tasks.filter((t) => inWindow(t, w));
			console.log(`long tasks during the ${w.name} (${((w.end - w.start) / 1000).toFixed(1)} s): ${mine.length}${mine.length ? `, longest ${Math.max(...mine.map((t) => t.duration)).toFixed(0)} ms` : ''}`);
			for (const t of mine) console.log(`  ${t.duration.toFixed(0)} ms, starting ${((t.startTime - w.start) / 1000).toFixed(2)} s into the ${w.name}`);
		}
		const measured = tasks.filter((t) => windows.some((w) => inWindow(t, w)));
		const outside = tasks.filter((t) => !measured.includes(t));
		if (outside.length) console.log(`long tasks outside the measured windows (page load, not counted): ${outside.map((t) => `${t.duration.toFixed(0)} ms`).join(', ')}`);
		const longestMainThreadTaskMs = measured.length ? Math.round(Math.max(...measured.map((t) => t.duration))) : 0;
		if (pageErrors.length) console.log(`errors on the page: ${pageErrors.join(' | ')}`);

		const result = {
			messagesPerSecond: bench.messagesPerSecond,
			floorMessagesPerSecond: bench.floorMessagesPerSecond,
			floorShareMedian: round(median(ratios), 2),
			floorShareLowest: round(Math.min(...ratios), 2),
			cores: bench.cores,
			longestMainThreadTaskMs,
			backfill90DaysSeconds: round(lastHistory.seconds, 2),
			backfillMessages: lastHistory.messages,
			workerHeapMB30Days: mb(early),
			workerHeapMB90Days: mb(final)
		};
		let results: Record<string, unknown> = {};
		try {
			results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
		} catch {
			// first run
		}
		writeFileSync(RESULTS, JSON.stringify({ ...results, chromium: result }, null, 2) + '\n');
		console.log(`chromium: ${JSON.stringify(result)}`);
	} finally {
		await heap?.detach();
		await context?.close();
		await server.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}
