import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/** A sales engineer starts a scenario with one click and follows its card. */
describe('demo scenarios', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	const card = () => page.getByRole('complementary', { name: /^Scenario:/ });

	it('starts "Meta token expired yesterday" in a workspace of its own, with its card and its fault', async () => {
		// Without history, so the test need not wait for 90 days to be generated.
		await page.goto(app.url('/workspaces?history=none'));
		await page.getByRole('heading', { level: 2, name: 'Demo and training scenarios' }).waitFor();
		await app.screenshot('scenarios-list');
		await page.getByRole('listitem').filter({ hasText: 'Meta token expired yesterday' }).getByRole('button', { name: 'Start this scenario' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors/demo-meta');
		await expect.poll(() => page.getByRole('link', { name: /^Workspace / }).textContent()).toContain('Meta token expired yesterday');
		await expect.poll(() => card().getByRole('heading', { name: 'What to do' }).count()).toBe(1);
		expect(await card().textContent()).toContain('OAuthException 190');
		// The mock partner behaves as the story says.
		await expect.poll(() => page.getByLabel('Credentials').inputValue()).toBe('expired');
		await app.screenshot('scenario-card', { fullPage: false });
	});

	it('folds the card, and keeps it folded after a reload', async () => {
		await card().getByRole('button', { name: 'Fold the card' }).click();
		await expect.poll(() => card().getByRole('heading', { name: 'What to do' }).count()).toBe(0);
		await page.reload();
		await card().getByRole('button', { name: 'Show the card' }).waitFor();
		await card().getByRole('button', { name: 'Show the card' }).click();
		await expect.poll(() => card().getByRole('heading', { name: 'What to do' }).count()).toBe(1);
	});

	it('leaves the demo workspace as it was, without a card', async () => {
		await page.goto(app.url('/workspaces'));
		await page.getByRole('button', { name: 'Switch to Demo workspace' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect.poll(() => page.getByRole('link', { name: /^Workspace / }).textContent()).toContain('Demo workspace');
		expect(await card().count()).toBe(0);
		await page.goto(app.url('/connectors/demo-meta'));
		await expect.poll(() => page.getByLabel('Credentials').inputValue()).toBe('valid');
		expect(app.pageErrors).toEqual([]);
	});
});
