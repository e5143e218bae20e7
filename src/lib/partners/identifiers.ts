import { createSHA256, type IHasher } from 'hash-wasm';
import type { IdentifierKind } from '$lib/domain/identifiers';
import type { Profile } from '$lib/domain/profile';

/**
 * Normalisation and hashing of identifiers, in one place for every partner. A partner's type
 * decides which identifier it reads; a profile without it is skipped, never sent.
 */

/** E-mail as Meta and Google match it: trimmed and lower-cased. */
export function normaliseEmail(raw: string): string {
	return raw.trim().toLowerCase();
}

/** Phone as Meta and Google match it: digits only (country code included), no leading zeros. */
export function normalisePhone(raw: string): string {
	return raw.replace(/\D/g, '').replace(/^0+/, '');
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** A value that already looks like a SHA-256 hex digest is passed on, not hashed twice. */
export function isSha256Hex(value: string): boolean {
	return value.length === 64 && SHA256_HEX.test(value);
}

/** SHA-256 of the UTF-8 bytes of a string, as lower-case hex. */
export type Sha256 = (text: string) => string;

/**
 * A synchronous SHA-256 over one reused WebAssembly hasher (hash-wasm): several times faster
 * than WebCrypto for short strings, and usable in a tight loop. Create it once.
 */
export async function createSha256(): Promise<Sha256> {
	const hasher: IHasher = await createSHA256();
	return (text) => {
		hasher.init();
		hasher.update(text); // hash-wasm encodes strings as UTF-8
		return hasher.digest('hex');
	};
}

/** The identifier a partner reads from a profile, normalised and hashed as the partner needs, or null. */
export function identifierOf(profile: Profile, kind: IdentifierKind, partnerNumber: number, sha256: Sha256): string | null {
	switch (kind) {
		case 'hashedEmail':
			return hashed(profile.email, normaliseEmail, sha256);
		case 'hashedPhone':
			return hashed(profile.phone, normalisePhone, sha256);
		case 'email': {
			const email = profile.email ? normaliseEmail(profile.email) : '';
			return email || null;
		}
		case 'customerId':
			return profile.customerId.trim() || null;
		case 'mobileAdId':
			// Advertising IDs are sent as they are (Meta's MADID is not hashed); case is not significant.
			return profile.mobileAdId?.trim().toLowerCase() || null;
		case 'partnerUserId':
			return profile.partnerUserIds[String(partnerNumber)] ?? null;
	}
}

function hashed(raw: string | null, normalise: (v: string) => string, sha256: Sha256): string | null {
	if (raw === null) return null;
	const value = normalise(raw);
	if (!value) return null;
	return isSha256Hex(value) ? value.toLowerCase() : sha256(value);
}

/**
 * Identifiers per profile and partner, computed once: the real platform stores hashed
 * identifiers too, and hashing is the costliest part of a message. Profiles are addressed by
 * their index in the population, so a cached identifier costs an array read.
 */
export class IdentifierCache {
	readonly #shared = new Map<IdentifierKind, Column>();
	readonly #perPartner = new Map<number, Column>();
	// Identifiers read without hashing, filled for every profile that is built anyway.
	#alongside: Array<{ kind: IdentifierKind; partnerNumber: number }> = [];
	constructor(private readonly sha256: Sha256) {}

	/**
	 * The identifiers the connectors read. Those that need no hashing are read from each
	 * profile as soon as it is built for any of them, so a profile is built once, not once per
	 * partner (hashed ones are still computed only when asked for: hashing is what costs).
	 */
	prepare(uses: ReadonlyArray<{ kind: IdentifierKind; partnerNumber: number }>): void {
		this.#alongside = uses.filter(({ kind }) => kind !== 'hashedEmail' && kind !== 'hashedPhone');
	}

	get(index: number, kind: IdentifierKind, partnerNumber: number, profileAt: (index: number) => Profile): string | null {
		const values = this.#column(kind, partnerNumber);
		let value = values[index];
		if (value === undefined) {
			const profile = profileAt(index);
			value = identifierOf(profile, kind, partnerNumber, this.sha256);
			values[index] = value;
			for (const other of this.#alongside) {
				const column = this.#column(other.kind, other.partnerNumber);
				if (column[index] === undefined) column[index] = identifierOf(profile, other.kind, other.partnerNumber, this.sha256);
			}
		}
		return value;
	}

	clear(): void {
		this.#shared.clear();
		this.#perPartner.clear();
	}

	// Only cookie-synced IDs differ per partner; hashed e-mail is shared by Meta, DV360 and CM360.
	// Two maps rather than a composed string key: this runs for every message.
	#column(kind: IdentifierKind, partnerNumber: number): Column {
		return kind === 'partnerUserId' ? columnOf(this.#perPartner, partnerNumber) : columnOf(this.#shared, kind);
	}
}

type Column = Array<string | null | undefined>;

function columnOf<K>(columns: Map<K, Column>, key: K): Column {
	let column = columns.get(key);
	if (!column) {
		column = [];
		columns.set(key, column);
	}
	return column;
}
