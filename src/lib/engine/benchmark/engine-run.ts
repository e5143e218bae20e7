import type { EngineRunner } from '$lib/engine/runner';
import { createRunner } from '$lib/engine/service';
import type { Transport } from '$lib/engine/transport';
import type { Sha256 } from '$lib/partners/identifiers';
import { seededRandom } from '$lib/engine/random';
import { BENCH_CONNECTORS, benchSimulator, START } from './workload';

/**
 * One end-to-end run of the workload: identifiers, batching, mocks through MSW, classification,
 * statistics. The runner is started as the engine service starts one (createRunner); only the
 * simulation is the fixed workload's.
 */
export async function engineRun(options: {
	transport: Transport;
	sha256: Sha256;
	now: () => number;
	commit: (increments: ReturnType<EngineRunner['drain']>) => Promise<void>;
}): Promise<{ seconds: number; messages: number; finished: number }> {
	const simulator = benchSimulator();
	const transport = options.transport;
	const started = options.now();
	const runner = createRunner(
		{ simulator, transportFor: () => transport, sha256: options.sha256, random: seededRandom(1), timeZone: 'UTC', sliceMs: 3_600_000 },
		START - 1,
		{ connectors: BENCH_CONNECTORS, journeys: [] }
	);
	await runner.advanceTo(START + 2 * 3_600_000);
	await runner.flush();
	await options.commit(runner.drain());
	const seconds = (options.now() - started) / 1000;
	const t = runner.dispatcher.totals;
	return { seconds, messages: simulator.messages, finished: t.sent + t.removed + t.errors + t.skipped + t.cancelled };
}
