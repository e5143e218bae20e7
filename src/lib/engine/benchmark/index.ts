import type { WorkspaceStore } from '$lib/db';
import type { Transport } from '$lib/engine/transport';
import type { Sha256 } from '$lib/partners/identifiers';
import { engineRun } from './engine-run';
import { floorSeconds } from './floor';

export interface BenchmarkResult {
	runs: Array<{ messagesPerSecond: number; floorMessagesPerSecond: number; seconds: number }>;
	messagesPerSecond: number;
	floorMessagesPerSecond: number;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The fixed workload (600,000 profile-messages), five times with a cold hash cache each time,
 * with the floor measured in the same runs. Statistics are committed through `commit`.
 */
export async function runBenchmark(options: {
	transport: Transport;
	createSha256(): Promise<Sha256>;
	now(): number;
	/** Where the run's statistics are committed, as the engine commits them. */
	store: Pick<WorkspaceStore, 'statistics'>;
	runs?: number;
}): Promise<BenchmarkResult> {
	const runs: BenchmarkResult['runs'] = [];
	for (let run = 0; run < (options.runs ?? 5); run++) {
		const result = await engineRun({
			transport: options.transport,
			sha256: await options.createSha256(),
			now: options.now,
			commit: ({ increments, log }) =>
				options.store.statistics.commit({
					increments,
					log,
					timeZone: 'UTC',
					state: { id: 'engine', clock: 0, speed: 1, populationSize: 100_000, trafficRate: 1, checkpoint: null, updatedAt: 0 }
				})
		});
		if (result.finished !== result.messages) throw new Error(`Only ${result.finished} of ${result.messages} messages finished.`);
		const floor = floorSeconds(await options.createSha256(), options.now);
		runs.push({ messagesPerSecond: Math.round(result.messages / result.seconds), floorMessagesPerSecond: Math.round(result.messages / floor), seconds: result.seconds });
	}
	return {
		runs,
		messagesPerSecond: median(runs.map((r) => r.messagesPerSecond)),
		floorMessagesPerSecond: median(runs.map((r) => r.floorMessagesPerSecond))
	};
}
