import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * A trainer's round trip: a workspace per trainee, switching between them, exporting the demo,
 * importing the file into a new workspace, and a broken file refused with its problems.
 */
const main = (page: Page) => page.getByRole('main');
const badge = (page: Page) => page.getByRole('link', { name: /^Workspace / });

async function openWorkspaces(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Workspaces' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Workspaces in this browser/ })).toBeVisible();
}

test.describe('Workspaces, as a trainer', () => {
	test('lists the demo workspace as the one open now', async ({ app }) => {
		const { page } = app;
		await expect(badge(page)).toContainText('Demo workspace');
		await openWorkspaces(page);
		const row = page.getByRole('row', { name: /Demo workspace/ });
		await expect(row).toContainText('Open now');
	});

	// Each step starts where the one before left off (in the trainee's workspace, with the exported file): one test, in steps.
	test('creates a trainee workspace, switches back to the demo, exports it and imports the file into a new workspace', async ({ app }, testInfo) => {
		const { page } = app;
		let exported = '';

		await test.step('creates a blank workspace for a trainee and switches to it', async () => {
			await openWorkspaces(page);
			await main(page).getByRole('button', { name: 'New blank workspace' }).click();
			const dialog = page.getByRole('dialog', { name: 'New blank workspace' });
			await dialog.getByLabel('Workspace name').fill('Trainee Ann');
			await dialog.getByRole('button', { name: 'Create workspace' }).click();
			await expect(page.getByRole('row', { name: /Trainee Ann/ })).toBeVisible();
			await app.screenshot('workspaces-list');

			await page.getByRole('button', { name: 'Switch to Trainee Ann' }).click();
			await page.waitForURL((url) => url.pathname === '/connectors');
			await expect(badge(page)).toContainText('Trainee Ann');
			await expect(page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' })).toBeVisible();
			await expect(page.getByRole('row')).toHaveCount(0);

			// The name is taken now, ignoring case.
			await openWorkspaces(page);
			await main(page).getByRole('button', { name: 'New blank workspace' }).click();
			const again = page.getByRole('dialog', { name: 'New blank workspace' });
			await again.getByLabel('Workspace name').fill('trainee ann');
			await again.getByRole('button', { name: 'Create workspace' }).click();
			await expect(again.getByRole('alert').filter({ hasText: 'A workspace named "trainee ann" already exists' })).toBeVisible();
			await again.getByRole('button', { name: 'Cancel' }).click();
		});

		await test.step('switches back to the demo and exports it without secrets', async () => {
			await page.getByRole('button', { name: 'Switch to Demo workspace' }).click();
			await page.waitForURL((url) => url.pathname === '/connectors');
			await expect(badge(page)).toContainText('Demo workspace');
			await expect(page.getByRole('link', { name: 'Meta Retargeting EU' })).toBeVisible();
			await openWorkspaces(page);

			const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: 'Export workspace' }).click()]);
			expect(download.suggestedFilename()).toMatch(/^demo-workspace-\d{4}-\d{2}-\d{2}\.activation-sandbox\.json$/);
			exported = testInfo.outputPath(download.suggestedFilename());
			await download.saveAs(exported);
			const file = JSON.parse(readFileSync(exported, 'utf8')) as { version: number; includesSecrets: boolean; connectors: Array<{ name: string; config: Record<string, unknown> }> };
			expect(file).toMatchObject({ version: 1, includesSecrets: false });
			expect(file.connectors.map((c) => c.name)).toContain('Meta Retargeting EU');
			expect(readFileSync(exported, 'utf8')).not.toContain('EAAGdemoSystemUserToken');
			await expect(page.getByText(/Saved as demo-workspace-.*without secrets/)).toBeVisible();
		});

		await test.step('imports the file into a new workspace after a preview, and sees its connectors there', async () => {
			await page.getByLabel('Workspace file (.json)').setInputFiles(exported);
			const preview = page.getByRole('form', { name: 'What the import will create' });
			await expect(preview).toBeVisible();
			await expect(preview.getByLabel('Name of the new workspace')).toHaveValue('Demo workspace (2)');
			await expect(preview.getByText(/Connectors \(\d+\)/)).toBeVisible();
			await expect(preview.getByText(/will need credentials/)).toBeVisible();
			await app.screenshot('workspaces-import-preview');

			await preview.getByRole('button', { name: 'Import as new workspace' }).click();
			await expect(page.getByText('Imported as the workspace')).toBeVisible();
			await page.getByRole('region', { name: 'Import a workspace' }).getByRole('button', { name: 'Switch to Demo workspace (2)' }).click();
			await page.waitForURL((url) => url.pathname === '/connectors');
			await expect(badge(page)).toContainText('Demo workspace (2)');
			await page.getByRole('link', { name: 'Meta Retargeting EU' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' })).toBeVisible();
			await expect(page.getByText(/Needs credentials:/)).toBeVisible();
			const history = page.getByRole('table', { name: /Changes to Meta Retargeting EU/ });
			await expect(history).toContainText('Imported from a file');

			// A change made here lands in the connector's history at once.
			await main(page).getByRole('button', { name: 'Deactivate' }).click();
			await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
			await expect(history).toContainText('Deactivated');
			await expect(history).toContainText('active → deactivated');
			await app.screenshot('workspaces-connector-history');
		});
	});

	test('refuses a broken file with a list of problems, each with its path', async ({ app }, testInfo) => {
		const { page } = app;
		// The demo's own export is the file that gets broken below.
		await openWorkspaces(page);
		const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: 'Export workspace' }).click()]);
		const exported = testInfo.outputPath(download.suggestedFilename());
		await download.saveAs(exported);
		const file = JSON.parse(readFileSync(exported, 'utf8')) as { connectors: Array<Record<string, unknown> & { config: Record<string, unknown> }> };
		file.connectors[2]!.config.accessToken = 12345;
		file.connectors[0]!.status = 'sleeping';
		file.connectors[1]!.partnerId = '<script>alert(1)</script>';
		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
		const problems = page.getByRole('alert').filter({ hasText: 'broken.json cannot be imported' });
		await expect(problems).toBeVisible();
		await expect(problems).toContainText('connectors[0].status: Expected one of "active", "deactivated", found the text "sleeping".');
		await app.screenshot('workspaces-import-problems');

		// Fixing the shape reveals the next layer: the configuration and the unknown partner.
		file.connectors[0]!.status = 'active';
		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
		await expect(problems).toContainText('connectors[2].config.accessToken: Expected text here, found the number 12345.');
		await expect(problems).toContainText('connectors[1].partnerId: "<script>alert(1)</script>" is not a server-to-server partner');

		await page.getByLabel('Workspace file (.json)').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, version: 3 })) });
		await expect(page.getByRole('alert').filter({ hasText: 'future.json comes from a newer version of the sandbox' })).toBeVisible();
		// Nothing was added by the refused files: the header and the demo workspace.
		await expect(page.getByRole('table', { name: /Workspaces in this browser/ }).getByRole('row')).toHaveCount(2);
	});
});
