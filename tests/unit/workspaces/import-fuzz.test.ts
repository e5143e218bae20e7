import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { MAX_IMPORT_CHARS, MAX_PROBLEMS, type ReadResult } from '$lib/domain/export-file';
import { browserWorkspaces, DEFAULT_DB, NOW } from './support';

/**
 * Feeds the importer many broken files, generated from a fixed seed so a failure replays the
 * same way: each must be refused with specific problems (a path and a sentence each), and
 * neither the browser's workspaces nor the open workspace may change.
 */
const RUNS = { seed: 20261128, numRuns: 150 } as const;
const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '__proto__', 'constructor', 'prototype', '{{profiles}}', '"; DROP TABLE x; --', '\u0000', '\u202e', 'A'.repeat(5000)];

let browser: Awaited<ReturnType<typeof browserWorkspaces>>;
let valid: Record<string, unknown>;
let validText: string;
let baseline: { list: string; databases: string[]; connectors: string };

async function snapshot() {
	const store = await browser.open(DEFAULT_DB);
	const connectors = JSON.stringify(await store.connectors.list());
	store.close();
	return { list: JSON.stringify(await browser.registry.list()), databases: await browser.databases(), connectors };
}

/** Reads a file as the import screen does, importing it only when it passes. */
async function attempt(text: string): Promise<ReadResult> {
	const result = browser.manager.readImport(text);
	if (!result.ok) return result;
	const entry = await browser.manager.importAsNew(result, await browser.manager.suggestName('Fuzz'));
	// A file that passed is imported whole; remove it so the next run starts from the baseline.
	await browser.manager.remove(entry.id);
	await browser.registry.purgeRetired(DEFAULT_DB);
	return result;
}

function expectClearRefusal(result: ReadResult): void {
	expect(result.ok).toBe(false);
	if (result.ok) return;
	expect(result.problems.length).toBeGreaterThan(0);
	expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
	for (const problem of result.problems) {
		expect(problem.path).toMatch(/\S/);
		expect(problem.message).toMatch(/\w{3,}/);
		expect(problem.message).not.toMatch(/\[object Object\]|undefined/);
	}
}

beforeAll(async () => {
	browser = await browserWorkspaces();
	const store = await browser.open(DEFAULT_DB);
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' }));
	validText = (await browser.manager.exportCurrent(store, true)).text;
	store.close();
	valid = JSON.parse(validText) as Record<string, unknown>;
	baseline = await snapshot();
});

/** Every path to a value in the file, for mutations to pick from. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
	if (typeof value !== 'object' || value === null) return [at];
	const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
	return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))];
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
	if (path.length === 0) return value;
	const copy = structuredClone(root) as Record<string | number, unknown>;
	let cursor = copy;
	for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
	Object.defineProperty(cursor, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
	return copy;
}

describe('importing broken files', () => {
	it('refuses a file cut short anywhere', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: validText.length - 1 }), async (cut) => {
				expectClearRefusal(await attempt(validText.slice(0, cut)));
			}),
			RUNS
		);
		expect(await snapshot()).toEqual(baseline);
	});

	it('refuses a value of the wrong type anywhere in the file', async () => {
		const all = paths(valid).filter((p) => p.length > 0 && !(p.includes('config') && p.length > 3));
		const wrong = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: -1 }), fc.constant([]), fc.constant({ nested: { deeper: 1 } }), fc.constant(Number.MAX_VALUE));
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...all), wrong, async (path, value) => {
				const text = JSON.stringify(setAt(valid, path, value));
				const result = await attempt(text);
				// Some replacements are still valid (an optional field set to null): those import whole.
				if (!result.ok) expectClearRefusal(result);
			}),
			RUNS
		);
		expect(await snapshot()).toEqual(baseline);
	});

	it('refuses unknown, newer and malformed format versions', async () => {
		const version = fc.oneof(fc.integer({ min: 2, max: 1_000_000 }), fc.integer({ min: -1000, max: -1 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.string(), fc.constant(null));
		await fc.assert(
			fc.asyncProperty(version, async (v) => {
				const result = await attempt(JSON.stringify({ ...valid, version: v }));
				expectClearRefusal(result);
				if (typeof v === 'number' && Number.isInteger(v) && v > 1) expect(!result.ok && result.kind).toBe('newer');
			}),
			RUNS
		);
		expectClearRefusal(await attempt(JSON.stringify({ ...valid, format: 'something-else' })));
		expect(await snapshot()).toEqual(baseline);
	});

	it('refuses huge files and deep nesting without trying to store them', async () => {
		expectClearRefusal(await attempt(' '.repeat(MAX_IMPORT_CHARS + 1)));
		const many = { ...valid, connectors: Array.from({ length: 600 }, (_, i) => ({ ...(valid.connectors as object[])[0], id: `c${i}`, name: `C ${i}` })) };
		const tooMany = await attempt(JSON.stringify(many));
		expectClearRefusal(tooMany);
		expect(!tooMany.ok && tooMany.problems[0]?.path).toBe('connectors');
		// Built as text: serialising this much nesting would overflow the test's own stack.
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		expectClearRefusal(await attempt(`{"format":"activation-sandbox-workspace","version":1,"audiences":${deep}}`));
		expectClearRefusal(await attempt(''));
		expectClearRefusal(await attempt('null'));
		expectClearRefusal(await attempt('[1,2,3]'));
		expect(await snapshot()).toEqual(baseline);
	});

	it('refuses keys that reach for a prototype, and keeps hostile strings as plain text', async () => {
		for (const key of ['__proto__', 'prototype']) {
			const text = validText.replace('"includesSecrets"', `"${key}": {"polluted": true}, "includesSecrets"`);
			const result = await attempt(text);
			expectClearRefusal(result);
			expect(!result.ok && result.problems[0]).toEqual({ path: key, message: `The key "${key}" is not allowed in a workspace file.` });
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();

		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...HOSTILE), fc.constantFrom('workspace.name', 'connectors.0.name', 'audiences.0.name', 'journeys.0.name'), async (text, where) => {
				const path = where.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
				const result = await attempt(JSON.stringify(setAt(valid, path, text)));
				if (result.ok) {
					// Accepted as a name: it is stored exactly as written, to be shown as text.
					const stored = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], result.file);
					expect(stored).toBe(text.trim());
				} else {
					expectClearRefusal(result);
				}
			}),
			{ ...RUNS, numRuns: 40 }
		);
		expect(await snapshot()).toEqual(baseline);
	});
});
