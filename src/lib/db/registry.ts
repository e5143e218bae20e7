import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { WorkspaceNameSchema } from '$lib/domain/workspace';
import { openError, StorageUnavailableError, type WorkspaceClosedError } from './errors';
import { closeForGood, exactVersionFactory, guarded } from './guard';

/** The small database that lists this browser's workspaces; each workspace is a database of its own. */
export const REGISTRY_DB = 'activation-sandbox-registry';

export const WorkspaceEntrySchema = z.object({
	id: z.string().min(1),
	/** Checked as every name the user types is (no control or invisible characters). */
	name: WorkspaceNameSchema,
	/** Lower-cased name: names are unique ignoring case, so the switcher never shows two alike. */
	nameKey: z.string().min(1),
	/** The IndexedDB database holding its data. */
	databaseName: z.string().min(1),
	/** How it began: the demo (which "Restore demo workspace" resets), blank, or imported from a file. */
	origin: z.enum(['demo', 'blank', 'imported', 'scenario']),
	createdAt: z.number().int().nonnegative()
});
export type WorkspaceEntry = z.infer<typeof WorkspaceEntrySchema>;

interface Setting {
	key: 'current';
	value: string;
}

/** A database no longer listed, deleted once no page uses it. */
interface Retired {
	databaseName: string;
	retiredAt: number;
}

/**
 * A workspace database being created and filled (an import, a scenario, a restored demo). It is
 * written down before the database is created and removed when the workspace is listed, so a
 * creation cut short by a reload or a closed tab leaves a record to clean up after.
 */
export interface PendingCreation {
	databaseName: string;
	name: string;
	origin: WorkspaceEntry['origin'];
	startedAt: number;
}

class RegistryDatabase extends Dexie {
	workspaces!: EntityTable<WorkspaceEntry, 'id'>;
	settings!: EntityTable<Setting, 'key'>;
	retired!: EntityTable<Retired, 'databaseName'>;
	pending!: EntityTable<PendingCreation, 'databaseName'>;

	constructor(name: string, options: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
		super(name, options);
		// A new schema version here is a new entry, as in database.ts.
		this.version(1).stores({ workspaces: 'id, &nameKey', settings: 'key', retired: 'databaseName' });
		// Workspace databases being created, so an interrupted creation is found and removed.
		this.version(2).stores({ pending: 'databaseName' });
	}
}

export class WorkspaceNameTakenError extends Error {
	override name = 'WorkspaceNameTakenError';
	constructor(readonly workspaceName: string) {
		super(`A workspace named "${workspaceName}" already exists; choose another name.`);
	}
}

export class LastWorkspaceError extends Error {
	override name = 'LastWorkspaceError';
	constructor() {
		super('This is the only workspace, so it cannot be deleted. Create another one first.');
	}
}

export function workspaceNameKey(name: string): string {
	return name.trim().normalize('NFC').toLocaleLowerCase('en-US');
}

export interface RegistryOptions {
	indexedDB?: IDBFactory;
	IDBKeyRange?: typeof IDBKeyRange;
	now?: () => number;
	/** The registry database's name; tests give each their own. */
	name?: string;
}

/**
 * This browser's list of workspaces and which one is open. Every change is one transaction,
 * and the registry never lists a workspace whose database was not fully written.
 */
export class WorkspaceRegistry {
	readonly #db: RegistryDatabase;
	readonly #factory: IDBFactory;
	readonly #keyRange: typeof IDBKeyRange;
	readonly #now: () => number;

	private constructor(db: RegistryDatabase, factory: IDBFactory, keyRange: typeof IDBKeyRange, now: () => number) {
		this.#db = db;
		this.#factory = factory;
		this.#keyRange = keyRange;
		this.#now = now;
	}

	/** Opens the registry, or says plainly why the browser refused storage. */
	static async open(options: RegistryOptions = {}): Promise<WorkspaceRegistry> {
		const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
		if (!factory) throw new StorageUnavailableError('this browser offers no IndexedDB here');
		const keyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange;
		const name = options.name ?? REGISTRY_DB;
		const db = new RegistryDatabase(name, { indexedDB: exactVersionFactory(factory), IDBKeyRange: keyRange });
		try {
			await db.open();
		} catch (error) {
			throw openError(error, name);
		}
		const registry = new WorkspaceRegistry(db, factory, keyRange, options.now ?? (() => Date.now()));
		registry.#close = closeForGood(db, (error) => {
			registry.#interrupted = error;
			for (const listener of registry.#listeners) listener(error);
		});
		return guarded(registry, 'the list of workspaces was not changed');
	}

	#interrupted: WorkspaceClosedError | undefined;
	#close: () => void = () => this.#db.close();
	readonly #listeners = new Set<(error: WorkspaceClosedError) => void>();

	/** Calls `listener` once if another tab (a newer version, say) upgrades or deletes the registry. */
	onInterrupted(listener: (error: WorkspaceClosedError) => void): () => void {
		if (this.#interrupted) listener(this.#interrupted);
		else this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** The IndexedDB the workspaces live in (the same as the registry's). */
	get indexedDB(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
		return { indexedDB: this.#factory, IDBKeyRange: this.#keyRange };
	}

	/**
	 * The workspace to open. The first time, the browser's existing workspace database (or a new
	 * one by that name) is listed as the demo workspace, so nothing a user had is lost.
	 */
	current(defaults: { id: string; name: string; databaseName: string }): Promise<WorkspaceEntry> {
		const { workspaces, settings } = this.#db;
		return this.#db.transaction('rw', workspaces, settings, async () => {
			if ((await workspaces.count()) === 0) {
				await workspaces.add(
					WorkspaceEntrySchema.parse({ ...defaults, nameKey: workspaceNameKey(defaults.name), origin: 'demo', createdAt: this.#now() })
				);
			}
			const chosen = await settings.get('current');
			const entry = (chosen && (await workspaces.get(chosen.value))) ?? (await workspaces.orderBy('nameKey').first())!;
			if (chosen?.value !== entry.id) await settings.put({ key: 'current', value: entry.id });
			return entry;
		});
	}

	/** Every workspace, sorted by name. */
	list(): Promise<WorkspaceEntry[]> {
		return this.#db.workspaces.orderBy('nameKey').toArray();
	}

	get(id: string): Promise<WorkspaceEntry | undefined> {
		return this.#db.workspaces.get(id);
	}

	/** The id of the workspace pages open, as last chosen in this browser. */
	async currentId(): Promise<string | undefined> {
		return (await this.#db.settings.get('current'))?.value;
	}

	/** Lists a workspace whose database is ready; a taken name is refused. */
	add(entry: Omit<WorkspaceEntry, 'nameKey' | 'createdAt'>): Promise<WorkspaceEntry> {
		const valid = WorkspaceEntrySchema.parse({ ...entry, nameKey: workspaceNameKey(entry.name), createdAt: this.#now() });
		return this.#db.transaction('rw', this.#db.workspaces, this.#db.pending, async () => {
			if (await this.#db.workspaces.where('nameKey').equals(valid.nameKey).first()) throw new WorkspaceNameTakenError(valid.name);
			await this.#db.workspaces.add(valid);
			// Listed and no longer pending in one step: no moment where it is both or neither.
			await this.#db.pending.delete(valid.databaseName);
			return valid;
		});
	}

	/** Whether a name is free (ignoring case), for a form to say so before it does anything. */
	async nameIsFree(name: string, exceptId?: string): Promise<boolean> {
		const other = await this.#db.workspaces.where('nameKey').equals(workspaceNameKey(name)).first();
		return !other || other.id === exceptId;
	}

	rename(id: string, name: string): Promise<WorkspaceEntry> {
		return this.#db.transaction('rw', this.#db.workspaces, async () => {
			const entry = await this.#db.workspaces.get(id);
			if (!entry) throw new Error('That workspace no longer exists; it was deleted, perhaps in another tab.');
			const renamed = WorkspaceEntrySchema.parse({ ...entry, name, nameKey: workspaceNameKey(name) });
			const other = await this.#db.workspaces.where('nameKey').equals(renamed.nameKey).first();
			if (other && other.id !== id) throw new WorkspaceNameTakenError(renamed.name);
			await this.#db.workspaces.put(renamed);
			return renamed;
		});
	}

	/** Makes a workspace the one pages open (after a reload). */
	setCurrent(id: string): Promise<void> {
		return this.#db.transaction('rw', this.#db.workspaces, this.#db.settings, async () => {
			if (!(await this.#db.workspaces.get(id))) throw new Error('That workspace no longer exists; it was deleted, perhaps in another tab.');
			await this.#db.settings.put({ key: 'current', value: id });
		});
	}

	/**
	 * Unlists a workspace and marks its database for deletion; never the last one. When it was
	 * the current one, another becomes current. Returns the workspace now current.
	 */
	remove(id: string): Promise<string> {
		const { workspaces, settings, retired } = this.#db;
		return this.#db.transaction('rw', [workspaces, settings, retired], async () => {
			const entry = await workspaces.get(id);
			if (!entry) throw new Error('That workspace no longer exists; it was deleted, perhaps in another tab.');
			if ((await workspaces.count()) <= 1) throw new LastWorkspaceError();
			await workspaces.delete(id);
			await retired.put({ databaseName: entry.databaseName, retiredAt: this.#now() });
			const current = (await settings.get('current'))?.value;
			if (current !== id) return current ?? '';
			const next = (await workspaces.orderBy('nameKey').first())!;
			await settings.put({ key: 'current', value: next.id });
			return next.id;
		});
	}

	/** Points a workspace at a new database (a restored demo) and retires the old one. */
	replaceDatabase(id: string, databaseName: string): Promise<WorkspaceEntry> {
		const { workspaces, retired, pending } = this.#db;
		return this.#db.transaction('rw', workspaces, retired, pending, async () => {
			const entry = await workspaces.get(id);
			if (!entry) throw new Error('That workspace no longer exists; it was deleted, perhaps in another tab.');
			await retired.put({ databaseName: entry.databaseName, retiredAt: this.#now() });
			const replaced = { ...entry, databaseName };
			await workspaces.put(replaced);
			await pending.delete(databaseName);
			return replaced;
		});
	}

	/**
	 * Deletes the databases of workspaces that were removed or replaced, except one still in use
	 * here. A database another tab holds open is closed there (Dexie closes on a version change).
	 */
	async purgeRetired(inUse: string): Promise<string[]> {
		const listed = new Set((await this.#db.workspaces.toArray()).map((w) => w.databaseName));
		const deleted: string[] = [];
		for (const { databaseName } of await this.#db.retired.toArray()) {
			if (databaseName === inUse) continue;
			if (!listed.has(databaseName)) {
				await this.#deleteDatabase(databaseName);
				deleted.push(databaseName);
			}
			await this.#db.retired.delete(databaseName);
		}
		return deleted;
	}

	/** Notes that a workspace database is about to be created and filled (see PendingCreation). */
	async beginCreation(creation: Omit<PendingCreation, 'startedAt'>): Promise<void> {
		await this.#db.pending.put({ ...creation, startedAt: this.#now() });
	}

	/** Creations that began and were neither listed nor discarded: interrupted, or still running in some tab. */
	pendingCreations(): Promise<PendingCreation[]> {
		return this.#db.pending.toArray();
	}

	/** Deletes a database that was being filled and never listed (a failed or interrupted import). */
	async discardDatabase(databaseName: string): Promise<void> {
		const listed = await this.#db.workspaces.toArray();
		// A listed workspace's data is never deleted here, whatever a stale pending record says.
		if (!listed.some((w) => w.databaseName === databaseName)) await this.#deleteDatabase(databaseName);
		await this.#db.pending.delete(databaseName);
	}

	#deleteDatabase(databaseName: string): Promise<void> {
		return new Dexie(databaseName, { indexedDB: this.#factory, IDBKeyRange: this.#keyRange }).delete();
	}

	close(): void {
		this.#close();
	}
}
