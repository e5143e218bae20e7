import { describe, expect, it } from 'vitest';
import { randomId } from '$lib/platform/random-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomId', () => {
	it('uses crypto.randomUUID where the page is a secure context', () => {
		expect(randomId({ getRandomValues: (a) => a, randomUUID: () => '11111111-2222-4333-8444-555555555555' })).toBe('11111111-2222-4333-8444-555555555555');
	});

	it('builds a version-4 UUID from random bytes over plain HTTP, where randomUUID is missing', () => {
		// What a page over plain HTTP has: getRandomValues, and no randomUUID.
		const plainHttp: Pick<Crypto, 'getRandomValues'> = { getRandomValues: (array) => crypto.getRandomValues(array) };
		const ids = Array.from({ length: 500 }, () => randomId(plainHttp));
		for (const id of ids) expect(id).toMatch(UUID_V4);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('sets the version and variant bits whatever the bytes', () => {
		const allOnes = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => ((array as Uint8Array).fill(0xff), array) };
		expect(randomId(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
		const allZeros = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => array };
		expect(randomId(allZeros)).toBe('00000000-0000-4000-8000-000000000000');
	});
});
