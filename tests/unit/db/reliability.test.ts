import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { NewerVersionError, observe, openWorkspaceStore, StorageFullError, WorkspaceClosedError } from '$lib/db';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '$lib/db/database';
import { WorkspaceRegistry } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { emptyCounts } from '$lib/domain/statistics';
import { simulateQuota } from './quota';

const NOW = Date.UTC(2026, 10, 28, 12);
const HOUR = 3_600_000;

async function demoStore(indexedDB = new IDBFactory(), name = 'ws') {
	const store = await openWorkspaceStore({ name, indexedDB, IDBKeyRange, now: () => NOW });
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' }));
	return { store, indexedDB, name };
}

function commitOf(hour: number, sent: number) {
	return {
		increments: [{ connectorId: 'demo-meta', hour, counts: { ...emptyCounts(), sent } }],
		log: [],
		state: { id: 'engine' as const, clock: hour, speed: 60, populationSize: 1000, trafficRate: 1, checkpoint: null, updatedAt: NOW },
		timeZone: 'UTC'
	};
}

describe('a database from a newer build', () => {
	it('is refused with a clear message and left exactly as it was, never downgraded', async () => {
		const indexedDB = new IDBFactory();
		// A newer build: one more schema version, with a table and an index this build knows nothing of.
		const newer = new Dexie('ws', { indexedDB, IDBKeyRange });
		for (const step of SCHEMA_VERSIONS) newer.version(step.version).stores(step.stores);
		newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ connectors: 'id, partnerId, &nameKey, updatedAt, owner', notes: 'id' });
		await newer.open();
		await newer.table('workspace').add({ id: 'workspace', name: 'Written by the newer build' });
		await newer.table('notes').add({ id: 'n1', text: 'keep me' });
		const nativeVersion = newer.backendDB().version;
		newer.close();

		const opening = openWorkspaceStore({ name: 'ws', indexedDB, IDBKeyRange });
		await expect(opening).rejects.toBeInstanceOf(NewerVersionError);
		await expect(opening).rejects.toThrow(/newer version of Activation Sandbox.*Nothing was deleted or changed.*Reload to get the newer version/s);

		const after = new Dexie('ws', { indexedDB, IDBKeyRange });
		await after.open(); // no declared versions: opens whatever is there, unchanged
		expect(after.verno * 10).toBe(nativeVersion);
		expect(await after.table('workspace').get('workspace')).toEqual({ id: 'workspace', name: 'Written by the newer build' });
		expect(await after.table('notes').get('n1')).toEqual({ id: 'n1', text: 'keep me' });
		expect(after.table('connectors').schema.indexes.map((i) => i.name)).toContain('owner');
		after.close();
	});

	it('refuses a registry from a newer build the same way', async () => {
		const indexedDB = new IDBFactory();
		const newer = new Dexie('registry', { indexedDB, IDBKeyRange });
		newer.version(9).stores({ workspaces: 'id, &nameKey', settings: 'key', retired: 'databaseName', pending: 'databaseName', extra: 'id' });
		await newer.open();
		await newer.table('workspaces').add({ id: 'w', name: 'Mine', nameKey: 'mine', databaseName: 'db', origin: 'blank', createdAt: 1 });
		newer.close();

		await expect(WorkspaceRegistry.open({ indexedDB, IDBKeyRange, name: 'registry' })).rejects.toBeInstanceOf(NewerVersionError);
		const after = new Dexie('registry', { indexedDB, IDBKeyRange });
		await after.open();
		expect(after.verno).toBe(9);
		expect(await after.table('workspaces').count()).toBe(1);
		after.close();
	});
});

describe('storage full', () => {
	let quota: ReturnType<typeof simulateQuota> | undefined;
	afterEach(() => {
		quota?.restore();
		quota = undefined;
	});

	it("rolls back the engine's statistics commit and says the storage is full, keeping what was stored", async () => {
		const { store } = await demoStore();
		await store.statistics.commit(commitOf(HOUR, 5));
		quota = simulateQuota();
		quota.full = true;

		const failing = store.statistics.commit({ ...commitOf(2 * HOUR, 7), log: [] });
		await expect(failing).rejects.toBeInstanceOf(StorageFullError);
		await expect(failing).rejects.toThrow(/The browser's storage for this site is full: the engine's latest statistics were not saved.*Free space by deleting workspaces.*export/s);

		quota.full = false;
		expect((await store.statistics.hourly('demo-meta', 0, 10 * HOUR)).map((h) => [h.hour, h.counts.sent])).toEqual([[HOUR, 5]]);
		expect((await store.statistics.engineState())?.clock).toBe(HOUR);
		// Once space is free again, the same commit goes through.
		await store.statistics.commit(commitOf(2 * HOUR, 7));
		expect((await store.statistics.hourly('demo-meta', 0, 10 * HOUR)).map((h) => h.counts.sent)).toEqual([5, 7]);
		store.close();
	});

	it('refuses a connector and an audience save with the same message, changing nothing', async () => {
		const { store } = await demoStore();
		const connectorsBefore = await store.connectors.list();
		const audiencesBefore = await store.audiences.list();
		const auditBefore = await store.audit.list();
		quota = simulateQuota();
		quota.full = true;

		const meta = connectorsBefore.find((c) => c.id === 'demo-meta')!;
		await expect(store.connectors.update(meta.id, { name: 'Meta renamed', config: meta.config, target: meta.target })).rejects.toThrow(
			/storage for this site is full: the connector was not saved, and everything stored before is kept/
		);
		await expect(store.connectors.setStatus(meta.id, 'deactivated')).rejects.toBeInstanceOf(StorageFullError);
		const audience = audiencesBefore[0]!;
		await expect(store.audiences.delete(audience.id)).rejects.toThrow(/storage for this site is full: the audience was not saved/);

		quota.full = false;
		expect(await store.connectors.list()).toEqual(connectorsBefore);
		expect(await store.audiences.list()).toEqual(audiencesBefore);
		expect(await store.audit.list()).toEqual(auditBefore);
		store.close();
	});
});

describe('another tab deletes or upgrades the open workspace', () => {
	it('stops this tab writing to a deleted workspace, says so once, and does not recreate it', async () => {
		const { store, indexedDB, name } = await demoStore();
		const told: string[] = [];
		store.onInterrupted((error) => told.push(error.message));

		// Another tab deletes the workspace (purging a deleted or restored workspace).
		await new Dexie(name, { indexedDB, IDBKeyRange }).delete();
		expect(told).toEqual([expect.stringMatching(/This workspace was changed in another tab.*Reload the page/s)]);

		await expect(store.connectors.setStatus('demo-meta', 'deactivated')).rejects.toBeInstanceOf(WorkspaceClosedError);
		await expect(store.connectors.list()).rejects.toThrow(/changed in another tab/);
		// The write did not bring the deleted workspace back, empty.
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
		const late: string[] = [];
		store.onInterrupted((error) => late.push(error.name));
		expect(late).toEqual(['WorkspaceClosedError']);
	});

	it("lets a newer build's upgrade in another tab go ahead, keeping the data, and stops this tab", async () => {
		const { store, indexedDB, name } = await demoStore();
		let interrupted = false;
		store.onInterrupted(() => (interrupted = true));
		const newer = new Dexie(name, { indexedDB, IDBKeyRange });
		for (const step of SCHEMA_VERSIONS) newer.version(step.version).stores(step.stores);
		newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ notes: 'id' });
		await newer.open();
		expect(interrupted).toBe(true);
		expect(await newer.table('connectors').count()).toBe(demoWorkspace({ now: NOW, timeZone: 'UTC' }).connectors.length);
		await expect(store.faults.all()).rejects.toBeInstanceOf(WorkspaceClosedError);
		newer.close();
	});

	it('tells a live query that the workspace closed, in the same words', async () => {
		const { store, indexedDB, name } = await demoStore();
		const errors: unknown[] = [];
		let values = 0;
		const subscription = observe(
			() => store.connectors.list(),
			() => values++,
			(error) => errors.push(error)
		);
		await expect.poll(() => values).toBe(1);
		await new Dexie(name, { indexedDB, IDBKeyRange }).delete();
		await store.connectors.setStatus('demo-meta', 'deactivated').catch(() => undefined);
		subscription.unsubscribe();
		expect(errors.every((e) => e instanceof WorkspaceClosedError)).toBe(true);
	});

	it('follows edits made through another connection (another tab) with a live query', async () => {
		const { store: first, indexedDB, name } = await demoStore();
		const second = await openWorkspaceStore({ name, indexedDB, IDBKeyRange, now: () => NOW });
		const seen: string[] = [];
		const subscription = observe(
			() => first.connectors.get('demo-meta'),
			(connector) => seen.push(connector?.status ?? 'missing'),
			() => undefined
		);
		await expect.poll(() => seen).toEqual(['active']);
		await second.connectors.setStatus('demo-meta', 'deactivated');
		await expect.poll(() => seen.at(-1)).toBe('deactivated');
		subscription.unsubscribe();
		first.close();
		second.close();
	});
});
