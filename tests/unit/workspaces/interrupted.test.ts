import { IDBKeyRange, IDBTransaction } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { WorkspaceManager, INTERRUPTED_AFTER_MS } from '$lib/workspaces/manager';
import { browserWorkspaces, DEFAULT_DB, NOW } from './support';
import { simulateQuota } from '../db/quota';

/** A page that dies: whatever it was awaiting never settles, and none of its cleanup runs. */
const never = () => new Promise<never>(() => undefined);

/** A file to import: the demo workspace exported. */
async function exportedDemo() {
	const browser = await browserWorkspaces();
	const store = await browser.open(DEFAULT_DB);
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' }));
	const { text } = await browser.manager.exportCurrent(store, false);
	store.close();
	const read = browser.manager.readImport(text);
	if (!read.ok) throw new Error('the demo export should read');
	return { ...browser, read };
}

/** The next page load: the registry opened afresh over the same IndexedDB, a new manager. */
async function nextStart(indexedDB: IDBFactory, options: { now?: number; locks?: Pick<LockManager, 'request'> } = {}) {
	const registry = await WorkspaceRegistry.open({ indexedDB, IDBKeyRange, now: () => options.now ?? NOW });
	const current = await registry.current({ id: 'demo', name: 'Demo workspace', databaseName: DEFAULT_DB });
	const manager = new WorkspaceManager({ registry, current, now: () => options.now ?? NOW, newId: () => 'x', newSeed: () => 1, timeZone: 'UTC', skipHistory: true, locks: options.locks });
	return { registry, manager };
}

/** A LockManager with the one behaviour used here: exclusive locks, and `ifAvailable`. */
function fakeLocks() {
	const held = new Set<string>();
	return {
		held,
		request: (async (name: string, optionsOrCallback: unknown, maybeCallback?: unknown) => {
			const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as (lock: { name: string } | null) => unknown;
			const ifAvailable = typeof optionsOrCallback === 'object' && (optionsOrCallback as { ifAvailable?: boolean }).ifAvailable;
			if (held.has(name)) {
				if (ifAvailable) return callback(null);
				throw new Error('the fake waits for no one');
			}
			held.add(name);
			try {
				return await callback({ name });
			} finally {
				held.delete(name);
			}
		}) as unknown as LockManager['request']
	};
}

describe('an import cut short by a reload', () => {
	it('while filling: nothing is listed, and the next start removes the partial database and says which', async () => {
		const { manager, registry, read, indexedDB, databases } = await exportedDemo();
		// The reload: the browser aborts the fill's transaction part way, and the page's own
		// cleanup never runs.
		const tx = IDBTransaction.prototype as unknown as { _start(): void; _abort(name: string): void; db: { name: string }; mode: string; objectStoreNames: { length: number } };
		const start = tx._start;
		let steps = 0;
		tx._start = function (this: typeof tx) {
			// The fill is the one transaction over every table of the new database.
			const filling = this.db.name.startsWith('activation-sandbox:') && this.mode === 'readwrite' && this.objectStoreNames.length > 5;
			if (filling && ++steps === 3) return this._abort('AbortError');
			return start.call(this);
		};
		(registry as unknown as { discardDatabase: () => Promise<never> }).discardDatabase = never;
		try {
			void manager.importAsNew(read, 'Imported demo');
			await expect.poll(async () => (await registry.pendingCreations()).length).toBe(1);
			await expect.poll(() => steps).toBeGreaterThanOrEqual(3);
		} finally {
			tx._start = start;
		}
		const pendingName = (await registry.pendingCreations())[0]!.databaseName;
		expect(await databases()).toContain(pendingName);
		expect((await manager.list()).map((w) => w.name)).toEqual(['Demo workspace']);

		// No tab holds the import's lock any more: it was interrupted.
		const next = await nextStart(indexedDB, { locks: fakeLocks() });
		expect(await next.manager.removeInterrupted()).toEqual([{ name: 'Imported demo', origin: 'imported' }]);
		expect(await databases()).not.toContain(pendingName);
		expect((await next.manager.list()).map((w) => w.name)).toEqual(['Demo workspace']);
		expect(await next.registry.pendingCreations()).toEqual([]);
		// Told once: the start after that finds nothing.
		expect(await next.manager.removeInterrupted()).toEqual([]);
	});

	it('after filling, before listing: the filled but unlisted database is removed too', async () => {
		const { manager, registry, read, indexedDB, databases } = await exportedDemo();
		let filled = false;
		(registry as unknown as { add: () => Promise<never> }).add = () => ((filled = true), never());
		void manager.importAsNew(read, 'Imported demo');
		await expect.poll(() => filled).toBe(true);
		// Without Web Locks, a pending creation counts as interrupted once it is old enough.
		const next = await nextStart(indexedDB, { now: NOW + INTERRUPTED_AFTER_MS });
		expect((await next.manager.removeInterrupted()).map((r) => r.name)).toEqual(['Imported demo']);
		expect(await databases()).toEqual([DEFAULT_DB, 'activation-sandbox-registry'].sort());
	});

	it('an import that completed leaves nothing pending, and a failed one leaves no database', async () => {
		const { manager, registry, read, databases } = await exportedDemo();
		const entry = await manager.importAsNew(read, 'Imported demo');
		expect(await registry.pendingCreations()).toEqual([]);
		expect(await databases()).toContain(entry.databaseName);
		await expect(manager.importAsNew(read, 'imported DEMO')).rejects.toThrow(/already exists/);
		expect(await databases()).toHaveLength(3);
		expect(await registry.pendingCreations()).toEqual([]);
	});

	it('leaves alone a creation still running in another tab: its lock is held, or (without Web Locks) it is recent', async () => {
		const { registry, indexedDB, databases } = await exportedDemo();
		await registry.beginCreation({ databaseName: 'activation-sandbox:running', name: 'Running', origin: 'imported' });
		const locks = fakeLocks();
		locks.held.add('activation-sandbox-create:activation-sandbox:running');
		expect(await (await nextStart(indexedDB, { locks })).manager.removeInterrupted()).toEqual([]);
		expect(await (await nextStart(indexedDB, { now: NOW + INTERRUPTED_AFTER_MS - 1 })).manager.removeInterrupted()).toEqual([]);
		expect(await registry.pendingCreations()).toHaveLength(1);
		// The lock free again (the tab closed): interrupted.
		locks.held.clear();
		expect(await (await nextStart(indexedDB, { locks })).manager.removeInterrupted()).toEqual([{ name: 'Running', origin: 'imported' }]);
		expect(await databases()).not.toContain('activation-sandbox:running');
	});

	it('holds the creation lock while an import runs, under Web Locks', async () => {
		const { registry, read } = await exportedDemo();
		const locks = fakeLocks();
		const seen: string[][] = [];
		const manager = new WorkspaceManager({ registry, current: (await registry.get('demo'))!, now: () => NOW, newId: () => 'w9', newSeed: () => 1, timeZone: 'UTC', skipHistory: true, locks });
		const original = registry.add.bind(registry);
		(registry as unknown as { add: typeof registry.add }).add = (entry) => {
			seen.push([...locks.held]);
			return original(entry);
		};
		await manager.importAsNew(read, 'Locked import');
		expect(seen).toEqual([['activation-sandbox-create:activation-sandbox:w9']]);
		expect(locks.held.size).toBe(0);
	});
});

describe('an import when storage is full', () => {
	it('is refused with a clear message, lists nothing and leaves no database behind', async () => {
		const { manager, registry, read, databases } = await exportedDemo();
		const before = await databases();
		const quota = simulateQuota();
		try {
			// Full from the fill on: the pending record fits, the workspace's records do not.
			const original = registry.beginCreation.bind(registry);
			(registry as unknown as { beginCreation: typeof original }).beginCreation = async (creation) => {
				await original(creation);
				quota.full = true;
			};
			await expect(manager.importAsNew(read, 'Imported demo')).rejects.toThrow(
				/^The browser's storage for this site is full: the workspace was not imported, and everything stored before is kept as it was\. Free space by deleting workspaces/
			);
		} finally {
			quota.restore();
		}
		expect((await manager.list()).map((w) => w.name)).toEqual(['Demo workspace']);
		expect(await databases()).toEqual(before);
		expect(await registry.pendingCreations()).toEqual([]);
	});
});
