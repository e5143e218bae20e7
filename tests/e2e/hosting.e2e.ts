import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_LAUNCH } from './support/chromium';
import { expect, test } from './support/fixtures';
import { ROOT, SANDBOX_BUILD } from './support/paths';

/**
 * A trainer hosts the sandbox on a laptop in the room: a sub-path build (`npm run
 * build:subpath`, base `/sandbox`) on a plain static server (the run's, see global-setup.ts),
 * reached over plain HTTP by a host name rather than localhost, so the page is not a secure
 * context (no crypto.randomUUID, no Web Locks, no service worker, no storage manager).
 * Chromium maps the name to this machine's loopback address; no traffic leaves the machine.
 */
// A browser of its own for this file (Playwright starts another worker for it): the name is
// mapped when Chromium starts.
test.use({
	server: 'sandbox-over-lan',
	launchOptions: { ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args, '--host-resolver-rules=MAP sandbox.test 127.0.0.1'] }
});

test.describe('hosted under /sandbox/ over plain HTTP from a LAN address', () => {

	test('is built with its Content-Security-Policy in the page', () => {
		const html = readFileSync(join(SANDBOX_BUILD, 'index.html'), 'utf8');
		const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		expect(policy).toContain("script-src 'self'");
		expect(policy).toContain("object-src 'none'");
		expect(policy).not.toMatch(/'unsafe-eval'/);
		expect(/script-src[^;]*/.exec(policy)?.[0]).not.toContain("'unsafe-inline'");
	});

	test('opens the demo under the sub-path, in a page that is not a secure context', async ({ app }) => {
		const { page } = app;
		await expect(page.getByRole('heading', { name: 'Server to Server Connectors' })).toBeVisible();
		expect(await page.evaluate(() => ({ secure: isSecureContext, path: location.pathname }))).toEqual({ secure: false, path: '/sandbox/connectors' });
		const hrefs = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(hrefs.length).toBeGreaterThan(5);
		for (const href of hrefs) expect(href).toMatch(/^\/sandbox\//);
		// The engine runs in this tab (no Web Locks here to elect one).
		await expect.poll(() => page.evaluate(() => (globalThis as unknown as { activationSandbox: { controller: { role: string } } }).activationSandbox.controller.role)).toBe('running here');
	});

	test('follows links and deep links inside the sub-path', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await main().getByRole('link', { name: 'Meta Retargeting EU' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/connectors/demo-meta');
		await expect(page.getByRole('region', { name: 'Statistics' })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' })).toBeVisible();
		await page.goto(app.url('/audiences'));
		await main().getByRole('link', { name: 'New audience' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/audiences/new');
	});

	test('creates a workspace and says offline use needs HTTPS here', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/workspaces');
		await main().getByRole('button', { name: 'New blank workspace' }).click();
		const dialog = page.getByRole('dialog', { name: 'New blank workspace' });
		await dialog.getByLabel('Workspace name').fill('Trainee over the LAN');
		await dialog.getByRole('button', { name: 'Create workspace' }).click();
		await expect(page.getByRole('row', { name: /Trainee over the LAN/ })).toBeVisible();
		const facts = page.getByRole('region', { name: 'Offline use and storage' });
		await expect(facts).toHaveText(/only to sites served over HTTPS or from localhost/);
	});

	test('imports a workspace file and opens it', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/workspaces');
		await page.getByLabel('Workspace file (.json)').setInputFiles(join(ROOT, 'static/samples/training-workspace.json'));
		const preview = page.getByRole('form', { name: 'What the import will create' });
		await expect(preview).toBeVisible();
		await preview.getByLabel('Name of the new workspace').fill('Imported over the LAN');
		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		await expect(page.getByText('Imported as the workspace')).toBeVisible();
		await page.getByRole('region', { name: 'Import a workspace' }).getByRole('button', { name: 'Switch to Imported over the LAN' }).click();
		await page.waitForURL((url) => url.pathname === '/sandbox/connectors');
		await expect(page.getByRole('link', { name: /^Workspace / })).toContainText('Imported over the LAN');
		await expect(main().getByRole('link', { name: 'Meta Retargeting EU' })).toBeVisible();
	});
});
