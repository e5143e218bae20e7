import { AudienceRepository } from './audiences';
import { ConnectorRepository } from './connectors';
import { SandboxDatabase } from './database';
import { StorageUnavailableError } from './errors';
import { FaultRepository } from './faults';
import { JourneyRepository } from './journeys';
import { StatisticsRepository } from './statistics';
import { WorkspaceRepository } from './workspace';

export { StorageUnavailableError, RecordNotFoundError } from './errors';
export { observe, type Subscription } from './live';
export type { WorkspaceContents } from './workspace';
export type { SaveResult } from './connectors';
export type { AudienceSaveResult, AudienceDeletion } from './audiences';
export type { JourneyResult } from './journeys';
export type { EngineCommit } from './statistics';
export { LOG_RING_SIZE } from './statistics';

/** One workspace's database and the repositories over it; nothing else touches Dexie. */
export interface WorkspaceStore {
	workspace: WorkspaceRepository;
	connectors: ConnectorRepository;
	audiences: AudienceRepository;
	journeys: JourneyRepository;
	faults: FaultRepository;
	statistics: StatisticsRepository;
	close(): void;
}

export interface OpenOptions {
	/** The IndexedDB database name; one per workspace. */
	name: string;
	/** Injected in tests (fake-indexeddb); the browser's own by default. */
	indexedDB?: IDBFactory;
	IDBKeyRange?: typeof IDBKeyRange;
	now?: () => number;
	newId?: () => string;
}

/** Opens (creating or upgrading) a workspace database, or says plainly why it cannot. */
export async function openWorkspaceStore(options: OpenOptions): Promise<WorkspaceStore> {
	const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (!factory) throw new StorageUnavailableError('this browser offers no IndexedDB here');
	const db = new SandboxDatabase(options.name, { indexedDB: factory, IDBKeyRange: options.IDBKeyRange ?? globalThis.IDBKeyRange });
	try {
		await db.open();
	} catch (error) {
		throw new StorageUnavailableError(error instanceof Error ? error.message : String(error));
	}
	const now = options.now ?? (() => Date.now());
	const newId = options.newId ?? (() => crypto.randomUUID());
	return {
		workspace: new WorkspaceRepository(db),
		connectors: new ConnectorRepository(db, now, newId),
		audiences: new AudienceRepository(db, now, newId),
		journeys: new JourneyRepository(db, now, newId),
		faults: new FaultRepository(db, now),
		statistics: new StatisticsRepository(db),
		close: () => db.close()
	};
}
