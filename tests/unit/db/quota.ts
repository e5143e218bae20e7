import { IDBObjectStore, IDBTransaction } from 'fake-indexeddb';

type FakeTransaction = { _abort(name: string): void; _markFinished(): void; _state: string; error: unknown };

/**
 * Makes fake-indexeddb behave like a browser whose storage for the site is full: while `full`
 * is on, a transaction that wrote anything aborts with a QuotaExceededError when it commits
 * (its writes rolled back), as Chromium's transactions do when they commit past the quota.
 */
export function simulateQuota() {
	const store = IDBObjectStore.prototype as unknown as Record<'add' | 'put', (...args: unknown[]) => unknown>;
	const tx = IDBTransaction.prototype as unknown as FakeTransaction;
	const original = { add: store.add, put: store.put, markFinished: tx._markFinished };
	const wrote = new WeakSet<object>();
	const state = { full: false, restore };
	for (const method of ['add', 'put'] as const) {
		store[method] = function (this: { transaction: object }, ...args: unknown[]) {
			if (state.full) wrote.add(this.transaction);
			return original[method].apply(this, args);
		};
	}
	tx._markFinished = function (this: FakeTransaction) {
		// Committing, not aborting already: abort instead, with the browser's quota error.
		if (wrote.has(this) && !this.error) this._abort('QuotaExceededError');
		return original.markFinished.call(this);
	};
	function restore() {
		store.add = original.add;
		store.put = original.put;
		tx._markFinished = original.markFinished;
	}
	return state;
}
