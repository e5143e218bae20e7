import type { z } from 'zod';
import type { IdentifierKind } from '$lib/domain/identifiers';
import type { PartnerAdapter } from './adapter';

export type ConnectorKind = 'server-to-server' | 'tag-based';

/** The partner's type decides which identifier of a profile it reads. */
export type PartnerType =
	| 'socialAdvertising'
	| 'displayAndVideo'
	| 'conversionTracking'
	| 'displayRetargeting'
	| 'cloudStorage'
	| 'emailMarketing'
	| 'customEndpoint';

export interface DocLink {
	label: string;
	url: string;
}

/** How a partner is drawn where it has no logo of its own: initials on its brand colour. */
export interface PartnerMark {
	initials: string;
	/** Background colour; text is white, so it must keep 4.5:1 contrast with white. */
	color: string;
}

interface CatalogEntryBase {
	id: string;
	name: string;
	vendor: string;
	kind: ConnectorKind;
	/** One or two sentences for the catalog card. */
	summary: string;
	mark: PartnerMark;
	docs: DocLink[];
}

export interface PartnerLimits {
	/** Most profiles one request may carry. */
	maxBatchSize: number;
	/** Requests per minute the partner allows this platform, where it publishes one. */
	requestsPerMinute: number | null;
	/** The partner's limits as its documentation words them. */
	notes: string[];
}

export interface ServerToServerCatalogEntry extends CatalogEntryBase {
	kind: 'server-to-server';
	partnerType: PartnerType;
	/** Ours to assign: unique per partner and identifier kind, shown in the catalog. */
	partnerNumber: number;
	identifier: IdentifierKind;
	/** Whether several configurations may exist (e.g. one per advertiser or region). */
	multipleConfigurations: boolean;
	/** Whether the partner can remove a profile; without it remove messages are never accepted. */
	supportsRemoval: boolean;
	/** Whether statistics show the partner's own error codes rather than only categories. */
	reportsPartnerErrorCodes: boolean;
	limits: PartnerLimits;
	/** Whether a connector may send to a live endpoint instead of the partner's mock. */
	liveEndpoints: boolean;
	/** What the user needs before connecting, beyond the two every partner needs. */
	prerequisites: string[];
	errorDocs: DocLink;
}

export interface TagBasedCatalogEntry extends CatalogEntryBase {
	kind: 'tag-based';
	/** Where it is set up instead, since it runs in the visitor's browser. */
	setupNote: string;
}

export type CatalogEntry = ServerToServerCatalogEntry | TagBasedCatalogEntry;

/** A zod object whose fields carry form metadata (see fields.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any object shape is a valid config
export type ConfigSchema = z.ZodObject<any>;

/**
 * Everything the sandbox knows about one server-to-server partner. Each issue that adds a
 * piece (request builder, response classifier, mock) adds a required member here, so a
 * partner missing it stops compiling.
 */
export interface ServerToServerPartner {
	catalog: ServerToServerCatalogEntry;
	/** Credentials and account settings; they belong to the connector. */
	configSchema: ConfigSchema;
	/** Per-use settings (the External ID and the like); they belong to each audience or journey. */
	useSettingsSchema: ConfigSchema;
	/** Builds the partner's real requests and classifies its real responses. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter keeps its own step state
	adapter: PartnerAdapter<any>;
}
