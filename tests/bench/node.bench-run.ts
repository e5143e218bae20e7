import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { openWorkspaceStore } from '$lib/db';
import { createSha256 } from '$lib/partners/identifiers';
import { handlers, partnerResponse } from '../../mocks/handlers';
import { runBenchmark } from '$lib/engine/benchmark';
import { MockTransport } from '$lib/engine/transport';

const RESULTS = 'bench-results.json';

it('measures the engine in node', { timeout: 600_000 }, async () => {
	const store = await openWorkspaceStore({ name: `bench-${Date.now()}` });
	const result = await runBenchmark({
		transport: new MockTransport((request) => partnerResponse(request, handlers)),
		createSha256,
		now: () => performance.now(),
		store
	});
	store.close();
	result.runs.forEach((run, i) =>
		console.log(`run ${i + 1}: ${run.messagesPerSecond.toLocaleString('en-US')} messages/s end to end (${run.seconds.toFixed(2)} s), floor ${run.floorMessagesPerSecond.toLocaleString('en-US')}/s`)
	);
	const node = { messagesPerSecond: result.messagesPerSecond, floorMessagesPerSecond: result.floorMessagesPerSecond };
	let results: Record<string, unknown> = {};
	try {
		results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
	} catch {
		// first run
	}
	writeFileSync(RESULTS, JSON.stringify({ ...results, node }, null, 2) + '\n');
	console.log(`node: ${JSON.stringify(node)}`);
});
