import type { CatalogEntry, CookieSync, ServerToServerPartner, TagBasedCatalogEntry } from './types';

/** A partner whose user IDs some profiles carry from a cookie sync, keyed by its partner number. */
export interface CookieSyncedPartner extends CookieSync {
	partnerNumber: number;
}

/** The partners the sandbox knows, and what the rest of the app asks of the list. */
export interface PartnerRegistry<Id extends string> {
	/** Server-to-server partner ids, in catalog order. */
	readonly ids: readonly Id[];
	readonly partners: Readonly<Record<Id, ServerToServerPartner>>;
	readonly tagBasedConnectors: readonly TagBasedCatalogEntry[];
	/** The whole catalog: server-to-server partners first, then tag-based connectors. */
	readonly catalog: readonly CatalogEntry[];
	/** The partners whose user IDs the synthetic population carries, in catalog order. */
	readonly cookieSynced: readonly CookieSyncedPartner[];
	isPartnerId(id: string): id is Id;
	/** The partner definition for an id, or undefined for an unknown or tag-based id. */
	partnerById(id: string): ServerToServerPartner | undefined;
	catalogEntryById(id: string): CatalogEntry | undefined;
}

/**
 * A registry over partners keyed by id, in catalog order. Each value must be a whole
 * `ServerToServerPartner` (see definePartner), so a partner missing a piece is a compile error
 * naming it; what types cannot say (ids that match, unique partner numbers) throws here, when
 * the module loads.
 */
export function createRegistry<const P extends Record<string, ServerToServerPartner>>(
	partners: P,
	tagBasedConnectors: readonly TagBasedCatalogEntry[]
): PartnerRegistry<Extract<keyof P, string>> {
	type Id = Extract<keyof P, string>;
	const ids = Object.keys(partners) as Id[];
	const numbers = new Set<number>();
	for (const id of ids) {
		const { catalog, cookieSync } = partners[id]!;
		if (catalog.id !== id) throw new Error(`The partner listed as "${id}" has the catalog id "${catalog.id}".`);
		if (numbers.has(catalog.partnerNumber)) throw new Error(`Partner number ${catalog.partnerNumber} is taken twice (${id}).`);
		numbers.add(catalog.partnerNumber);
		if ((catalog.identifier === 'partnerUserId') !== (cookieSync !== null)) {
			throw new Error(`Partner "${id}" declares a cookie sync exactly when it reads a partner user ID.`);
		}
	}
	const catalog: readonly CatalogEntry[] = [...ids.map((id) => partners[id]!.catalog), ...tagBasedConnectors];
	const isPartnerId = (id: string): id is Id => Object.hasOwn(partners, id);
	return {
		ids,
		partners,
		tagBasedConnectors,
		catalog,
		cookieSynced: ids.flatMap((id) => {
			const { catalog, cookieSync } = partners[id]!;
			return cookieSync ? [{ partnerNumber: catalog.partnerNumber, ...cookieSync }] : [];
		}),
		isPartnerId,
		partnerById: (id) => (isPartnerId(id) ? partners[id] : undefined),
		catalogEntryById: (id) => catalog.find((entry) => entry.id === id)
	};
}
