import { AlertRepository } from './alerts';
import { AuditTrail } from './audit';
import { AudienceRepository } from './audiences';
import { ConnectorRepository } from './connectors';
import { SandboxDatabase } from './database';
import { StorageUnavailableError } from './errors';
import { FaultRepository } from './faults';
import { JourneyRepository } from './journeys';
import { StatisticsRepository } from './statistics';
import { TransferRepository } from './transfer';
import { WorkspaceRepository } from './workspace';
import { randomId } from '$lib/platform/random-id';

export { StorageUnavailableError, RecordNotFoundError } from './errors';
export { observe, type Subscription } from './live';
export type { WorkspaceContents } from './workspace';
export type { SaveResult } from './connectors';
export type { AudienceSaveResult, AudienceDeletion } from './audiences';
export type { JourneyResult } from './journeys';
export type { EngineCommit } from './statistics';
export type { ImportContents } from './transfer';
export { LOG_RING_SIZE } from './statistics';
export { AUDIT_PAGE_SIZE } from './audit';

/** One workspace's database and the repositories over it; nothing else touches Dexie. */
export interface WorkspaceStore {
	workspace: WorkspaceRepository;
	connectors: ConnectorRepository;
	audiences: AudienceRepository;
	journeys: JourneyRepository;
	faults: FaultRepository;
	statistics: StatisticsRepository;
	/** Every configuration change, recorded by the repositories above. */
	audit: AuditTrail;
	/** Whole-workspace reads and writes for export and import. */
	transfer: TransferRepository;
	/** Error-rate alert rules per connector, and the alerts they raised. */
	alerts: AlertRepository;
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
	/** Ids of audit entries; apart from `newId` so recording a change never shifts record ids. */
	newAuditId?: () => string;
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
	const newId = options.newId ?? (() => randomId());
	const audit = new AuditTrail(db, now, options.newAuditId ?? (() => randomId()));
	return {
		workspace: new WorkspaceRepository(db),
		connectors: new ConnectorRepository(db, now, newId, audit),
		audiences: new AudienceRepository(db, audit, now, newId),
		journeys: new JourneyRepository(db, audit, now, newId),
		faults: new FaultRepository(db, now, audit),
		statistics: new StatisticsRepository(db),
		alerts: new AlertRepository(db, newId),
		audit,
		transfer: new TransferRepository(db, now, options.newAuditId ?? (() => randomId())),
		close: () => db.close()
	};
}
export { WorkspaceRegistry, WorkspaceNameTakenError, LastWorkspaceError, type WorkspaceEntry } from './registry';
