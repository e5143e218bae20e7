import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** A sales engineer starts a scenario with one click and follows its card. */
const card = (page: Page) => page.getByRole('complementary', { name: /^Scenario:/ });

/** Starts "Meta token expired yesterday" from the list, in a workspace of its own. */
async function startScenario(page: Page, url: (path: string) => string): Promise<void> {
	// Without history, so the test need not wait for 90 days to be generated.
	await page.goto(url('/workspaces?history=none'));
	await page.getByRole('listitem').filter({ hasText: 'Meta token expired yesterday' }).getByRole('button', { name: 'Start this scenario' }).click();
	await page.waitForURL((url) => url.pathname === '/connectors/demo-meta');
	await expect(page.getByRole('link', { name: /^Workspace / })).toContainText('Meta token expired yesterday');
	await expect(card(page).getByRole('heading', { name: 'What to do' })).toHaveCount(1);
}

test.describe('demo scenarios', () => {
	test('starts "Meta token expired yesterday" in a workspace of its own, with its card and its fault', async ({ app }) => {
		const { page } = app;
		// Without history, so the test need not wait for 90 days to be generated.
		await page.goto(app.url('/workspaces?history=none'));
		await expect(page.getByRole('heading', { level: 2, name: 'Demo and training scenarios' })).toBeVisible();
		await app.screenshot('scenarios-list');
		await page.getByRole('listitem').filter({ hasText: 'Meta token expired yesterday' }).getByRole('button', { name: 'Start this scenario' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors/demo-meta');
		await expect(page.getByRole('link', { name: /^Workspace / })).toContainText('Meta token expired yesterday');
		await expect(card(page).getByRole('heading', { name: 'What to do' })).toHaveCount(1);
		await expect(card(page)).toContainText('OAuthException 190');
		// The mock partner behaves as the story says.
		await expect(page.getByLabel('Credentials')).toHaveValue('expired');
		await app.screenshot('scenario-card', { fullPage: false });
	});

	test('folds the card, and keeps it folded after a reload', async ({ app }) => {
		const { page } = app;
		await startScenario(page, app.url);
		await card(page).getByRole('button', { name: 'Fold the card' }).click();
		await expect(card(page).getByRole('heading', { name: 'What to do' })).toHaveCount(0);
		await page.reload();
		await expect(card(page).getByRole('button', { name: 'Show the card' })).toBeVisible();
		await card(page).getByRole('button', { name: 'Show the card' }).click();
		await expect(card(page).getByRole('heading', { name: 'What to do' })).toHaveCount(1);
	});

	test('leaves the demo workspace as it was, without a card', async ({ app }) => {
		const { page } = app;
		await startScenario(page, app.url);
		await page.goto(app.url('/workspaces'));
		await page.getByRole('button', { name: 'Switch to Demo workspace' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect(page.getByRole('link', { name: /^Workspace / })).toContainText('Demo workspace');
		await expect(card(page)).toHaveCount(0);
		await page.goto(app.url('/connectors/demo-meta'));
		await expect(page.getByLabel('Credentials')).toHaveValue('valid');
	});
});
