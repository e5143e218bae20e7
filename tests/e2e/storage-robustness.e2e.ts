import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * Storage that never loses or half-writes, in a real Chromium: another tab upgrading the open
 * workspace, a database from a newer build, storage full, and a reload during an import.
 */
test.describe('Storage robustness', () => {
	// A browser profile on disk, as a user's: its IndexedDB is the one reopened and checked.
	test.use({ persistentProfile: true });

	/** Opens a database as the page's IndexedDB holds it and reads its version and a store's size. */
	const inspect = (page: Page, name: string, store: string) =>
		page.evaluate(
			([name, store]) =>
				new Promise<{ version: number; count: number; stores: string[] }>((resolve, reject) => {
					const request = indexedDB.open(name!);
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						const db = request.result;
						const count = db.transaction(store!).objectStore(store!).count();
						count.onsuccess = () => {
							resolve({ version: db.version, count: count.result, stores: [...db.objectStoreNames] });
							db.close();
						};
					};
				}),
			[name, store]
		);

	test.describe('another tab with a newer build', () => {
		// The "refused" errors are the app's own messages, not failures of the page.
		test.use({ allowedPageErrors: [/newer version|changed in another tab|VersionError/i] });

		test('says so when another tab upgrades the workspace, then refuses the newer data without touching it', async ({ app }) => {
			const { page } = app;
			await expect(page.getByRole('link', { name: 'Meta Retargeting EU' })).toBeVisible();
			const before = await inspect(page, 'activation-sandbox-demo', 'connectors');

			// A newer build in another tab upgrades the demo workspace's database (one more version).
			await page.evaluate(
				(version) =>
					new Promise<void>((resolve, reject) => {
						const request = indexedDB.open('activation-sandbox-demo', version);
						request.onupgradeneeded = () => request.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 'n1', text: 'written by the newer build' });
						request.onerror = () => reject(request.error);
						request.onsuccess = () => (request.result.close(), resolve());
					}),
				before.version + 10
			);
			const changed = page.getByRole('alert', { name: 'This workspace was changed in another tab; reload' });
			await expect(changed).toBeVisible();
			await expect(changed).toContainText('Reload the page to continue');
			await app.screenshot('storage-changed-in-another-tab', { fullPage: false });

			await changed.getByRole('button', { name: 'Reload' }).click();
			const newer = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This browser holds data from a newer version of Activation Sandbox' }) });
			await expect(newer).toBeVisible();
			await expect(newer).toHaveText(/Nothing was deleted or changed.*Reload to get the newer version/s);
			await app.screenshot('storage-newer-version');

			// The data is as the newer build left it: same version, same connectors, its new store kept.
			const after = await inspect(page, 'activation-sandbox-demo', 'connectors');
			expect(after).toEqual({ version: before.version + 10, count: before.count, stores: [...before.stores, 'notes'].sort() });
		});
	});


	/**
	 * Fills the site's storage, as far as the page can tell: every write fails with the browser's
	 * QuotaExceededError. (Chromium's own `Storage.overrideQuotaForOrigin` was tried first: this
	 * headless Chromium did not enforce it on IndexedDB writes, so the error is raised here.)
	 */
	const fillStorage = (page: Page, full: boolean) =>
		page.evaluate((full) => {
			const w = globalThis as unknown as { storageFull?: boolean; storagePatched?: boolean };
			w.storageFull = full;
			if (w.storagePatched) return;
			w.storagePatched = true;
			for (const method of ['add', 'put'] as const) {
				const original = IDBObjectStore.prototype[method];
				IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
					if (w.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
					return original.apply(this, args);
				};
			}
		}, full);

	test('refuses an import when storage is full, with a clear message, keeping every workspace as it was', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/workspaces'));
		await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
		const workspacesBefore = await inspect(page, 'activation-sandbox-registry', 'workspaces');

		await fillStorage(page, true);

		await page.getByLabel('Workspace file (.json)').setInputFiles('static/samples/training-workspace.json');
		const preview = page.getByRole('form', { name: 'What the import will create' });
		await preview.getByRole('button', { name: 'Import as new workspace' }).click();
		const refused = page.getByText(/Nothing was imported: The browser's storage for this site is full/);
		await expect(refused).toBeVisible();
		await expect(refused).toHaveText(/full: the workspace was not imported, and everything stored before is kept as it was\. Free space by deleting workspaces.*export/);
		await refused.scrollIntoViewIfNeeded();
		await app.screenshot('storage-full-import', { fullPage: false });

		await fillStorage(page, false);
		expect(await inspect(page, 'activation-sandbox-registry', 'workspaces')).toEqual(workspacesBefore);
		const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
		expect(names).toEqual(['activation-sandbox-demo', 'activation-sandbox-registry']);
	});

	test('a connector save refused for lack of space says so on the page, and the connector stays as it was', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors/demo-meta/edit'));
		const name = page.getByLabel('Connector name', { exact: false }).first();
		await expect(name).toBeVisible();
		await fillStorage(page, true);
		await name.fill('Meta Retargeting EU renamed with a much longer name that needs more space');
		await page.getByRole('button', { name: 'Save changes' }).click();
		// Said beside the form, which keeps what was typed.
		const full = page.getByRole('main').getByRole('alert').filter({ hasText: "Nothing was saved: The browser's storage for this site is full" });
		await expect(full).toBeVisible();
		await expect(full).toContainText('the connector was not saved, and everything stored before is kept as it was');
		await expect(name).toHaveValue('Meta Retargeting EU renamed with a much longer name that needs more space');
		await app.screenshot('storage-full-connector', { fullPage: false });
		await fillStorage(page, false);
		await page.goto(app.url('/connectors'));
		await expect(page.getByRole('link', { name: 'Meta Retargeting EU', exact: true })).toBeVisible();
		await expect(page.getByText('renamed with a much longer name')).toHaveCount(0);
	});

	test('an import interrupted by a reload leaves no workspace behind, and the next start says so', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/workspaces'));
		await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
		// Make the import's filling stall (never commit), as if it were very large, so the reload
		// lands in the middle of it every time.
		await page.evaluate(() => {
			const put = IDBObjectStore.prototype.add;
			IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
				const request = put.apply(this, args);
				if (this.transaction.db.name.startsWith('activation-sandbox:') && this.name === 'auditTrail') {
					// Keep the transaction busy forever: it can only end by the page going away.
					const spin = () => void (this.get('nothing').onsuccess = spin);
					spin();
				}
				return request;
			};
		});
		await page.getByLabel('Workspace file (.json)').setInputFiles('static/samples/training-workspace.json');
		await page.getByRole('form', { name: 'What the import will create' }).getByRole('button', { name: 'Import as new workspace' }).click();
		await expect.poll(() => inspect(page, 'activation-sandbox-registry', 'pending').then((r) => r.count)).toBe(1);
		await page.reload();

		const removed = page.getByRole('alert', { name: 'An unfinished workspace was removed' });
		await expect(removed).toBeVisible();
		await expect(removed).toHaveText(/was interrupted .*its partial copy was removed/);
		await page.evaluate(() => scrollTo(0, 0));
		await app.screenshot('storage-import-interrupted', { fullPage: false });
		expect((await inspect(page, 'activation-sandbox-registry', 'workspaces')).count).toBe(1);
		await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort())).toEqual(['activation-sandbox-demo', 'activation-sandbox-registry']);
	});
});
