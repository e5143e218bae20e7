import type { Page } from '@playwright/test';
import { expect, test, type App } from './support/fixtures';

/**
 * A trainer's e-mail holds links that start things: a scenario in a workspace of its own, or a
 * workspace file of this site offered for import. The trainee's browser may never have opened
 * the sandbox before: in each test, a scenario link is the very first address it opens.
 */
const card = (page: Page) => page.getByRole('complementary', { name: /^Scenario:/ });
const badge = (page: Page) => page.getByRole('link', { name: /^Workspace / });
const importPanel = (page: Page) => page.getByRole('region', { name: 'Import a workspace' });

/** The workspaces page lists this many workspaces in this browser. */
async function expectWorkspaces(app: App, count: number): Promise<void> {
	await app.page.goto(app.url('/workspaces'));
	await expect(app.page.getByRole('table', { name: /Workspaces in this browser/ }).locator('caption')).toHaveText(new RegExp(`(^|\\D)${count} in total`));
}

/** The first visit of this browser: a scenario's link (`history=none` only so the test need not wait for 90 days of history). */
async function openScenarioLink(app: App): Promise<void> {
	await app.page.goto(app.url('/workspaces?scenario=meta-token-expired&history=none'));
	await app.page.waitForURL((url) => url.pathname === '/connectors/demo-meta' && url.search === '');
	await expect(badge(app.page)).toContainText('Meta token expired yesterday');
}

test.describe('links that start things', () => {
	test.use({ seedDemo: false });

	test('opens a scenario from its link on the first visit, with its card and its fault', async ({ app }) => {
		const { page } = app;
		// `history=none` only so the test need not wait for 90 days of history.
		await page.goto(app.url('/workspaces?scenario=meta-token-expired&history=none'));
		await page.waitForURL((url) => url.pathname === '/connectors/demo-meta' && url.search === '');
		await expect(badge(page)).toContainText('Meta token expired yesterday');
		await expect(card(page).getByRole('heading', { name: 'What to do' })).toHaveCount(1);
		await expect(page.getByLabel('Credentials')).toHaveValue('expired');
		await app.screenshot('scenario-from-link', { fullPage: false });

		// A reload of the page it opened, and Back, start nothing again.
		await page.reload();
		await expect(card(page)).toBeVisible();
		await page.goBack().catch(() => undefined);
		await expectWorkspaces(app, 2);
		await expect(page.getByRole('row', { name: /Meta token expired yesterday/ })).toHaveCount(1);
	});

	test('says so for an unknown scenario, changes nothing, and the page still works', async ({ app }) => {
		const { page } = app;
		await openScenarioLink(app);
		await page.goto(app.url('/workspaces?scenario=meta-token-expird'));
		const alert = page.getByRole('alert').filter({ hasText: 'meta-token-expird' });
		await expect(alert).toBeVisible();
		await expect(alert).toContainText('which this sandbox does not know, so nothing was started and no workspace changed');
		await expect(page.getByRole('table', { name: /Workspaces in this browser, 2 in total/ })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Copy link to “DV360 quota exhausted”' })).toBeVisible();
		await app.screenshot('scenario-link-unknown', { fullPage: false });
		await expectWorkspaces(app, 2);
	});

	test('copies a scenario link, also where the page has no Clipboard API (plain HTTP on a LAN)', async ({ app }) => {
		const { page } = app;
		await openScenarioLink(app);
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url('/') });
		await page.goto(app.url('/workspaces'));
		const meta = page.getByRole('listitem').filter({ hasText: 'Meta token expired yesterday' });
		await meta.getByRole('button', { name: /^Copy link/ }).click();
		await expect(meta.getByText('✓ Link copied')).toBeVisible();
		await app.screenshot('scenario-link-copied', { fullPage: false });
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.url('/workspaces?scenario=meta-token-expired'));

		// Outside a secure context there is no navigator.clipboard: the selection is copied instead.
		const insecure = await page.context().newPage();
		await insecure.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
		await insecure.goto(app.url('/workspaces'));
		expect(await insecure.evaluate(() => 'clipboard' in navigator && navigator.clipboard !== undefined)).toBe(false);
		const dv360 = insecure.getByRole('listitem').filter({ hasText: 'DV360 quota exhausted' });
		await dv360.getByRole('button', { name: /^Copy link/ }).click();
		await expect(dv360.getByText(/Link copied|Press Ctrl\+C/)).toBeVisible();
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
		await expect(field).toHaveValue(app.url('/workspaces?scenario=partner-outage'));
		expect(await field.evaluate((input: HTMLInputElement) => [document.activeElement === input, input.selectionStart, input.selectionEnd])).toEqual([
			true,
			0,
			app.url('/workspaces?scenario=partner-outage').length
		]);
		await expect(outage.getByText('Press Ctrl+C to copy the selected link')).toBeVisible();
		await outage.scrollIntoViewIfNeeded();
		await app.screenshot('scenario-link-copy-by-hand', { page: byHand, fullPage: false });
		await byHand.close();
	});

	test('previews the sample workspace file from an import link and imports it only when confirmed', async ({ app }) => {
		const { page } = app;
		await openScenarioLink(app);
		await page.goto(app.url('/workspaces?import=samples/training-workspace.json'));
		const preview = importPanel(page).getByRole('form', { name: 'What the import will create' });
		await expect(preview).toBeVisible();
		await expect(preview).toContainText('training-workspace.json (from the link)');
		await expect(preview.getByLabel('Name of the new workspace')).toHaveValue('Training workspace');
		await app.screenshot('import-from-link');
		await expect(page.getByRole('table', { name: /Workspaces in this browser, 2 in total/ })).toHaveCount(1);

		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		await importPanel(page).getByRole('button', { name: 'Switch to Training workspace' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect(badge(page)).toContainText('Training workspace');
		await expect(page.getByRole('link', { name: 'Meta Retargeting EU' })).toBeVisible();
		await expectWorkspaces(app, 3);
	});

	test.describe('with a refusal', () => {
		// Chromium reports the missing and the unreachable file itself, on the console.
		test.use({ allowedPageErrors: [/Failed to load resource|ERR_INTERNET_DISCONNECTED/] });

		test('refuses a missing, unreachable, foreign or broken file with its reason, and creates nothing', async ({ app }) => {
			const { page } = app;
			await openScenarioLink(app);
			const refusal = () => importPanel(page).getByRole('alert');
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
				await expect(refusal()).toContainText(says);
				await expect(refusal()).toContainText('Nothing was imported and no workspace changed.');
				await expect(importPanel(page).getByRole('button', { name: 'Import as new workspace' })).toHaveCount(0);
				if (address.includes('no-such-file')) await app.screenshot('import-link-refused', { fullPage: false });
			}
			// As many as before the links: the scenario's and the demo.
			await expectWorkspaces(app, 2);
		});
	});
});
