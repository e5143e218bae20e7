import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules in eslint.config.js, proven to bite: each probe is a line that breaks one
 * rule, linted as if it stood in the folder the rule guards, and the same line where it is
 * allowed. (Type information is left out for probes: the files do not exist on disk.)
 */
let eslint: ESLint;
beforeAll(() => {
	eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [{ files: ['**/*.ts'], ...ts.configs.disableTypeChecked }] });
});

async function problems(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result!.messages.filter((m) => m.ruleId !== null && !m.ruleId.startsWith('@typescript-eslint/no-unused')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
	it.each([
		["import { writable } from 'svelte/store';"],
		["import Dexie from 'dexie';"],
		["import { http } from 'msw';"],
		["import { wrap } from 'comlink';"],
		["import * as echarts from 'echarts/core';"],
		["import { goto } from '$app/navigation';"],
		["import { openWorkspaceStore } from '$lib/db';"]
	])('keeps the domain pure: %s is refused there', async (line) => {
		const found = await problems('src/lib/domain/probe.ts', `${line}\nexport const used = 1;`);
		expect(found.length).toBeGreaterThan(0);
		for (const problem of found) expect(problem).toMatch(/^no-restricted-imports: .*(domain is pure|Dexie lives behind)/);
	});

	it('lets the domain import zod and its own modules', async () => {
		expect(await problems('src/lib/domain/probe.ts', "import { z } from 'zod';\nimport { HOUR_MS } from './time';\nexport const s = z.number().max(HOUR_MS);")).toEqual([]);
	});

	it.each([
		['Date.now()', 'no-restricted-properties'],
		['Math.random()', 'no-restricted-properties'],
		['performance.now()', 'no-restricted-properties'],
		['new Date()', 'no-restricted-syntax'],
		['setTimeout(() => 1, 5)', 'no-restricted-globals'],
		["fetch('https://example.com')", 'no-restricted-globals']
	])('refuses clocks, randomness and I/O in the domain: %s', async (expression, rule) => {
		expect(await problems('src/lib/domain/probe.ts', `export const value = ${expression};`)).toEqual([expect.stringMatching(new RegExp(`^${rule}: `))]);
		// The same line is fine outside the domain.
		expect(await problems('src/lib/engine/probe.ts', `export const value = ${expression};`)).toEqual([]);
	});

	it('keeps Dexie behind the repositories in src/lib/db', async () => {
		const line = "import Dexie from 'dexie';\nexport const D = Dexie;";
		expect(await problems('src/lib/state/probe.ts', line)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Dexie lives behind the repositories/)]);
		expect(await problems('src/lib/engine/probe.ts', line)).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
		expect(await problems('src/lib/db/probe.ts', line)).toEqual([]);
	});

	it('keeps components free of the SvelteKit runtime but for resolve() and types', async () => {
		for (const line of ["import { goto } from '$app/navigation';", "import { page } from '$app/state';"]) {
			expect(await problems('src/lib/components/common/Probe.ts', `${line}\nexport const used = 1;`)).toEqual([
				expect.stringMatching(/^no-restricted-imports: .*Components import nothing from \$app/)
			]);
		}
		expect(await problems('src/lib/components/common/Probe.ts', "import { resolve } from '$app/paths';\nexport const home = resolve('/connectors');")).toEqual([]);
		// Routes compose components with SvelteKit's runtime.
		expect(await problems('src/routes/probe/probe.ts', "import { goto } from '$app/navigation';\nexport const go = goto;")).toEqual([]);
	});

	it('keeps routes out of mocks/: the pages take the error catalogue from $lib/engine', async () => {
		for (const line of ["import { errorCatalog } from '../../../mocks/catalog';", "import { handlers } from '../../../../mocks/handlers';"]) {
			for (const filePath of ['src/routes/simulator/probe.ts', 'src/routes/connectors/[id]/probe.ts']) {
				expect(await problems(filePath, `${line}\nexport const used = 1;`)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Routes do not reach into mocks/)]);
			}
		}
		// The proper path, and Dexie still kept behind the repositories there.
		expect(await problems('src/routes/simulator/probe.ts', "import { errorCatalog } from '$lib/engine/mock-errors';\nexport const used = errorCatalog;")).toEqual([]);
		expect(await problems('src/routes/simulator/probe.ts', "import Dexie from 'dexie';\nexport const D = Dexie;")).toEqual([expect.stringMatching(/^no-restricted-imports: .*Dexie lives behind/)]);
	});

	it.each([["import { partnerById } from '$lib/partners/registry';"], ["import { adapter } from '../../src/lib/partners/meta/adapter';"], ["import { dev } from '$app/environment';"]])(
		'keeps the mocks on the partner side: %s is refused in mocks/',
		async (line) => {
			expect(await problems('mocks/meta/probe.ts', `${line}\nexport const used = 1;`)).toEqual([expect.stringMatching(/^no-restricted-imports: .*import nothing from src/)]);
		}
	);
});
