import type { Page, Worker } from '@playwright/test';

/** The engine's totals as the page's controller shows them. */
export interface EngineTotals {
	accepted: number;
	inFlight: number;
	sending: number;
	sent: number;
	removed: number;
	errors: number;
	skipped: number;
	cancelled: number;
}

/** What these tests use of the automation handle the app puts on `globalThis.activationSandbox`. */
export interface Sandbox {
	controller: {
		role: string;
		progress: {
			clock: number;
			running: boolean;
			totals: EngineTotals;
			connectors: Array<Omit<EngineTotals, 'sending'> & { connectorId: string }>;
			history: { running: boolean; done: number; total: number } | null;
		} | null;
		problem: string | null;
		start(): Promise<void>;
		pause(): Promise<void>;
		setSpeed(speed: number): Promise<void>;
		setPopulation(populationSize: number, trafficRate: number): Promise<void>;
		step(ms: number): Promise<void>;
		generateHistory(days: number): Promise<void>;
	};
	store: {
		connectors: { list(): Promise<Array<{ id: string }>> };
		workspace: { get(): Promise<{ history: string } | undefined>; setHistory(history: string): Promise<void> };
		statistics: {
			daily(connectorIds: string[], fromDay: string, toDay: string): Promise<Array<{ connectorId: string; day: string; counts: StoredCounts }>>;
		};
	};
}

export interface StoredCounts {
	sent: number;
	removed: number;
	otherError: number;
	invalidCredentials: number;
	timeout: number;
	skipped: number;
	cancelled: number;
	partnerErrors: Record<string, number>;
}

/** Waits until this tab runs the workspace's engine and has its first progress. */
export async function engineRunningHere(page: Page): Promise<void> {
	await page.waitForFunction(() => {
		const sandbox = (globalThis as unknown as { activationSandbox?: Sandbox }).activationSandbox;
		return sandbox?.controller.role === 'running here' && sandbox.controller.progress !== null;
	});
}

/**
 * The engine's Web Worker, as DevTools sees it. It starts with the page, but Playwright reports
 * it a moment later.
 */
export async function engineWorker(page: Page): Promise<Worker> {
	const find = () => page.workers().find((w) => w.url().includes('engine.worker'));
	return find() ?? (await page.waitForEvent('worker', { predicate: (w) => w.url().includes('engine.worker') }));
}

/**
 * Kills the engine's worker at once, as a crash would: the worker closes itself in the task
 * DevTools runs, so none of the engine's code runs again (no commit, no pause, no unload).
 */
export async function killEngine(worker: Worker): Promise<void> {
	await worker.evaluate(() => (globalThis as unknown as { close(): void }).close());
}

/** What the mock partners acknowledged taking, per connector and request method (see `receivedTally` in mocks/partner-mocks.ts: Meta acknowledges into it as it answers). */
export type Received = Record<string, Record<string, number>>;

/** The tally of the mocks in the engine's worker; empty before the mocks are loaded. */
export function partnerReceived(worker: Worker): Promise<Received> {
	return worker.evaluate(() => structuredClone((globalThis as unknown as { sandboxReceivedTally?: Received }).sandboxReceivedTally ?? {}));
}

/**
 * Kills the engine's worker at a moment when the connector's partner has taken members whose
 * answers are not in the stored statistics yet: sent after the last commit, or in a commit
 * still under way. Checked inside the worker, in the callback of a read of the statistics: no
 * later commit can end before that read's transaction does (IndexedDB runs a read-write
 * transaction after the earlier ones over the same store), and the worker closes itself in
 * that same callback, so the engine gets no further turn (no commit, no pause, no unload).
 * Returns what the partner had received and what was committed when it died.
 */
export function killEngineWithUncommittedSends(
	worker: Worker,
	{ databaseName, connectorId }: { databaseName: string; connectorId: string }
): Promise<{ received: Record<string, number>; committed: { sent: number; removed: number } }> {
	return worker.evaluate(
		([databaseName, connectorId]) =>
			new Promise((resolve, reject) => {
				const scope = globalThis as unknown as { sandboxReceivedTally?: Received; close(): void };
				const opening = indexedDB.open(databaseName);
				opening.onerror = () => reject(opening.error);
				opening.onsuccess = () => {
					const db = opening.result;
					let attempts = 0;
					const attempt = () => {
						const reading = db.transaction('dailyStatistics').objectStore('dailyStatistics').getAll();
						reading.onerror = () => reject(reading.error);
						reading.onsuccess = () => {
							const rows = (reading.result as Array<{ connectorId: string; counts: { sent: number; removed: number } }>).filter((row) => row.connectorId === connectorId);
							const committed = { sent: rows.reduce((n, row) => n + row.counts.sent, 0), removed: rows.reduce((n, row) => n + row.counts.removed, 0) };
							const received = structuredClone(scope.sandboxReceivedTally?.[connectorId] ?? {});
							if ((received.POST ?? 0) > committed.sent || (received.DELETE ?? 0) > committed.removed) {
								scope.close();
								resolve({ received, committed });
							} else if (++attempts > 3000) {
								reject(new Error(`The partner of ${connectorId} took nothing that was not committed yet: is the engine sending to it?`));
							} else {
								// Everything received is committed: try again after the engine's next step.
								setTimeout(attempt, 5);
							}
						};
					};
					attempt();
				};
			}),
		[databaseName, connectorId] as const
	);
}
