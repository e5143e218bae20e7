import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/**
 * A trainer's round trip in one Chromium profile: a workspace per trainee, switching between
 * them, exporting the demo, importing the file into a new workspace, and a broken file
 * refused with its problems. The steps share the profile, so they run in order.
 */
describe('Workspaces, as a trainer', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;
	const downloads = mkdtempSync(join(tmpdir(), 'activation-sandbox-downloads-'));
	let exported = '';

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
		rmSync(downloads, { recursive: true, force: true });
	});

	const main = () => page.getByRole('main');
	const badge = () => page.getByRole('link', { name: /^Workspace / });

	async function openWorkspaces() {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await page.getByRole('heading', { level: 1, name: 'Workspaces' }).waitFor();
		await page.getByRole('table', { name: /Workspaces in this browser/ }).waitFor();
	}

	it('1. lists the demo workspace as the one open now', async () => {
		await expect.poll(() => badge().textContent()).toContain('Demo workspace');
		await openWorkspaces();
		const row = page.getByRole('row', { name: /Demo workspace/ });
		await expect.poll(() => row.textContent()).toContain('Open now');
	});

	it('2. creates a blank workspace for a trainee and switches to it', async () => {
		await main().getByRole('button', { name: 'New blank workspace' }).click();
		const dialog = page.getByRole('dialog', { name: 'New blank workspace' });
		await dialog.getByLabel('Workspace name').fill('Trainee Ann');
		await dialog.getByRole('button', { name: 'Create workspace' }).click();
		await page.getByRole('row', { name: /Trainee Ann/ }).waitFor();
		await app.screenshot('workspaces-list');

		await page.getByRole('button', { name: 'Switch to Trainee Ann' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect.poll(() => badge().textContent()).toContain('Trainee Ann');
		await page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' }).waitFor();
		await expect.poll(() => page.getByRole('row').count()).toBe(0);

		// The name is taken now, ignoring case.
		await openWorkspaces();
		await main().getByRole('button', { name: 'New blank workspace' }).click();
		const again = page.getByRole('dialog', { name: 'New blank workspace' });
		await again.getByLabel('Workspace name').fill('trainee ann');
		await again.getByRole('button', { name: 'Create workspace' }).click();
		await again.getByRole('alert').filter({ hasText: 'A workspace named "trainee ann" already exists' }).waitFor();
		await again.getByRole('button', { name: 'Cancel' }).click();
	});

	it('3. switches back to the demo and exports it without secrets', async () => {
		await page.getByRole('button', { name: 'Switch to Demo workspace' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect.poll(() => badge().textContent()).toContain('Demo workspace');
		await page.getByRole('link', { name: 'Meta Retargeting EU' }).waitFor();
		await openWorkspaces();

		const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Export workspace' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^demo-workspace-\d{4}-\d{2}-\d{2}\.activation-sandbox\.json$/);
		exported = join(downloads, download.suggestedFilename());
		await download.saveAs(exported);
		const file = JSON.parse(readFileSync(exported, 'utf8')) as { version: number; includesSecrets: boolean; connectors: Array<{ name: string; config: Record<string, unknown> }> };
		expect(file).toMatchObject({ version: 1, includesSecrets: false });
		expect(file.connectors.map((c) => c.name)).toContain('Meta Retargeting EU');
		expect(readFileSync(exported, 'utf8')).not.toContain('EAAGdemoSystemUserToken');
		await page.getByText(/Saved as demo-workspace-.*without secrets/).waitFor();
	});

	it('4. imports the file into a new workspace after a preview, and sees its connectors there', async () => {
		await page.getByLabel('Workspace file (.json)').setInputFiles(exported);
		const preview = page.getByRole('form', { name: 'What the import will create' });
		await preview.waitFor();
		await expect.poll(() => preview.getByLabel('Name of the new workspace').inputValue()).toBe('Demo workspace (2)');
		await preview.getByText(/Connectors \(\d+\)/).waitFor();
		await preview.getByText(/will need credentials/).waitFor();
		await app.screenshot('workspaces-import-preview');

		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		await page.getByText('Imported as the workspace').waitFor();
		await page.getByRole('region', { name: 'Import a workspace' }).getByRole('button', { name: 'Switch to Demo workspace (2)' }).click();
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect.poll(() => badge().textContent()).toContain('Demo workspace (2)');
		await page.getByRole('link', { name: 'Meta Retargeting EU' }).click();
		await page.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' }).waitFor();
		await page.getByText(/Needs credentials:/).waitFor();
		const history = page.getByRole('table', { name: /Changes to Meta Retargeting EU/ });
		await expect.poll(() => history.textContent()).toContain('Imported from a file');

		// A change made here lands in the connector's history at once.
		await main().getByRole('button', { name: 'Deactivate' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
		await expect.poll(() => history.textContent()).toContain('Deactivated');
		await expect.poll(() => history.textContent()).toContain('active → deactivated');
		await app.screenshot('workspaces-connector-history');
	});

	it('5. refuses a broken file with a list of problems, each with its path', async () => {
		await openWorkspaces();
		const file = JSON.parse(readFileSync(exported, 'utf8')) as { connectors: Array<Record<string, unknown> & { config: Record<string, unknown> }> };
		file.connectors[2]!.config.accessToken = 12345;
		file.connectors[0]!.status = 'sleeping';
		file.connectors[1]!.partnerId = '<script>alert(1)</script>';
		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
		const problems = page.getByRole('alert').filter({ hasText: 'broken.json cannot be imported' });
		await problems.waitFor();
		await expect.poll(() => problems.textContent()).toContain('connectors[0].status: Expected one of "active", "deactivated", found the text "sleeping".');
		await app.screenshot('workspaces-import-problems');

		// Fixing the shape reveals the next layer: the configuration and the unknown partner.
		file.connectors[0]!.status = 'active';
		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
		await expect.poll(() => problems.textContent()).toContain('connectors[2].config.accessToken: Expected text here, found the number 12345.');
		await expect.poll(() => problems.textContent()).toContain('connectors[1].partnerId: "<script>alert(1)</script>" is not a server-to-server partner');

		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, version: 3 })) });
		await page.getByRole('alert').filter({ hasText: 'future.json comes from a newer version of the sandbox' }).waitFor();
		// Nothing was added by the refused files.
		await expect.poll(() => page.getByRole('table', { name: /Workspaces in this browser/ }).getByRole('row').count()).toBe(4);
		expect(app.pageErrors).toEqual([]);
	});
});
