import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveBuild } from '../support/static-server';
import { openApp, type App } from './support/browser';

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Waits until the service worker has stored this build and serves the page. */
async function offlineReady(page: Page) {
	await page.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		return Boolean(registration?.active && navigator.serviceWorker.controller);
	});
}

/**
 * A presenter in a room without Wi-Fi: after one visit the whole sandbox runs with the network
 * off, a reload included; a new build waits for the presenter's word.
 */
describe('offline and installable', () => {
	// A server of this file's own, so the test can publish a "new build" under the page.
	let server: Awaited<ReturnType<typeof serveBuild>>;
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		server = await serveBuild(resolve('build'));
		app = await openApp({ baseURL: server.baseURL });
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
		await server?.close();
	});

	it('is installable: a manifest with icons, a theme and a start page', async () => {
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const manifest = (await (await page.request.get(app.url(href!))).json()) as { name: string; start_url: string; display: string; icons: Array<{ sizes: string; type: string; src: string }> };
		expect(manifest).toMatchObject({ name: 'Activation Sandbox', display: 'standalone' });
		expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
		for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, app.url(href!)).href)).status()).toBe(200);
	});

	it('says on the Workspaces page that it is ready for offline use', async () => {
		await offlineReady(page);
		await page.getByRole('link', { name: 'Workspaces', exact: true }).click();
		const facts = page.getByRole('region', { name: 'Offline use and storage' });
		await expect.poll(() => facts.getByRole('definition').first().textContent()).toMatch(/^\s*Ready/);
		// Persistent or not is the browser's call; the page says which, in words.
		await expect.poll(() => facts.getByRole('definition').nth(1).textContent()).toMatch(/Persistent|May be cleared/);
	});

	it('works with the network off: a reload, the connectors, statistics, a simulator run and the workspaces', async () => {
		await page.goto(app.url('/connectors'));
		await app.context.setOffline(true);
		try {
			await page.reload();
			await page.getByRole('heading', { name: 'Server to Server Connectors' }).waitFor();
			await page.getByRole('status').filter({ hasText: 'Offline · all features available' }).waitFor();

			await page.getByRole('main').getByRole('link', { name: 'Meta Retargeting EU' }).click();
			await page.getByRole('region', { name: 'Statistics' }).waitFor();

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
			await page.getByRole('region', { name: 'Statistics' }).locator('svg path[fill="#2e8b57"]').first().waitFor({ state: 'attached' });

			await page.goto(app.url('/workspaces'));
			await page.getByRole('heading', { name: 'Workspaces', level: 1 }).waitFor();
			const facts = page.getByRole('region', { name: 'Offline use and storage' });
			await expect.poll(() => facts.getByRole('definition').first().textContent()).toMatch(/^\s*Ready/);
			await app.screenshot('offline-workspaces');
		} finally {
			await app.context.setOffline(false);
		}
		expect(app.pageErrors).toEqual([]);
	});

	it('offers a new build with a prompt, and only moves to it when asked', async () => {
		const before = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
		// A new build published on the host: the worker's script changes.
		appendFileSync(join(server.root, 'service-worker.js'), '\n// a new build\n');
		await page.goto(app.url('/connectors'));
		const prompt = page.getByRole('status').filter({ hasText: 'A new version of Activation Sandbox is ready' });
		await prompt.waitFor({ timeout: 20_000 });
		await app.screenshot('update-prompt', { fullPage: false });
		// "Later" leaves everything as it is.
		await prompt.getByRole('button', { name: 'Later' }).click();
		await expect.poll(() => prompt.count()).toBe(0);
		expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
		// On the next visit it asks again; "Reload now" hands over and reloads.
		await page.reload();
		await prompt.waitFor();
		await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload now' }).click()]);
		await page.getByRole('heading', { name: 'Server to Server Connectors' }).waitFor();
		await expect
			.poll(() => page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return { waiting: registration?.waiting ?? null, active: registration?.active?.state };
			}))
			.toEqual({ waiting: null, active: 'activated' });
		expect(before).toBeTruthy();
		expect(await prompt.count()).toBe(0);
		expect(app.pageErrors).toEqual([]);
	});
});
