import { AlertRepository } from './alerts';
import { AuditTrail } from './audit';
import { AudienceRepository } from './audiences';
import { ConnectorRepository } from './connectors';
import { SandboxDatabase } from './database';
import { openError, StorageUnavailableError, type WorkspaceClosedError } from './errors';
import { closeForGood, exactVersionFactory, guarded } from './guard';
import { FaultRepository } from './faults';
import { JourneyRepository } from './journeys';
import { StatisticsRepository } from './statistics';
import { TransferRepository } from './transfer';
import { WorkspaceRepository } from './workspace';
import { randomId } from '$lib/platform/random-id';

export { StorageUnavailableError, RecordNotFoundError, StorageFullError, WorkspaceClosedError, NewerVersionError } from './errors';
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
	/**
	 * Calls `listener` once if another tab deletes, restores or upgrades this workspace's database
	 * (or the browser closes it): from then on every read and write fails with a
	 * WorkspaceClosedError instead of touching a database that is gone or newer.
	 */
	onInterrupted(listener: (error: WorkspaceClosedError) => void): () => void;
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
	const db = new SandboxDatabase(options.name, { indexedDB: exactVersionFactory(factory), IDBKeyRange: options.IDBKeyRange ?? globalThis.IDBKeyRange });
	try {
		await db.open();
	} catch (error) {
		throw openError(error, options.name);
	}
	const listeners = new Set<(error: WorkspaceClosedError) => void>();
	let interrupted: WorkspaceClosedError | undefined;
	const close = closeForGood(db, (error) => {
		interrupted = error;
		for (const listener of listeners) listener(error);
	});
	const now = options.now ?? (() => Date.now());
	const newId = options.newId ?? (() => randomId());
	const audit = new AuditTrail(db, now, options.newAuditId ?? (() => randomId()));
	return {
		workspace: guarded(new WorkspaceRepository(db), 'the workspace was not saved'),
		connectors: guarded(new ConnectorRepository(db, now, newId, audit), 'the connector was not saved'),
		audiences: guarded(new AudienceRepository(db, audit, now, newId), 'the audience was not saved'),
		journeys: guarded(new JourneyRepository(db, audit, now, newId), 'the journey was not saved'),
		faults: guarded(new FaultRepository(db, now, audit), 'the fault setting was not saved'),
		statistics: guarded(new StatisticsRepository(db), "the engine's latest statistics were not saved"),
		alerts: guarded(new AlertRepository(db, newId), 'the alert was not saved'),
		audit: guarded(audit, 'the change was not saved'),
		transfer: guarded(new TransferRepository(db, now, options.newAuditId ?? (() => randomId())), 'the workspace was not imported'),
		onInterrupted: (listener) => {
			if (interrupted) listener(interrupted);
			else listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close
	};
}

export { WorkspaceRegistry, WorkspaceNameTakenError, LastWorkspaceError, type WorkspaceEntry } from './registry';
