import type Dexie from 'dexie';
import { storageErrorFrom, WorkspaceClosedError } from './errors';

/**
 * An IndexedDB factory that never opens a database at a version other than the one asked for.
 * Dexie 4 answers a VersionError (the database is newer than this build) by opening it at its
 * own version anyway, and may then add indexes to it: data written by a newer build must not be
 * read or altered by an older one, so that retry fails here and the VersionError stands.
 */
export function exactVersionFactory(factory: IDBFactory): IDBFactory {
	return new Proxy(factory, {
		get(target, property) {
			if (property === 'open') {
				return (name: string, version?: number) => {
					if (version === undefined) throw new DOMException(`The database "${name}" is newer than this version of the app.`, 'VersionError');
					return target.open(name, version);
				};
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		}
	});
}

/**
 * Stops using a database once another tab deletes or upgrades it (a `versionchange`) or the
 * browser closes it: Dexie would otherwise reopen it on the next write, recreating a deleted
 * workspace empty or failing against a newer schema. `onClosed` is told once. Returns the way
 * to close the database on purpose, which tells nobody.
 */
export function closeForGood(db: Dexie, onClosed: (error: WorkspaceClosedError) => void): () => void {
	let told = false;
	let closing = false;
	// Dexie fires "close" at the start of every close, this one's too: `closing` ignores those.
	const closeNow = () => {
		if (closing) return;
		closing = true;
		try {
			db.close({ disableAutoOpen: true });
		} finally {
			closing = false;
		}
	};
	const stop = () => {
		closeNow();
		// Dexie's own handlers close the connection leaving it free to reopen, and this may run
		// inside such a close: closing for good again once it has finished keeps that from winning.
		queueMicrotask(closeNow);
		if (told) return;
		told = true;
		onClosed(new WorkspaceClosedError());
	};
	db.on('versionchange', stop);
	db.on('close', () => {
		if (!closing) stop();
	});
	return () => {
		told = true;
		closeNow();
	};
}

/**
 * The repository with every failed promise turned into an error that says what happened
 * (storage full, database closed by another tab) instead of IndexedDB's own. `what` names what
 * was not saved, for the storage-full message.
 */
export function guarded<T extends object>(repository: T, what: string): T {
	return new Proxy(repository, {
		get(target, property) {
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				// Called on the repository itself: its private fields do not exist on the proxy.
				const result = (value as (...a: unknown[]) => unknown).apply(target, args);
				if (result instanceof Promise || (result && typeof (result as PromiseLike<unknown>).then === 'function')) {
					return Promise.resolve(result).catch((error: unknown) => {
						throw storageErrorFrom(error, what);
					});
				}
				return result;
			};
		}
	});
}
