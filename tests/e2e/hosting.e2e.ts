import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveBuild } from '../support/static-server';
import { openApp, type App } from './support/browser';

/**
 * A trainer hosts the sandbox on a laptop in the room: a sub-path build (`npm run
 * build:subpath`, base `/sandbox`) on a plain static server, reached over plain HTTP by a
 * host name rather than localhost, so the page is not a secure context (no crypto.randomUUID,
 * no Web Locks, no service worker, no storage manager). Chromium maps the name to this
 * machine's loopback address; no traffic leaves the machine.
 */
describe('hosted under /sandbox/ over plain HTTP from a LAN address', () => {
	let server: Awaited<ReturnType<typeof serveBuild>>;
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		server = await serveBuild(resolve('build-sandbox'), { base: '/sandbox' });
		const { port } = new URL(server.baseURL);
		app = await openApp({ baseURL: `http://sandbox.test:${port}/sandbox`, args: ['--host-resolver-rules=MAP sandbox.test 127.0.0.1'] });
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
		await server?.close();
	});

	const main = () => page.getByRole('main');

	it('is built with its Content-Security-Policy in the page', () => {
		const html = readFileSync(resolve('build-sandbox/index.html'), 'utf8');
		const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		expect(policy).toContain("script-src 'self'");
		expect(policy).toContain("object-src 'none'");
		expect(policy).not.toMatch(/'unsafe-eval'/);
		expect(/script-src[^;]*/.exec(policy)?.[0]).not.toContain("'unsafe-inline'");
	});

	it('opens the demo under the sub-path, in a page that is not a secure context', async () => {
		await page.getByRole('heading', { name: 'Server to Server Connectors' }).waitFor();
		expect(await page.evaluate(() => ({ secure: isSecureContext, path: location.pathname }))).toEqual({ secure: false, path: '/sandbox/connectors' });
		const hrefs = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(hrefs.length).toBeGreaterThan(5);
		for (const href of hrefs) expect(href).toMatch(/^\/sandbox\//);
		// The engine runs in this tab (no Web Locks here to elect one).
		await expect.poll(() => page.evaluate(() => (globalThis as unknown as { activationSandbox: { controller: { role: string } } }).activationSandbox.controller.role)).toBe('running here');
	});

	it('follows links and deep links inside the sub-path', async () => {
		await main().getByRole('link', { name: 'Meta Retargeting EU' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/connectors/demo-meta');
		await page.getByRole('region', { name: 'Statistics' }).waitFor();
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' }).waitFor();
		await page.goto(app.url('/audiences'));
		await main().getByRole('link', { name: 'New audience' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/audiences/new');
	});

	it('creates a workspace and says offline use needs HTTPS here', async () => {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/workspaces');
		await main().getByRole('button', { name: 'New blank workspace' }).click();
		const dialog = page.getByRole('dialog', { name: 'New blank workspace' });
		await dialog.getByLabel('Workspace name').fill('Trainee over the LAN');
		await dialog.getByRole('button', { name: 'Create workspace' }).click();
		await page.getByRole('row', { name: /Trainee over the LAN/ }).waitFor();
		const facts = page.getByRole('region', { name: 'Offline use and storage' });
		await expect.poll(() => facts.textContent()).toMatch(/only to sites served over HTTPS or from localhost/);
	});

	it('imports a workspace file and opens it', async () => {
		await page.getByLabel('Workspace file (.json)').setInputFiles(resolve('static/samples/training-workspace.json'));
		const preview = page.getByRole('form', { name: 'What the import will create' });
		await preview.waitFor();
		await preview.getByLabel('Name of the new workspace').fill('Imported over the LAN');
		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		await page.getByText('Imported as the workspace').waitFor();
		await page.getByRole('region', { name: 'Import a workspace' }).getByRole('button', { name: 'Switch to Imported over the LAN' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/connectors');
		await expect.poll(() => page.getByRole('link', { name: /^Workspace / }).textContent()).toContain('Imported over the LAN');
		await main().getByRole('link', { name: 'Meta Retargeting EU' }).waitFor();
		expect(app.pageErrors).toEqual([]);
	});
});
