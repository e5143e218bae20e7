import type { CatalogEntry, ServerToServerPartner, TagBasedCatalogEntry } from './types';
import { azure } from './azure';
import { clang } from './clang';
import { cm360 } from './cm360';
import { customHttp } from './custom-http';
import { dv360 } from './dv360';
import { mailchimp } from './mailchimp';
import { meta } from './meta';
import { tagBasedConnectors as tagBased } from './tag-based';
import { xandr } from './xandr';

/** Every server-to-server partner the sandbox can send to, in catalog order. */
export const PARTNER_IDS = ['meta', 'dv360', 'cm360', 'xandr', 'azure', 'clang', 'mailchimp', 'custom-http'] as const;
export type PartnerId = (typeof PARTNER_IDS)[number];

// `satisfies` makes a partner that lacks a piece, or an id without a partner, a type error.
export const partners = {
	meta,
	dv360,
	cm360,
	xandr,
	azure,
	clang,
	mailchimp,
	'custom-http': customHttp
} as const satisfies Record<PartnerId, ServerToServerPartner>;

export const tagBasedConnectors: readonly TagBasedCatalogEntry[] = tagBased;

/** The whole catalog: server-to-server partners first, then tag-based connectors. */
export const catalog: readonly CatalogEntry[] = [
	...PARTNER_IDS.map((id) => partners[id].catalog),
	...tagBasedConnectors
];

export function isPartnerId(id: string): id is PartnerId {
	return (PARTNER_IDS as readonly string[]).includes(id);
}

/** The partner definition for an id, or undefined for an unknown or tag-based id. */
export function partnerById(id: string): ServerToServerPartner | undefined {
	return isPartnerId(id) ? partners[id] : undefined;
}

export function catalogEntryById(id: string): CatalogEntry | undefined {
	return catalog.find((entry) => entry.id === id);
}
