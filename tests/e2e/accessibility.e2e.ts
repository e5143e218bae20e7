import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/**
 * axe-core on every page of the app, in Chromium against the built app: no serious or critical
 * violation may appear. Each page is checked once its content has loaded.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
	id: string;
	impact: string | null;
	help: string;
	nodes: Array<{ target: string[] }>;
}

async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
	// govern (an inline <script> tag would be refused, as it should be).
	if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations;
	});
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}

describe('accessibility (axe-core)', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	const pages: Array<{ path: string; ready: (page: Page) => Promise<unknown> }> = [
		{ path: '/connectors', ready: (p) => p.getByRole('table').waitFor() },
		{ path: '/connectors/new', ready: (p) => p.getByLabel('Search connectors').waitFor() },
		{ path: '/connectors/new/meta', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/connectors/new/custom-http', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/connectors/demo-meta', ready: (p) => p.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' }).waitFor() },
		{ path: '/connectors/demo-meta/edit', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/simulator', ready: (p) => p.getByRole('heading', { level: 2, name: 'Run' }).waitFor() },
		{ path: '/workspaces', ready: (p) => p.getByRole('table', { name: /Workspaces in this browser/ }).waitFor() },
		{ path: '/audiences', ready: (p) => p.getByRole('link', { name: 'Cart abandoners (7 days)' }).waitFor() },
		{ path: '/audiences/new', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/audiences/demo-audience-cart', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/journeys', ready: (p) => p.getByRole('link', { name: 'Welcome high-value customers' }).waitFor() },
		{ path: '/journeys/new', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/journeys/demo-journey-welcome', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
		{ path: '/overview', ready: (p) => p.getByRole('table').waitFor() }
	];

	for (const { path, ready } of pages) {
		it(`${path} has no serious or critical violations`, async () => {
			await page.goto(app.url(path));
			await ready(page);
			expect(await seriousViolations(page)).toEqual([]);
		});
	}

	it('the check finds a violation when there is one (so a pass means something)', async () => {
		await page.goto(app.url('/connectors'));
		await page.getByRole('table').waitFor();
		await page.evaluate(() => document.querySelector('main')?.append(Object.assign(document.createElement('button'), { className: 'axe-probe' })));
		expect(await seriousViolations(page)).toEqual([expect.stringMatching(/^critical button-name: /)]);
	});

	it('an open dialog has none either', async () => {
		await page.goto(app.url('/workspaces'));
		await page.getByRole('button', { name: 'New blank workspace' }).click();
		await page.getByRole('dialog', { name: 'New blank workspace' }).waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		expect(app.pageErrors).toEqual([]);
	});
});
