import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createTestWorkspace } from '$lib/testing';
import { exportingManager, SAMPLE } from '../fixtures/sample-workspace';

/** Writes static/samples/training-workspace.json: the demo workspace with a week of history, exported. */
it('is written by exporting the demo workspace with a week of history', { timeout: 120_000 }, async () => {
	// The population the app itself simulates, so the statistics look as a trainee's demo would.
	const workspace = await createTestWorkspace(2026, { timeZone: 'Europe/Amsterdam', populationSize: 100_000 });
	try {
		const engine = await workspace.engine();
		expect(await engine.client.generateHistory({ days: 7 })).toMatchObject({ completed: true });
		const manager = exportingManager(workspace.clock.now());
		// With the demo's made-up credentials, so the trainees' copies send at once without a
		// trainer handing out secrets (the demo's are not real).
		const { text } = await manager.exportCurrent(workspace.store, true);
		writeFileSync(SAMPLE, text + '\n');
	} finally {
		workspace.dispose();
	}
});
