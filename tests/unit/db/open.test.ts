import { describe, expect, it } from 'vitest';
import { openWorkspaceStore, StorageUnavailableError } from '$lib/db';

describe('opening a workspace', () => {
	it('says plainly when the browser offers no IndexedDB', async () => {
		const original = globalThis.indexedDB;
		// @ts-expect-error -- simulating a browser without IndexedDB
		delete globalThis.indexedDB;
		try {
			const opening = openWorkspaceStore({ name: 'no-idb' });
			await expect(opening).rejects.toBeInstanceOf(StorageUnavailableError);
			await expect(opening).rejects.toThrow(/IndexedDB/);
		} finally {
			globalThis.indexedDB = original;
		}
	});

	it('says plainly when the browser refuses to open it', async () => {
		const refusing = {
			open() {
				throw new DOMException('The user denied permission to access the database.', 'SecurityError');
			}
		} as unknown as IDBFactory;
		const opening = openWorkspaceStore({ name: 'refused', indexedDB: refusing });
		await expect(opening).rejects.toThrow(/refused it: .*denied permission/);
	});
});
