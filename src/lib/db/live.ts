import { liveQuery } from 'dexie';

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
	return liveQuery(query).subscribe({ next: onValue, error: onError });
}
