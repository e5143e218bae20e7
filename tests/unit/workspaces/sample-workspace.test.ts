import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportingManager, NAME, SAMPLE } from '../../fixtures/sample-workspace';

/**
 * The sample a trainer can link to (`/workspaces?import=samples/training-workspace.json`, see
 * docs/guide.md). It is written by the app's own export, never by hand: `npm run samples`
 * (tests/samples/training-workspace.write.ts) writes it again.
 */
describe('the shipped sample workspace file', () => {
	it("reads without problems, with only the demo's made-up credentials, as the training workspace", () => {
		expect(existsSync(SAMPLE)).toBe(true);
		const read = exportingManager(0).readImport(readFileSync(SAMPLE, 'utf8'));
		if (!read.ok) throw new Error(`The sample has problems: ${JSON.stringify(read.problems)}`);
		expect(read.file.workspace.name).toBe(NAME);
		expect(read.file.includesSecrets).toBe(true);
		expect(read.needsCredentials).toEqual([]);
		// Only the demo's own placeholders: a real secret must never end up in a site's files.
		expect(JSON.stringify(read.file.connectors.find((c) => c.id === 'demo-meta'))).toContain('EAAGdemoSystemUserToken');
		expect(read.file.connectors.length).toBeGreaterThan(0);
		expect(read.file.statistics.hourly.length).toBeGreaterThan(0);
	});
});
