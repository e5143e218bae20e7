import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * A browser that refuses IndexedDB (some private windows, blocked site data): the sandbox
 * says so plainly instead of showing an empty or endlessly loading list.
 */
test.describe('A browser without usable IndexedDB', () => {
	async function expectStorageMessage(page: Page, url: (path: string) => string, reason: string) {
		await page.goto(url('/'));
		const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: "This browser won't let the sandbox store its workspace" }) });
		await expect(alert).toContainText(reason);
		await expect(alert).toContainText('Nothing has been saved or changed');
		expect(new URL(page.url()).pathname).toBe('/connectors');
		await expect(page.getByRole('table')).toHaveCount(0);
		await expect(page.getByText('Loading connectors')).toHaveCount(0);

		// Every page says the same, the catalog and a connector's page too.
		for (const path of ['/connectors/new', '/connectors/demo-meta']) {
			await page.goto(url(path));
			await expect(page.getByRole('heading', { name: "This browser won't let the sandbox store its workspace" })).toBeVisible();
		}
		// The navigation stays usable.
		await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New Connector' })).toBeVisible();
	}

	test('explains that the workspace cannot be stored when there is no IndexedDB at all', async ({ app }) => {
		await app.context.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		await expectStorageMessage(app.page, app.url, 'this browser offers no IndexedDB here');
		await app.screenshot('storage-unavailable');
	});

	test('explains it too when opening the database is refused', async ({ app }) => {
		await app.context.addInitScript(() => {
			IDBFactory.prototype.open = function open() {
				throw new DOMException('The user denied permission to access the database.', 'SecurityError');
			};
		});
		await expectStorageMessage(app.page, app.url, 'denied permission');
	});
});
