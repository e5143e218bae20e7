import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { openWorkspaceStore } from '$lib/db';
import { createSha256 } from '$lib/partners/identifiers';
import { handlers } from '../../mocks/handlers';
import { engineRun } from './engine-run';
import { floorSeconds } from './floor';

const RESULTS = 'bench-results.json';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

it('measures the engine in node', { timeout: 600_000 }, async () => {
	const rates: number[] = [];
	const floors: number[] = [];
	for (let run = 0; run < 3; run++) {
		// A fresh hasher and runner each run: the hash cache starts cold.
		const sha256 = await createSha256();
		const store = await openWorkspaceStore({ name: `bench-${run}-${Date.now()}` });
		const result = await engineRun({
			handlers,
			sha256,
			now: () => performance.now(),
			commit: async ({ increments, log }) =>
				store.statistics.commit({
					increments,
					log,
					timeZone: 'UTC',
					state: { id: 'engine', clock: 0, speed: 1, populationSize: 100_000, trafficRate: 1, checkpoint: null, updatedAt: 0 }
				})
		});
		if (result.finished !== result.messages) throw new Error(`Only ${result.finished} of ${result.messages} messages finished.`);
		rates.push(result.messages / result.seconds);
		floors.push(result.messages / floorSeconds(await createSha256(), () => performance.now()));
		store.close();
		console.log(`run ${run + 1}: ${Math.round(result.messages / result.seconds).toLocaleString('en-US')} messages/s end to end (${result.seconds.toFixed(2)} s)`);
	}
	const node = { messagesPerSecond: Math.round(median(rates)), floorMessagesPerSecond: Math.round(median(floors)) };
	let results: Record<string, unknown> = {};
	try {
		results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
	} catch {
		// first run
	}
	writeFileSync(RESULTS, JSON.stringify({ ...results, node }, null, 2) + '\n');
	console.log(`node: ${JSON.stringify(node)}`);
});
