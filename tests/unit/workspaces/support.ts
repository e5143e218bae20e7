import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openWorkspaceStore } from '$lib/db';
import { WorkspaceRegistry } from '$lib/db/registry';
import { WorkspaceManager } from '$lib/workspaces/manager';

export const NOW = Date.UTC(2026, 10, 28, 12);
export const DEFAULT_DB = 'activation-sandbox-demo';

/** A registry and manager over a fresh in-memory IndexedDB of their own, with readable ids. */
export async function browserWorkspaces() {
	const indexedDB = new IDBFactory();
	let id = 0;
	const registry = await WorkspaceRegistry.open({ indexedDB, IDBKeyRange, now: () => NOW });
	const current = await registry.current({ id: 'demo', name: 'Demo workspace', databaseName: DEFAULT_DB });
	const manager = new WorkspaceManager({
		registry,
		current,
		now: () => NOW,
		newId: () => `w${++id}`,
		newSeed: () => 42,
		timeZone: 'Europe/Amsterdam',
		skipHistory: false
	});
	const open = (name: string) => openWorkspaceStore({ name, indexedDB, IDBKeyRange, now: () => NOW });
	const databases = async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort();
	return { indexedDB, registry, manager, open, databases };
}
