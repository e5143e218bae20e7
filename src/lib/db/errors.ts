import { messageOf } from '$lib/domain/message';
/** IndexedDB cannot be used in this browser (private mode, blocked storage, very old browser). */
export class StorageUnavailableError extends Error {
	override name = 'StorageUnavailableError';
	constructor(readonly reason: string) {
		super(
			`The sandbox keeps its workspace in this browser's IndexedDB, and the browser refused it: ${reason}. ` +
				'Allow site data for this page (it is blocked in some private windows and by some privacy settings), then reload.'
		);
	}
}

/** A record that should exist does not (deleted in another tab, or a wrong id). */
export class RecordNotFoundError extends Error {
	// Not "NotFoundError": Dexie rewraps errors that share a name with its own.
	override name = 'RecordNotFoundError';
	constructor(readonly what: string, readonly id: string) {
		super(`No ${what} with id "${id}" exists in this workspace.`);
	}
}

/**
 * The browser refused a write because this site's storage is full. The write's transaction was
 * rolled back, so everything stored before is as it was.
 */
export class StorageFullError extends Error {
	override name = 'StorageFullError';
	/** `what`: what did not happen, as a clause ("the connector was not saved"). */
	constructor(readonly what: string) {
		super(
			`The browser's storage for this site is full: ${what}, and everything stored before is kept as it was. ` +
				'Free space by deleting workspaces you no longer need (export them to a file first to keep a copy), then try again.'
		);
	}
}

/**
 * Another tab deleted, restored or upgraded the open workspace's database, so this tab stopped
 * using it: writing on would recreate a deleted workspace or mix two schema versions.
 */
export class WorkspaceClosedError extends Error {
	override name = 'WorkspaceClosedError';
	constructor() {
		super(
			'This workspace was changed in another tab (deleted, restored, or upgraded by a newer version of Activation Sandbox), ' +
				'so this tab stopped saving to it. Reload the page to continue with what is stored now.'
		);
	}
}

/** The browser holds a database written by a newer build than this one; it is left untouched. */
export class NewerVersionError extends Error {
	override name = 'NewerVersionError';
	constructor(readonly databaseName: string) {
		super(
			'This browser holds data from a newer version of Activation Sandbox than this page. ' +
				'Nothing was deleted or changed: the data stays as the newer version wrote it. ' +
				'Reload to get the newer version (choose "Reload now" if the page offers a new version), ' +
				'or open the sandbox from the address where the newer version is served.'
		);
	}
}

/** Names of `error` and of the errors it wraps (Dexie keeps the browser's error as `inner`). */
function errorNames(error: unknown, depth = 0): string[] {
	if (!error || typeof error !== 'object' || depth > 4) return [];
	const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
	const names = typeof e.name === 'string' ? [e.name] : [];
	names.push(...errorNames(e.inner, depth + 1), ...errorNames(e.cause, depth + 1));
	if (Array.isArray(e.failures)) for (const failure of e.failures as unknown[]) names.push(...errorNames(failure, depth + 1));
	return names;
}

/**
 * The error a caller should see for a failed storage operation: a full disk and a database
 * closed under this tab become errors that say what happened in the product's words; others
 * pass through unchanged.
 */
export function storageErrorFrom(error: unknown, what: string): unknown {
	if (error instanceof StorageFullError || error instanceof WorkspaceClosedError || error instanceof NewerVersionError) return error;
	const names = errorNames(error);
	if (names.includes('QuotaExceededError')) return new StorageFullError(what);
	if (names.includes('DatabaseClosedError')) return new WorkspaceClosedError();
	return error;
}

/** Why a database would not open, in the product's words: newer than this build, or refused. */
export function openError(error: unknown, databaseName: string): Error {
	if ((error as { name?: unknown } | null)?.name === 'VersionError') return new NewerVersionError(databaseName);
	return new StorageUnavailableError(messageOf(error));
}
