import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from './support/browser';

/**
 * A browser that refuses IndexedDB (some private windows, blocked site data): the sandbox
 * says so plainly instead of showing an empty or endlessly loading list.
 */
describe('A browser without usable IndexedDB', () => {
	let app: (App & { pageErrors: string[] }) | undefined;

	afterEach(async () => {
		await app?.close();
		app = undefined;
	});

	async function expectStorageMessage(reason: string) {
		const { page } = app!;
		await page.goto(app!.url('/'));
		const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: "This browser won't let the sandbox store its workspace" }) });
		await alert.waitFor();
		const text = await alert.textContent();
		expect(text).toContain(reason);
		expect(text).toContain('Nothing has been saved or changed');
		expect(new URL(page.url()).pathname).toBe('/connectors');
		expect(await page.getByRole('table').count()).toBe(0);
		expect(await page.getByText('Loading connectors').count()).toBe(0);

		// Every page says the same, the catalog and a connector's page too.
		for (const path of ['/connectors/new', '/connectors/demo-meta']) {
			await page.goto(app!.url(path));
			await page.getByRole('heading', { name: "This browser won't let the sandbox store its workspace" }).waitFor();
		}
		// The navigation stays usable.
		expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New Connector' }).isVisible()).toBe(true);
		expect(app!.pageErrors).toEqual([]);
	}

	it('explains that the workspace cannot be stored when there is no IndexedDB at all', async () => {
		app = await openApp();
		await app.context.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		await expectStorageMessage('this browser offers no IndexedDB here');
		await app.screenshot('storage-unavailable');
	});

	it('explains it too when opening the database is refused', async () => {
		app = await openApp();
		await app.context.addInitScript(() => {
			IDBFactory.prototype.open = function open() {
				throw new DOMException('The user denied permission to access the database.', 'SecurityError');
			};
		});
		await expectStorageMessage('denied permission');
	});
});
