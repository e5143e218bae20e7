import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/**
 * Waits until the service worker has stored this build and serves the page. (Polled from here:
 * page.waitForFunction takes the predicate's promise for a truthy answer and does not wait.)
 */
async function offlineReady(page: Page) {
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return Boolean(registration?.active && navigator.serviceWorker.controller);
			})
		)
		.toBe(true);
}

/**
 * A presenter in a room without Wi-Fi: after one visit the whole sandbox runs with the network
 * off, a reload included; a new build waits for the presenter's word.
 */
test.describe('offline and installable', () => {
	// A server of each test's own, so a test can publish a "new build" under the page.
	// A profile on disk, as the old harness had: the service worker is checked as a user's browser has it.
	test.use({ server: 'own-build', persistentProfile: true });

	test('is installable: a manifest with icons, a theme and a start page', async ({ app }) => {
		const { page } = app;
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const manifest = (await (await page.request.get(app.url(href!))).json()) as { name: string; start_url: string; display: string; icons: Array<{ sizes: string; type: string; src: string }> };
		expect(manifest).toMatchObject({ name: 'Activation Sandbox', display: 'standalone' });
		expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
		for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, app.url(href!)).href)).status()).toBe(200);
	});

	test('says on the Workspaces page that it is ready for offline use', async ({ app }) => {
		const { page } = app;
		await offlineReady(page);
		await page.getByRole('link', { name: 'Workspaces', exact: true }).click();
		const facts = page.getByRole('region', { name: 'Offline use and storage' });
		await expect(facts.getByRole('definition').first()).toHaveText(/^\s*Ready/);
		// Persistent or not is the browser's call; the page says which, in words.
		await expect(facts.getByRole('definition').nth(1)).toHaveText(/Persistent|May be cleared/);
	});

	test('works with the network off: a reload, the connectors, statistics, a simulator run and the workspaces', async ({ app }) => {
		const { page } = app;
		await offlineReady(page);
		await page.goto(app.url('/connectors'));
		await app.context.setOffline(true);
		try {
			await page.reload();
			await expect(page.getByRole('heading', { name: 'Server to Server Connectors' })).toBeVisible();
			await expect(page.getByRole('status').filter({ hasText: 'Offline · all features available' })).toBeVisible();

			await page.getByRole('main').getByRole('link', { name: 'Meta Retargeting EU' }).click();
			await expect(page.getByRole('region', { name: 'Statistics' })).toBeVisible();

			// The engine's worker, its mock partners and IndexedDB, all from this browser.
			await page.getByRole('link', { name: 'Simulator', exact: true }).click();
			await page.getByLabel('Speed').selectOption('3600');
			await page.getByRole('button', { name: 'Start' }).click();
			const metaRow = page.getByRole('row', { name: /Meta Retargeting EU/ });
			await expect.poll(async () => number(await metaRow.locator('td.sent').textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
			await page.getByRole('button', { name: 'Pause' }).click();

			// The chart worker draws what the run sent.
			await page.getByRole('link', { name: 'Server to Server Connectors' }).click();
			await page.getByRole('main').getByRole('link', { name: 'Meta Retargeting EU' }).click();
			await expect(page.getByRole('region', { name: 'Statistics' }).locator('svg path[fill="#2e8b57"]').first()).toBeAttached();

			await page.goto(app.url('/workspaces'));
			await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
			const facts = page.getByRole('region', { name: 'Offline use and storage' });
			await expect(facts.getByRole('definition').first()).toHaveText(/^\s*Ready/);
			await app.screenshot('offline-workspaces');
		} finally {
			await app.context.setOffline(false);
		}
	});

	test('offers a new build with a prompt, and only moves to it when asked', async ({ app, site }) => {
		const { page } = app;
		await offlineReady(page);
		const before = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
		// A new build published on the host: the worker's script changes.
		appendFileSync(join(site.root!, 'service-worker.js'), '\n// a new build\n');
		await page.goto(app.url('/connectors'));
		const prompt = page.getByRole('status').filter({ hasText: 'A new version of Activation Sandbox is ready' });
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		await app.screenshot('update-prompt', { fullPage: false });
		// "Later" leaves everything as it is.
		await prompt.getByRole('button', { name: 'Later' }).click();
		await expect(prompt).toHaveCount(0);
		expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
		// On the next visit it asks again; "Reload now" hands over and reloads.
		await page.reload();
		await expect(prompt).toBeVisible();
		await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload now' }).click()]);
		await expect(page.getByRole('heading', { name: 'Server to Server Connectors' })).toBeVisible();
		await expect
			.poll(() => page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return { waiting: registration?.waiting ?? null, active: registration?.active?.state };
			}))
			.toEqual({ waiting: null, active: 'activated' });
		expect(before).toBeTruthy();
		await expect(prompt).toHaveCount(0);
	});
});
