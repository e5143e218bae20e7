import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, type App } from './support/browser';

/**
 * A trainer's e-mail holds links that start things: a scenario in a workspace of its own, or a
 * workspace file of this site offered for import. The trainee's browser may never have opened
 * the sandbox before. The steps share one profile, so they run in order.
 */
describe('links that start things', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		// No first visit: the scenario link is the very first address this browser opens.
		app = await openApp({ history: true });
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	const card = () => page.getByRole('complementary', { name: /^Scenario:/ });
	const badge = () => page.getByRole('link', { name: /^Workspace / });
	const importPanel = () => page.getByRole('region', { name: 'Import a workspace' });

	/** How many workspaces this browser holds, as the workspaces page lists them. */
	async function workspaceCount(): Promise<number> {
		await page.goto(app.url('/workspaces'));
		const caption = await page.getByRole('table', { name: /Workspaces in this browser/ }).locator('caption').textContent();
		return Number(/(\d+) in total/.exec(caption ?? '')?.[1]);
	}

	it('opens a scenario from its link on the first visit, with its card and its fault', async () => {
		// `history=none` only so the test need not wait for 90 days of history.
		await page.goto(app.url('/workspaces?scenario=meta-token-expired&history=none'));
		await page.waitForURL((url) => url.pathname === '/connectors/demo-meta' && url.search === '');
		await expect.poll(() => badge().textContent()).toContain('Meta token expired yesterday');
		await expect.poll(() => card().getByRole('heading', { name: 'What to do' }).count()).toBe(1);
		await expect.poll(() => page.getByLabel('Credentials').inputValue()).toBe('expired');
		await app.screenshot('scenario-from-link', { fullPage: false });

		// A reload of the page it opened, and Back, start nothing again.
		await page.reload();
		await card().waitFor();
		await page.goBack().catch(() => undefined);
		expect(await workspaceCount()).toBe(2);
		await expect.poll(() => page.getByRole('row', { name: /Meta token expired yesterday/ }).count()).toBe(1);
	});

	it('says so for an unknown scenario, changes nothing, and the page still works', async () => {
		await page.goto(app.url('/workspaces?scenario=meta-token-expird'));
		const alert = page.getByRole('alert').filter({ hasText: 'meta-token-expird' });
		await alert.waitFor();
		expect(await alert.textContent()).toContain('which this sandbox does not know, so nothing was started and no workspace changed');
		await page.getByRole('table', { name: /Workspaces in this browser, 2 in total/ }).waitFor();
		await page.getByRole('button', { name: 'Copy link to “DV360 quota exhausted”' }).waitFor();
		await app.screenshot('scenario-link-unknown', { fullPage: false });
		expect(await workspaceCount()).toBe(2);
	});

	it('copies a scenario link, also where the page has no Clipboard API (plain HTTP on a LAN)', async () => {
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url('/') });
		await page.goto(app.url('/workspaces'));
		const meta = page.getByRole('listitem').filter({ hasText: 'Meta token expired yesterday' });
		await meta.getByRole('button', { name: /^Copy link/ }).click();
		await meta.getByText('✓ Link copied').waitFor();
		await app.screenshot('scenario-link-copied', { fullPage: false });
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.url('/workspaces?scenario=meta-token-expired'));

		// Outside a secure context there is no navigator.clipboard: the selection is copied instead.
		const insecure = await page.context().newPage();
		await insecure.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
		await insecure.goto(app.url('/workspaces'));
		expect(await insecure.evaluate(() => 'clipboard' in navigator && navigator.clipboard !== undefined)).toBe(false);
		const dv360 = insecure.getByRole('listitem').filter({ hasText: 'DV360 quota exhausted' });
		await dv360.getByRole('button', { name: /^Copy link/ }).click();
		await dv360.getByText(/Link copied|Press Ctrl\+C/).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.url('/workspaces?scenario=dv360-quota-exhausted'));
		await insecure.close();

		// A browser that copies nothing at all: the link is shown selected, for Ctrl+C.
		const byHand = await page.context().newPage();
		await byHand.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
			Document.prototype.execCommand = () => false;
		});
		await byHand.goto(app.url('/workspaces'));
		const outage = byHand.getByRole('listitem').filter({ hasText: 'Partner outage and recovery' });
		await outage.getByRole('button', { name: /^Copy link/ }).click();
		const field = outage.getByRole('textbox', { name: 'Link that starts this scenario' });
		expect(await field.inputValue()).toBe(app.url('/workspaces?scenario=partner-outage'));
		expect(await field.evaluate((input: HTMLInputElement) => [document.activeElement === input, input.selectionStart, input.selectionEnd])).toEqual([
			true,
			0,
			app.url('/workspaces?scenario=partner-outage').length
		]);
		await outage.getByText('Press Ctrl+C to copy the selected link').waitFor();
		await outage.scrollIntoViewIfNeeded();
		await byHand.screenshot({ path: join(SCREENSHOTS, 'scenario-link-copy-by-hand.png'), animations: 'disabled', caret: 'hide' });
		await byHand.close();
	});

	it('previews the sample workspace file from an import link and imports it only when confirmed', async () => {
		await page.goto(app.url('/workspaces?import=samples/training-workspace.json'));
		const preview = importPanel().getByRole('form', { name: 'What the import will create' });
		await preview.waitFor();
		expect(await preview.textContent()).toContain('training-workspace.json (from the link)');
		expect(await preview.getByLabel('Name of the new workspace').inputValue()).toBe('Training workspace');
		await app.screenshot('import-from-link');
		expect(await page.getByRole('table', { name: /Workspaces in this browser, 2 in total/ }).count()).toBe(1);

		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		await importPanel().getByRole('button', { name: 'Switch to Training workspace' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect.poll(() => badge().textContent()).toContain('Training workspace');
		await page.getByRole('link', { name: 'Meta Retargeting EU' }).waitFor();
		expect(await workspaceCount()).toBe(3);
	});

	it('refuses a missing, unreachable, foreign or broken file with its reason, and creates nothing', async () => {
		const refusal = () => importPanel().getByRole('alert');
		const cases: Array<{ address: string; says: string }> = [
			{ address: 'samples/no-such-file.json', says: 'There is no workspace file at /samples/no-such-file.json on this site (it answered 404 Not Found)' },
			{ address: 'samples/unreachable.json', says: 'could not be reached' },
			{ address: 'https://example.com/workspace.json', says: 'The link asks for a file from https://example.com. Only workspace files from this site' },
			{ address: 'samples/broken.json', says: 'broken.json cannot be imported: 1 problem' }
		];
		await page.context().route('**/samples/unreachable.json', (route) => route.abort('internetdisconnected'));
		await page.context().route('**/samples/broken.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"version": 1, "connectors": [' }));
		for (const { address, says } of cases) {
			await page.goto(app.url(`/workspaces?import=${encodeURIComponent(address)}`));
			await expect.poll(() => refusal().textContent()).toContain(says);
			expect(await refusal().textContent()).toContain('Nothing was imported and no workspace changed.');
			expect(await importPanel().getByRole('button', { name: 'Import as new workspace' }).count()).toBe(0);
			if (address.includes('no-such-file')) await app.screenshot('import-link-refused', { fullPage: false });
		}
		expect(await workspaceCount()).toBe(3);
		expect(app.pageErrors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([]);
	});
});
