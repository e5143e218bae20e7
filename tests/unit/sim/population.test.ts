import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '$lib/partners/identifiers';
import { createPopulation } from '$lib/sim/population';
import { COUNTRIES, DEVICES } from '$lib/sim/traits';
import { DAY, NOW } from './fixtures';

const population = createPopulation({ seed: 11, size: 50_000, now: NOW });

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
	return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function share(test: (index: number) => boolean, size = population.size): number {
	let n = 0;
	for (let i = 0; i < size; i++) if (test(i)) n++;
	return n / size;
}

describe('the population', () => {
	it('is the same for the same seed and different for another', () => {
		const again = createPopulation({ seed: 11, size: 50_000, now: NOW });
		const other = createPopulation({ seed: 12, size: 50_000, now: NOW });
		expect(sameBytes(again.lastVisit, population.lastVisit)).toBe(true);
		expect(sameBytes(again.lifetimeValue, population.lifetimeValue)).toBe(true);
		expect(sameBytes(again.identifiers, population.identifiers)).toBe(true);
		expect(again.profileAt(123)).toEqual(population.profileAt(123));
		expect(sameBytes(other.lifetimeValue, population.lifetimeValue)).toBe(false);
		expect(other.profileAt(123)).not.toEqual(population.profileAt(123));
	});

	it('carries identifiers in the designed shares', () => {
		const p = population;
		expect(share((i) => p.hasIdentifier(i, 'hashedEmail'))).toBeCloseTo(0.92, 1);
		expect(share((i) => p.hasIdentifier(i, 'hashedPhone'))).toBeCloseTo(0.6, 1);
		expect(share((i) => p.hasIdentifier(i, 'mobileAdId'))).toBeCloseTo(0.45, 1);
		expect(share((i) => p.hasIdentifier(i, 'partnerUserId'))).toBeCloseTo(0.35, 1);
		expect(share((i) => p.hasIdentifier(i, 'customerId'))).toBe(1);
		// Advertising IDs come mostly from phones.
		const mobile = DEVICES.indexOf('mobile');
		let withAdId = 0;
		let onMobile = 0;
		for (let i = 0; i < p.size; i++) {
			if (!p.hasIdentifier(i, 'mobileAdId')) continue;
			withAdId++;
			if (p.device[i] === mobile) onMobile++;
		}
		expect(onMobile / withAdId).toBeGreaterThan(0.7);
		// Xandr (partner number 1401) reads cookie-synced IDs keyed by its partner number.
		const withXandr = share((i) => '1401' in p.profileAt(i).partnerUserIds, 5_000);
		expect(withXandr).toBeCloseTo(0.35, 1);
	});

	it('has realistic attributes: countries, consent, skewed value, recent visits', () => {
		const p = population;
		expect(share((i) => p.attribute(i, 'country') === 'NL')).toBeCloseTo(0.18, 1);
		expect(share((i) => p.attribute(i, 'country') === 'PL')).toBeLessThan(0.05);
		expect(share((i) => p.attribute(i, 'marketingConsent') === true)).toBeCloseTo(0.7, 1);
		const values = Array.from(p.lifetimeValue).sort((a, b) => a - b);
		const median = values[values.length >> 1]!;
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean).toBeGreaterThan(median); // skewed to the right
		expect(share((i) => p.lifetimeValue[i]! > 500)).toBeGreaterThan(0.03);
		expect(share((i) => p.lifetimeValue[i]! > 500)).toBeLessThan(0.25);
		expect(share((i) => p.lastVisit[i]! > NOW - 7 * DAY)).toBeGreaterThan(0.2);
		expect(share((i) => Number.isNaN(p.lastPurchase[i]!))).toBeGreaterThan(0.05); // some never bought
		expect(share((i) => p.lastVisit[i]! > NOW)).toBe(0);
		expect(COUNTRIES).toContain(p.attribute(0, 'country'));
		expect(p.attribute(0, 'lastVisit') === null || typeof p.attribute(0, 'lastVisit') === 'number').toBe(true);
	});

	it('materialises profiles with noisy identifiers that normalise cleanly', () => {
		const p = population;
		const profiles = Array.from({ length: 3_000 }, (_, i) => p.profileAt(i));
		expect(profiles[0]!.customerId).toBe('C-0000001');
		expect(profiles[41]!.customerId).toBe('C-0000042');
		expect(new Set(profiles.map((profile) => profile.id)).size).toBe(profiles.length);
		const emails = profiles.flatMap((profile) => (profile.email ? [profile.email] : []));
		expect(emails.some((email) => email !== email.trim())).toBe(true);
		expect(emails.some((email) => /[A-Z]/.test(email))).toBe(true);
		expect(emails.some((email) => /[^\x20-\x7e]/.test(email))).toBe(true); // José, Zoë
		for (const [i, profile] of profiles.entries()) {
			if (profile.email) expect(normaliseEmail(profile.email)).toMatch(new RegExp(`^[^\\s@]+\\.[^\\s@]+${i}@example\\.com$`, 'u'));
			if (profile.phone) expect(normalisePhone(profile.phone)).toMatch(/^[1-9]\d{7,13}$/);
			if (profile.mobileAdId) expect(profile.mobileAdId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
			if (profile.partnerUserIds['1401']) expect(profile.partnerUserIds['1401']).toMatch(/^[1-9]\d{18}$/);
		}
		expect(profiles.some((profile) => profile.phone?.startsWith('+'))).toBe(true);
		expect(profiles.some((profile) => profile.phone?.startsWith('00'))).toBe(true);
		expect(profiles.some((profile) => profile.mobileAdId === profile.mobileAdId?.toUpperCase())).toBe(true);
		expect(profiles.some((profile) => profile.mobileAdId === profile.mobileAdId?.toLowerCase())).toBe(true);
		expect(() => p.profileAt(p.size)).toThrow(RangeError);
	});

	it('restores its changing columns from a snapshot of plain ArrayBuffers', () => {
		const p = createPopulation({ seed: 5, size: 1_000, now: NOW });
		const snapshot = structuredClone(p.snapshot());
		expect(snapshot.lastVisit).toBeInstanceOf(ArrayBuffer);
		const before = p.lastVisit.slice();
		p.lastVisit.fill(1);
		p.lifetimeValue[0] = 99_999;
		p.restore(snapshot);
		expect(p.lastVisit).toEqual(before);
		expect(p.lifetimeValue[0]).not.toBe(99_999);
		expect(() => createPopulation({ seed: 6, size: 1_000, now: NOW }).restore(snapshot)).toThrow();
	});
});
