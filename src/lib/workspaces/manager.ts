import { openWorkspaceStore, StorageFullError, type WorkspaceContents, type WorkspaceStore } from '$lib/db';
import { WorkspaceNameTakenError, workspaceNameKey, type WorkspaceEntry, type WorkspaceRegistry } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { scenarioWorkspace, type Scenario } from '$lib/demo/scenarios';
import { buildExportFile, connectorsToStore, exportFileName, readExportFile, type ReadFile, type ReadResult } from '$lib/domain/export-file';
import { partnerRules, secretFieldsOf } from './partners';

/** The database name of a workspace created in this browser. */
export function workspaceDatabaseName(id: string): string {
	return `activation-sandbox:${id}`;
}

export interface WorkspaceManagerOptions {
	registry: WorkspaceRegistry;
	/** The workspace this page has open. */
	current: WorkspaceEntry;
	now: () => number;
	newId: () => string;
	/** A seed for a new blank workspace's simulator. */
	newSeed: () => number;
	timeZone: string;
	/** Whether a restored demo skips generating its 90 days of history (end-to-end tests). */
	skipHistory: boolean;
	/**
	 * Web Locks, where the browser has them (secure contexts): a creation holds a lock while it
	 * runs, so another tab can tell an interrupted one from one still running.
	 */
	locks?: Pick<LockManager, 'request'>;
}

/** A creation with no lock to ask (plain HTTP) counts as interrupted after this long: imports take seconds. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

/** A workspace whose creation was cut short (a reload or a closed tab) and whose partial database was removed. */
export interface InterruptedCreation {
	name: string;
	origin: WorkspaceEntry['origin'];
}

/** A new blank workspace's contents: its settings, nothing else. */
export function blankWorkspace({ name, now, timeZone, seed }: { name: string; now: number; timeZone: string; seed: number }): WorkspaceContents {
	return {
		workspace: { id: 'workspace', name, timeZone, seed, demo: false, history: 'skipped', scenario: null, createdAt: now },
		connectors: [],
		audiences: [],
		journeys: []
	};
}

/**
 * This browser's workspaces: create, rename, delete, switch, restore the demo, export and
 * import. Switching takes effect on the next page load, so the engine, its Web Lock and its
 * broadcast channel are all set up afresh for the chosen workspace.
 */
export class WorkspaceManager {
	readonly #o: WorkspaceManagerOptions;

	constructor(options: WorkspaceManagerOptions) {
		this.#o = options;
	}

	get current(): WorkspaceEntry {
		return this.#o.current;
	}

	get registry(): WorkspaceRegistry {
		return this.#o.registry;
	}

	list(): Promise<WorkspaceEntry[]> {
		return this.#o.registry.list();
	}

	/** Creates an empty workspace (its database first, then its listing). */
	async createBlank(name: string): Promise<WorkspaceEntry> {
		const trimmed = name.trim();
		return this.#create(trimmed, 'blank', async (store) => {
			await store.workspace.setUpIfNew(() => blankWorkspace({ name: trimmed, now: this.#o.now(), timeZone: this.#o.timeZone, seed: this.#o.newSeed() }));
		});
	}

	rename(id: string, name: string): Promise<WorkspaceEntry> {
		return this.#o.registry.rename(id, name);
	}

	/** Deletes a workspace; returns whether it was the open one (the page must then reload). */
	async remove(id: string): Promise<{ wasCurrent: boolean }> {
		await this.#o.registry.remove(id);
		const wasCurrent = id === this.#o.current.id;
		// Another workspace's database can go now; the open one's goes after the reload.
		if (!wasCurrent) void this.#o.registry.purgeRetired(this.#o.current.databaseName).catch(() => undefined);
		return { wasCurrent };
	}

	/** Chooses the workspace pages open; the caller reloads. */
	switchTo(id: string): Promise<void> {
		return this.#o.registry.setCurrent(id);
	}

	/**
	 * Brings the demo workspace back to its first state: a fresh database seeded with the demo
	 * (its history generated again on the next load), listed in place of the old one, which is
	 * deleted once no page uses it. Makes it current; the caller reloads.
	 */
	async restoreDemo(): Promise<WorkspaceEntry> {
		const list = await this.#o.registry.list();
		const demo = list.find((w) => w.origin === 'demo');
		const databaseName = workspaceDatabaseName(this.#o.newId());
		const fill = async (store: WorkspaceStore) => {
			await store.workspace.setUpIfNew(() =>
				demoWorkspace({ now: this.#o.now(), timeZone: this.#o.timeZone, history: this.#o.skipHistory ? 'skipped' : 'pending' })
			);
		};
		let entry: WorkspaceEntry;
		if (demo) {
			entry = await this.#whilePending({ databaseName, name: demo.name, origin: 'demo' }, async () => {
				await this.#fillDatabase(databaseName, fill);
				return this.#o.registry.replaceDatabase(demo.id, databaseName);
			});
		} else {
			const taken = new Set(list.map((w) => w.nameKey));
			let name = 'Demo workspace';
			for (let n = 2; taken.has(workspaceNameKey(name)); n++) name = `Demo workspace (${n})`;
			entry = await this.#create(name, 'demo', fill, databaseName);
		}
		await this.#o.registry.setCurrent(entry.id);
		return entry;
	}

	/**
	 * Starts a demo or training scenario in a workspace of its own: the demo workspace with the
	 * scenario's faults set, named after it. Makes it current; the caller reloads.
	 */
	async startScenario(scenario: Scenario): Promise<WorkspaceEntry> {
		const name = await this.suggestName(scenario.title);
		const entry = await this.#create(name, 'scenario', async (store) => {
			await store.workspace.setUpIfNew(() => {
				const contents = scenarioWorkspace(scenario, { now: this.#o.now(), timeZone: this.#o.timeZone, history: this.#o.skipHistory ? 'skipped' : 'pending' });
				return { ...contents, workspace: { ...contents.workspace, name, scenario: scenario.id } };
			});
			for (const { connectorId, faults } of scenario.faults) await store.faults.set(connectorId, faults);
		});
		await this.#o.registry.setCurrent(entry.id);
		return entry;
	}

	/** The open workspace as an export file's name and text. */
	async exportCurrent(store: WorkspaceStore, includeSecrets: boolean): Promise<{ fileName: string; text: string }> {
		const source = await store.transfer.snapshot();
		const exportedAt = this.#o.now();
		const file = buildExportFile({ ...source, name: this.#o.current.name }, { includeSecrets, exportedAt, secretFieldsOf });
		return { fileName: exportFileName(this.#o.current.name, exportedAt), text: JSON.stringify(file, null, 1) };
	}

	/** Reads an export file; nothing is stored. */
	readImport(text: string): ReadResult {
		return readExportFile(text, partnerRules);
	}

	/** A free name for an import, starting from the file's own. */
	async suggestName(name: string): Promise<string> {
		const taken = new Set((await this.#o.registry.list()).map((w) => w.nameKey));
		const base = name.trim().slice(0, 70) || 'Imported workspace';
		if (!taken.has(workspaceNameKey(base))) return base;
		for (let n = 2; ; n++) {
			const candidate = `${base} (${n})`;
			if (!taken.has(workspaceNameKey(candidate))) return candidate;
		}
	}

	/**
	 * Imports a file that was read without problems into a new workspace. The records are written
	 * in one transaction into a new database, which is listed only after that succeeds; on any
	 * failure the new database is deleted, so the browser's workspaces are as before.
	 */
	importAsNew(read: ReadFile, name: string): Promise<WorkspaceEntry> {
		const { file } = read;
		const created = this.#create(name.trim(), 'imported', async (store) => {
			await store.transfer.fill({
				workspace: {
					id: 'workspace',
					name: name.trim(),
					timeZone: file.workspace.timeZone,
					seed: file.workspace.seed,
					demo: file.workspace.demo,
					// Never "pending": generating history would replace the imported statistics.
					history: file.statistics.hourly.length > 0 ? 'generated' : 'skipped',
					scenario: null,
					createdAt: this.#o.now()
				},
				connectors: connectorsToStore(file, secretFieldsOf),
				file
			});
		});
		// Whichever write hit the full storage (the pending record, the fill, the listing), the
		// user's question is whether the import happened.
		return created.catch((error: unknown) => {
			throw error instanceof StorageFullError ? new StorageFullError('the workspace was not imported') : error;
		});
	}

	/**
	 * Removes what creations cut short by a reload or a closed tab left behind (a database filled
	 * in part, or filled and never listed) and returns them so the user can be told. A creation
	 * still running in another tab is left alone.
	 */
	async removeInterrupted(): Promise<InterruptedCreation[]> {
		const removed: InterruptedCreation[] = [];
		for (const pending of await this.#o.registry.pendingCreations()) {
			if (await this.#stillRunning(pending.databaseName, pending.startedAt)) continue;
			await this.#o.registry.discardDatabase(pending.databaseName);
			removed.push({ name: pending.name, origin: pending.origin });
		}
		return removed;
	}

	async #stillRunning(databaseName: string, startedAt: number): Promise<boolean> {
		const locks = this.#o.locks;
		if (!locks) return this.#o.now() - startedAt < INTERRUPTED_AFTER_MS;
		// The creating tab holds this lock until it finishes; a free lock means it is gone.
		return locks.request(creationLock(databaseName), { ifAvailable: true }, (lock) => lock === null);
	}

	async #create(name: string, origin: WorkspaceEntry['origin'], fill: (store: WorkspaceStore) => Promise<void>, databaseName?: string): Promise<WorkspaceEntry> {
		if (!(await this.#o.registry.nameIsFree(name))) throw new WorkspaceNameTakenError(name);
		const id = this.#o.newId();
		const dbName = databaseName ?? workspaceDatabaseName(id);
		return this.#whilePending({ databaseName: dbName, name, origin }, async () => {
			await this.#fillDatabase(dbName, fill);
			return this.#o.registry.add({ id, name, databaseName: dbName, origin });
		});
	}

	/**
	 * Runs a creation recorded as pending (and under its lock): listing the workspace ends it;
	 * a failure deletes the new database and the record, so nothing of it remains.
	 */
	async #whilePending(creation: { databaseName: string; name: string; origin: WorkspaceEntry['origin'] }, work: () => Promise<WorkspaceEntry>): Promise<WorkspaceEntry> {
		await this.#o.registry.beginCreation(creation);
		const run = async () => {
			try {
				return await work();
			} catch (error) {
				// Should this cleanup fail as well, the pending record stays and the next start removes it.
				await this.#o.registry.discardDatabase(creation.databaseName).catch(() => undefined);
				throw error;
			}
		};
		const locks = this.#o.locks;
		return locks ? locks.request(creationLock(creation.databaseName), run) : run();
	}

	async #fillDatabase(databaseName: string, fill: (store: WorkspaceStore) => Promise<void>): Promise<void> {
		const store = await openWorkspaceStore({ name: databaseName, ...this.#o.registry.indexedDB, now: this.#o.now });
		try {
			await fill(store);
		} finally {
			// Closed before any delete, which would otherwise wait for this connection.
			store.close();
		}
	}
}

function creationLock(databaseName: string): string {
	return `activation-sandbox-create:${databaseName}`;
}
