import { waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveQuery } from '$lib/state/live-query.svelte';
import { audience } from '../../fixtures/records';
import { freshStore } from '../../fixtures/store';

const queries: Array<LiveQuery<unknown>> = [];
afterEach(() => {
	while (queries.length) queries.pop()!.destroy();
});

function live<T>(initial: T, query: () => Promise<T>, options?: ConstructorParameters<typeof LiveQuery<T>>[2]): LiveQuery<T> {
	const made = new LiveQuery(initial, query, options);
	queries.push(made as LiveQuery<unknown>);
	return made;
}

describe('LiveQuery', () => {
	it('starts with the initial value, then loads and follows changes stored later', async () => {
		const store = await freshStore();
		const names = live<string[]>([], async () => (await store.audiences.list()).map((a) => a.name));
		expect(names.value).toEqual([]);
		expect(names.loaded).toBe(false);

		await waitFor(() => expect(names.loaded).toBe(true));
		expect(names.value).toEqual([]);

		await store.audiences.put(audience('aud-1', 'Loyal customers', []));
		await waitFor(() => expect(names.value).toEqual(['Loyal customers']));
		expect(names.error).toBeNull();
	});

	it('reports a failed read in words and keeps the last value', async () => {
		const store = await freshStore();
		let fail = false;
		const names = live<string[]>([], async () => {
			const found = await store.audiences.list();
			if (fail) throw new Error('the disk is full');
			return found.map((a) => a.name);
		});
		await waitFor(() => expect(names.loaded).toBe(true));

		fail = true;
		await store.audiences.put(audience('aud-1', 'Loyal customers', []));
		await waitFor(() => expect(names.error).toBe('the disk is full'));
		expect(names.value).toEqual([]);
	});

	it('follows another query and stops following once destroyed', async () => {
		const store = await freshStore();
		const seen: number[] = [];
		const count = live(-1, async () => (await store.audiences.list()).length, { onValue: (n) => seen.push(n) });
		await waitFor(() => expect(count.value).toBe(0));

		count.follow(async () => (await store.audiences.list()).length * 10);
		await store.audiences.put(audience('aud-1', 'Loyal customers', []));
		await waitFor(() => expect(count.value).toBe(10));
		expect(seen.at(-1)).toBe(10);

		count.destroy();
		await store.audiences.put(audience('aud-2', 'Lapsed', []));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(count.value).toBe(10);
	});

	it('hands results on calmly: never two within the pause, and the newest in the end', async () => {
		const store = await freshStore();
		const takenAt: number[] = [];
		const count = live(-1, async () => (await store.audiences.list()).length, { calmMs: 300, onValue: () => takenAt.push(Date.now()) });
		await waitFor(() => expect(count.value).toBe(0));

		for (let i = 1; i <= 5; i++) await store.audiences.put(audience(`aud-${i}`, `Audience ${i}`, []));
		await waitFor(() => expect(count.value).toBe(5), { timeout: 3000 });

		const gaps = takenAt.slice(1).map((at, i) => at - takenAt[i]!);
		// A timer may fire a millisecond early.
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(295);
	});
});
