import { describe, expect, it } from 'vitest';
import { IdentifierCache, identifierOf, isSha256Hex, normaliseEmail, normalisePhone } from '$lib/partners/identifiers';
import { profile, sha256 } from '../../fixtures/delivery';

describe('identifier normalisation and hashing', () => {
	it('normalises e-mail by trimming and lower-casing', () => {
		expect(normaliseEmail('  Test@Example.COM \n')).toBe('test@example.com');
	});

	it('normalises phone numbers to digits without leading zeros', () => {
		expect(normalisePhone('+1 (555) 010-9999')).toBe('15550109999');
		expect(normalisePhone('0031 6 1234 5678')).toBe('31612345678');
	});

	it('hashes the UTF-8 bytes with SHA-256 (known vectors)', async () => {
		const hash = await sha256();
		expect(hash('test@example.com')).toBe('973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b');
		// Non-ASCII must be UTF-8, not Latin-1 (a bug seen in one open-source integration).
		expect(hash('josé@example.com')).toBe('b0a53cf19e34d05b57bced7365c6b00ddbe38d62957e863de2a66a56c3b42cea');
	});

	it('reads the identifier the partner type needs, normalised and hashed', async () => {
		const hash = await sha256();
		const p = profile(1, { email: ' Test@Example.com', phone: '+1 (555) 010-9999' });
		expect(identifierOf(p, 'hashedEmail', 1101, hash)).toBe('973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b');
		expect(identifierOf(p, 'hashedPhone', 1101, hash)).toBe('91a02cd9e0fdea8309e2361e0c1d2eb133b283c1cc08d5562185d25a613783af');
		expect(identifierOf(p, 'email', 1701, hash)).toBe('test@example.com');
		expect(identifierOf(p, 'customerId', 1501, hash)).toBe('C-1001');
		expect(identifierOf(p, 'partnerUserId', 1401, hash)).toBe('8000000001');
		expect(identifierOf(p, 'mobileAdId', 1101, hash)).toBe('6d92078a-8246-4ba4-ae5b-76104861e7d1');
	});

	it('passes on a value that is already a SHA-256 hash instead of hashing it twice', async () => {
		const hash = await sha256();
		const digest = '973DFE463EC85785F5F95AF5BA3906EEDB2D931C24E69824A89EA65DBA4E813B';
		expect(isSha256Hex(digest)).toBe(true);
		expect(identifierOf(profile(1, { email: digest }), 'hashedEmail', 1101, hash)).toBe(digest.toLowerCase());
	});

	it('gives no identifier when the profile lacks it, so it is skipped', async () => {
		const hash = await sha256();
		const p = profile(2, { email: null, phone: '  ', mobileAdId: null, partnerUserIds: {} });
		expect(identifierOf(p, 'hashedEmail', 1101, hash)).toBeNull();
		expect(identifierOf(p, 'hashedPhone', 1101, hash)).toBeNull();
		expect(identifierOf(p, 'mobileAdId', 1101, hash)).toBeNull();
		expect(identifierOf(p, 'partnerUserId', 1401, hash)).toBeNull();
	});

	it('hashes each identifier once per profile', async () => {
		let calls = 0;
		const hash = await sha256();
		const cache = new IdentifierCache((text) => (calls++, hash(text)));
		let materialised = 0;
		const profileAt = (index: number) => (materialised++, profile(index));
		const first = cache.get(3, 'hashedEmail', 1101, profileAt);
		expect(cache.get(3, 'hashedEmail', 1201, profileAt)).toBe(first);
		expect(calls).toBe(1);
		expect(materialised).toBe(1);
		// Cookie-synced IDs are per partner number.
		expect(cache.get(3, 'partnerUserId', 1401, profileAt)).toBe('8000000003');
		expect(cache.get(3, 'partnerUserId', 1999, profileAt)).toBeNull();
	});

	it('builds a profile once for every partner, reading unhashed identifiers alongside, and hashes only what is asked', async () => {
		let calls = 0;
		const hash = await sha256();
		const cache = new IdentifierCache((text) => (calls++, hash(text)));
		cache.prepare([
			{ kind: 'hashedEmail', partnerNumber: 1101 },
			{ kind: 'partnerUserId', partnerNumber: 1401 },
			{ kind: 'customerId', partnerNumber: 1601 },
			{ kind: 'hashedPhone', partnerNumber: 1101 }
		]);
		let materialised = 0;
		const profileAt = (index: number) => (materialised++, profile(index));
		for (let i = 0; i < 5; i++) cache.get(i, 'hashedEmail', 1101, profileAt);
		expect([materialised, calls]).toEqual([5, 5]);
		for (let i = 0; i < 5; i++) {
			expect(cache.get(i, 'partnerUserId', 1401, profileAt)).toBe(`800000000${i}`);
			expect(cache.get(i, 'customerId', 1601, profileAt)).toBe(profile(i).customerId);
		}
		// Nothing built again, and the phone (hashed) was not hashed before anyone asked.
		expect([materialised, calls]).toEqual([5, 5]);
		expect(cache.get(0, 'hashedPhone', 1101, profileAt)).toBe(identifierOf(profile(0), 'hashedPhone', 1101, hash));
		expect(materialised).toBe(6);
	});
});
