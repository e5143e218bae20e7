import type { IdentifierKind } from '$lib/domain/identifiers';
import type { Profile } from '$lib/domain/profile';
import type { ProfileAttribute } from '$lib/domain/rules';
import { hash32, hashUnit, Random } from './random';
import {
	ANY_PARTNER_USER_ID,
	APP_OPEN,
	APP_SHARE_BY_DEVICE,
	COOKIE_SYNCED_PARTNERS,
	COUNTRIES,
	COUNTRY_WEIGHTS,
	DAY_MS,
	DEVICE_WEIGHTS,
	DEVICES,
	EMAIL_CLICK,
	EMAIL_SHARE,
	HAS_EMAIL,
	HAS_MOBILE_AD_ID,
	HAS_PHONE,
	MARKETING_CONSENT_SHARE,
	MOBILE_AD_ID_SHARE_BY_DEVICE,
	PHONE_SHARE,
	PURCHASE,
	PURCHASE_MU,
	PURCHASE_SIGMA,
	USES_APP,
	VISIT,
	dailyRate
} from './traits';

/** The attribute values a rule can read, as `attribute()` returns them. */
export type AttributeValue = string | number | boolean | null;

/** The changing columns of a population, as plain ArrayBuffers (structured-cloneable). */
export interface PopulationSnapshot {
	seed: number;
	size: number;
	lifetimeValue: ArrayBuffer;
	marketingConsent: ArrayBuffer;
	lastVisit: ArrayBuffer;
	lastPurchase: ArrayBuffer;
	lastAppOpen: ArrayBuffer;
	lastEmailClick: ArrayBuffer;
}

export interface PopulationOptions {
	seed: number;
	/** Number of profiles (100,000 by default in the product; up to 1,000,000). */
	size: number;
	/** The sandbox clock at creation: the profiles' last visits and purchases lie before it. */
	now: number;
}

export const MAX_POPULATION = 1_000_000;

const FIRST_NAMES = [
	'Anna', 'Daan', 'Emma', 'Lucas', 'Sophie', 'Noah', 'Julia', 'Liam', 'Mila', 'Finn', 'Lea', 'Paul',
	'Marie', 'Hugo', 'Chloé', 'Louis', 'Olivia', 'Jack', 'Emily', 'James', 'Lucía', 'Mateo', 'Giulia',
	'Leonardo', 'Lars', 'Elsa', 'Zoë', 'José', 'Søren', 'Łukasz', 'Zofia', 'Jürgen', 'Noé', 'Ines', 'Sara',
	'Tom', 'Eva', 'Max', 'Nina', 'Ruben'
];
const LAST_NAMES = [
	'Jansen', 'Bakker', 'Visser', 'Smit', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Martin', 'Bernard',
	'Dubois', 'Lefèvre', 'Smith', 'Jones', 'Taylor', 'Brown', 'Johnson', 'Williams', 'García', 'Fernández',
	'López', 'Rossi', 'Russo', 'Ferrari', 'Peeters', 'Janssens', 'Andersson', 'Johansson', 'Nowak',
	'Kowalski', 'Wiśniewski', 'Öztürk'
];

/** Calling code, the first digits of a national mobile number and its length, per country. */
const PHONE_PLANS: Record<(typeof COUNTRIES)[number], { code: string; prefix: string; length: number }> = {
	NL: { code: '31', prefix: '6', length: 9 },
	DE: { code: '49', prefix: '15', length: 11 },
	FR: { code: '33', prefix: '6', length: 9 },
	GB: { code: '44', prefix: '7', length: 10 },
	US: { code: '1', prefix: '', length: 10 },
	ES: { code: '34', prefix: '6', length: 9 },
	IT: { code: '39', prefix: '3', length: 10 },
	BE: { code: '32', prefix: '4', length: 9 },
	SE: { code: '46', prefix: '7', length: 9 },
	PL: { code: '48', prefix: '5', length: 9 }
};

// Salts for the values derived on demand, so each comes from its own hash stream.
const SALT_NAME = 1;
const SALT_EMAIL_NOISE = 2;
const SALT_PHONE = 3;
const SALT_AD_ID = 4;
const SALT_PARTNER_ID = 5;

/**
 * A synthetic population in typed-array columns, one entry per profile: no object per profile,
 * so a million profiles take tens of megabytes. Static columns (country, device, identifiers,
 * activity) follow from the seed; the others change as behaviour runs. Identifier values
 * (e-mail, phone, IDs) are derived on demand from (seed, index) by `profileAt`.
 */
export class Population {
	readonly seed: number;
	readonly size: number;
	/** Index into COUNTRIES. */
	readonly country: Uint8Array;
	/** Index into DEVICES. */
	readonly device: Uint8Array;
	/** Bits: HAS_EMAIL, HAS_PHONE, HAS_MOBILE_AD_ID, USES_APP and the cookie-synced partner bits. */
	readonly identifiers: Uint8Array;
	/** How active a profile is relative to the average (log-normal, mean 1): multiplies its behaviour rates. */
	readonly activity: Float32Array;
	readonly lifetimeValue: Float32Array;
	/** 1 when the profile consents to marketing. */
	readonly marketingConsent: Uint8Array;
	/** Epoch milliseconds, NaN for never. */
	readonly lastVisit: Float64Array;
	readonly lastPurchase: Float64Array;
	readonly lastAppOpen: Float64Array;
	readonly lastEmailClick: Float64Array;

	constructor({ seed, size, now }: PopulationOptions) {
		if (!Number.isInteger(size) || size < 0 || size > MAX_POPULATION) {
			throw new RangeError(`A population has between 0 and ${MAX_POPULATION} profiles, not ${size}.`);
		}
		this.seed = seed >>> 0;
		this.size = size;
		this.country = new Uint8Array(size);
		this.device = new Uint8Array(size);
		this.identifiers = new Uint8Array(size);
		this.activity = new Float32Array(size);
		this.lifetimeValue = new Float32Array(size);
		this.marketingConsent = new Uint8Array(size);
		this.lastVisit = new Float64Array(size);
		this.lastPurchase = new Float64Array(size);
		this.lastAppOpen = new Float64Array(size);
		this.lastEmailClick = new Float64Array(size);
		this.#generateStatic();
		this.#generateHistory(now);
	}

	// Two streams, so the static columns do not depend on how the history is drawn.
	#generateStatic(): void {
		const random = new Random(hash32(this.seed, 0x5717c));
		for (let i = 0; i < this.size; i++) {
			this.country[i] = random.weighted(COUNTRY_WEIGHTS);
			const device = random.weighted(DEVICE_WEIGHTS);
			this.device[i] = device;
			this.activity[i] = Math.exp(random.normal() - 0.5); // log-normal, sigma 1, mean 1
			let bits = 0;
			if (random.next() < EMAIL_SHARE) bits |= HAS_EMAIL;
			if (random.next() < PHONE_SHARE) bits |= HAS_PHONE;
			if (random.next() < MOBILE_AD_ID_SHARE_BY_DEVICE[device]!) bits |= HAS_MOBILE_AD_ID;
			if (random.next() < APP_SHARE_BY_DEVICE[device]!) bits |= USES_APP;
			for (const partner of COOKIE_SYNCED_PARTNERS) {
				if (random.next() < partner.shareByDevice[device]!) bits |= partner.bit;
			}
			this.identifiers[i] = bits;
		}
	}

	/**
	 * Each profile has been a customer for some time, and its last visit, app open and click are
	 * what its rates would have produced: looking back from now, the time since the last arrival
	 * of a Poisson process is exponential, and beyond the tenure there was none. Lifetime value
	 * is the sum of its purchases, the last of which lies T·(1 − U^(1/n)) before now.
	 */
	#generateHistory(now: number): void {
		const random = new Random(hash32(this.seed, 0xd1a7));
		const lastOf = (rate: number, tenureDays: number): number => {
			if (!(rate > 0)) return NaN;
			const gapDays = random.exponential(rate);
			return gapDays > tenureDays ? NaN : now - Math.ceil(gapDays * DAY_MS);
		};
		for (let i = 0; i < this.size; i++) {
			const activity = this.activity[i]!;
			const bits = this.identifiers[i]!;
			const tenure = random.range(30, 1000);
			this.lastVisit[i] = lastOf(dailyRate(VISIT, activity, bits), tenure);
			this.lastAppOpen[i] = lastOf(dailyRate(APP_OPEN, activity, bits), tenure);
			this.lastEmailClick[i] = lastOf(dailyRate(EMAIL_CLICK, activity, bits), tenure);
			const purchases = random.poisson(dailyRate(PURCHASE, activity, bits) * tenure);
			let value = 0;
			if (purchases <= 30) {
				for (let p = 0; p < purchases; p++) value += random.logNormal(PURCHASE_MU, PURCHASE_SIGMA);
			} else {
				value = purchases * Math.exp(PURCHASE_MU + (PURCHASE_SIGMA * PURCHASE_SIGMA) / 2) * random.logNormal(0, 0.15);
			}
			this.lifetimeValue[i] = Math.round(value * 100) / 100;
			this.lastPurchase[i] = purchases === 0 ? NaN : now - Math.ceil(tenure * (1 - Math.pow(random.next(), 1 / purchases)) * DAY_MS);
			this.marketingConsent[i] = random.next() < MARKETING_CONSENT_SHARE ? 1 : 0;
		}
	}

	/** Whether a profile has the identifier a partner reads (customer IDs: everyone). */
	hasIdentifier(index: number, kind: IdentifierKind): boolean {
		return identifierTest(kind, this.identifiers[index]!);
	}

	/** One attribute as a rule reads it: country code, device name, number, boolean or null for never. */
	attribute(index: number, name: ProfileAttribute): AttributeValue {
		switch (name) {
			case 'country':
				return COUNTRIES[this.country[index]!]!;
			case 'device':
				return DEVICES[this.device[index]!]!;
			case 'lifetimeValue':
				return this.lifetimeValue[index]!;
			case 'marketingConsent':
				return this.marketingConsent[index] === 1;
			default: {
				const at = this[name][index]!;
				return Number.isNaN(at) ? null : at;
			}
		}
	}

	/**
	 * The profile as partners read it, materialised on demand: the same index and seed give the
	 * same profile. E-mails and phone numbers carry the noise real data has (capitals, spaces,
	 * national formats, accented names) so that normalisation is exercised.
	 */
	profileAt(index: number): Profile {
		if (!Number.isInteger(index) || index < 0 || index >= this.size) {
			throw new RangeError(`No profile ${index} in a population of ${this.size}.`);
		}
		const bits = this.identifiers[index]!;
		const partnerUserIds: Record<string, string> = {};
		for (const partner of COOKIE_SYNCED_PARTNERS) {
			if (bits & partner.bit) partnerUserIds[String(partner.partnerNumber)] = this.#partnerUserId(index, partner.partnerNumber);
		}
		return {
			id: `P-${this.seed.toString(36)}-${index + 1}`,
			customerId: `C-${String(index + 1).padStart(7, '0')}`,
			email: bits & HAS_EMAIL ? this.#email(index) : null,
			phone: bits & HAS_PHONE ? this.#phone(index) : null,
			mobileAdId: bits & HAS_MOBILE_AD_ID ? this.#mobileAdId(index) : null,
			partnerUserIds
		};
	}

	/** The changing columns, copied into plain ArrayBuffers. */
	snapshot(): PopulationSnapshot {
		return {
			seed: this.seed,
			size: this.size,
			lifetimeValue: this.lifetimeValue.slice().buffer,
			marketingConsent: this.marketingConsent.slice().buffer,
			lastVisit: this.lastVisit.slice().buffer,
			lastPurchase: this.lastPurchase.slice().buffer,
			lastAppOpen: this.lastAppOpen.slice().buffer,
			lastEmailClick: this.lastEmailClick.slice().buffer
		};
	}

	/**
	 * Puts back the changing columns of a snapshot of a population with the same seed and size
	 * (the static columns follow from those). Copies in place, so views on the columns stay valid.
	 */
	restore(snapshot: PopulationSnapshot): void {
		if (snapshot.seed >>> 0 !== this.seed || snapshot.size !== this.size) {
			throw new Error(`The snapshot is of population ${snapshot.seed}/${snapshot.size}, not ${this.seed}/${this.size}.`);
		}
		this.lifetimeValue.set(new Float32Array(snapshot.lifetimeValue));
		this.marketingConsent.set(new Uint8Array(snapshot.marketingConsent));
		this.lastVisit.set(new Float64Array(snapshot.lastVisit));
		this.lastPurchase.set(new Float64Array(snapshot.lastPurchase));
		this.lastAppOpen.set(new Float64Array(snapshot.lastAppOpen));
		this.lastEmailClick.set(new Float64Array(snapshot.lastEmailClick));
	}

	#names(index: number): [string, string] {
		const h = hash32(this.seed, index, SALT_NAME);
		return [FIRST_NAMES[h % FIRST_NAMES.length]!, LAST_NAMES[(h >>> 12) % LAST_NAMES.length]!];
	}

	#email(index: number): string {
		const [first, last] = this.#names(index);
		const noise = hash32(this.seed, index, SALT_EMAIL_NOISE);
		const style = noise % 100;
		let email: string;
		if (style < 8) email = `${first}.${last}${index}@example.com`; // Capitalised as typed
		else if (style < 10) email = `${first}.${last}${index}@example.com`.toUpperCase();
		else email = `${first}.${last}${index}@example.com`.toLowerCase();
		const spaces = (noise >>> 8) % 100;
		if (spaces < 3) email = ` ${email}`;
		else if (spaces < 5) email = `${email} `;
		return email;
	}

	#phone(index: number): string {
		const plan = PHONE_PLANS[COUNTRIES[this.country[index]!]!];
		let digits = plan.prefix;
		let h = hash32(this.seed, index, SALT_PHONE);
		let round = 0;
		while (digits.length < plan.length) {
			if (digits.length === 0 && plan.code === '1') {
				digits += String(2 + (h % 8)); // North American area codes do not start with 0 or 1
			} else {
				digits += String(h % 10);
			}
			h = Math.floor(h / 10);
			if (h < 10) h = hash32(this.seed, index, SALT_PHONE + 16 * ++round);
		}
		const format = hashUnit(this.seed, index, SALT_PHONE + 7);
		if (plan.code === '1') {
			const local = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
			if (format < 0.5) return `+1 ${local}`;
			if (format < 0.8) return `+1${digits}`;
			return local; // national format: normalises without the country code
		}
		if (format < 0.5) return `+${plan.code} ${groups(digits)}`;
		if (format < 0.75) return `+${plan.code}${digits}`;
		if (format < 0.87) return `00${plan.code} ${digits}`;
		if (format < 0.95) return `+${plan.code}-${digits.slice(0, 3)}-${digits.slice(3)}`;
		return `0${digits}`; // national format: normalises without the country code
	}

	#mobileAdId(index: number): string {
		const words = [0, 1, 2, 3].map((w) => hash32(this.seed, index, SALT_AD_ID + 16 * w));
		const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
		// Version 4, RFC 4122 variant.
		const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
		const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
		// Apple's IDFA is shown upper-case, Google's advertising ID lower-case.
		return words[0]! & 1 ? uuid.toUpperCase() : uuid;
	}

	#partnerUserId(index: number, partnerNumber: number): string {
		const a = hash32(this.seed, index, SALT_PARTNER_ID + partnerNumber);
		const b = hash32(this.seed, index, SALT_PARTNER_ID + partnerNumber + 0x10000);
		// A 19-digit numeric user ID, as ad servers issue them.
		return `${1 + (a % 9)}${String(Math.floor(a / 9) % 1_000_000_000).padStart(9, '0')}${String(b % 1_000_000_000).padStart(9, '0')}`;
	}
}

/** A new population: deterministic from the seed, its history ending at `now`. */
export function createPopulation(options: PopulationOptions): Population {
	return new Population(options);
}

/** Whether an `identifiers` bit field carries the identifier a partner reads. */
export function identifierTest(kind: IdentifierKind, bits: number): boolean {
	switch (kind) {
		case 'hashedEmail':
		case 'email':
			return (bits & HAS_EMAIL) !== 0;
		case 'hashedPhone':
			return (bits & HAS_PHONE) !== 0;
		case 'customerId':
			return true;
		case 'mobileAdId':
			return (bits & HAS_MOBILE_AD_ID) !== 0;
		case 'partnerUserId':
			return (bits & ANY_PARTNER_USER_ID) !== 0;
	}
}

function groups(digits: string): string {
	return digits.replace(/(\d{3})(?=\d)/g, '$1 ');
}
