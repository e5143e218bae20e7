import { liveQuery } from 'dexie';
import { storageErrorFrom } from './errors';

export interface Subscription {
	unsubscribe(): void;
}

/**
 * Runs a read and runs it again whenever the tables it read change, in this tab or another,
 * so open pages follow edits made elsewhere.
 */
export function observe<T>(
	query: () => Promise<T>,
	onValue: (value: T) => void,
	onError: (error: unknown) => void
): Subscription {
	// A database closed by another tab is reported as such, not as IndexedDB's terse error.
	return liveQuery(query).subscribe({ next: onValue, error: (error: unknown) => onError(storageErrorFrom(error, 'nothing was saved')) });
}
