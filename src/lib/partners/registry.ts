import { createRegistry } from './registry-of';
import { azure } from './azure';
import { clang } from './clang';
import { cm360 } from './cm360';
import { customHttp } from './custom-http';
import { dv360 } from './dv360';
import { mailchimp } from './mailchimp';
import { meta } from './meta';
import { tagBasedConnectors as tagBased } from './tag-based';
import { xandr } from './xandr';

/**
 * The only list of partners, in catalog order: one line per partner. Each must be a whole
 * partner (definePartner in its folder's index.ts); docs/adding-a-partner.md says how to add one.
 */
export const registry = createRegistry(
	{
		meta,
		dv360,
		cm360,
		xandr,
		azure,
		clang,
		mailchimp,
		'custom-http': customHttp
	},
	tagBased
);

export type PartnerId = (typeof registry.ids)[number];

/** Every server-to-server partner the sandbox can send to, in catalog order. */
export const PARTNER_IDS = registry.ids;
export const partners = registry.partners;
export const tagBasedConnectors = registry.tagBasedConnectors;
/** The whole catalog: server-to-server partners first, then tag-based connectors. */
export const catalog = registry.catalog;
/** The partners whose cookie-synced user IDs the synthetic population carries. */
export const cookieSyncedPartners = registry.cookieSynced;
export const isPartnerId = registry.isPartnerId;
/** The partner definition for an id, or undefined for an unknown or tag-based id. */
export const partnerById = registry.partnerById;
export const catalogEntryById = registry.catalogEntryById;
