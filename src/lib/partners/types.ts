import type { z } from 'zod';
import type { FaultSettings } from '$lib/domain/faults';
import type { IdentifierKind } from '$lib/domain/identifiers';
import type { ErrorHelp } from '$lib/domain/stats-help';
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

/** The share of profiles, per device, that carry a partner's cookie-synced user ID. */
export interface CookieSync {
	shareByDevice: { desktop: number; mobile: number; tablet: number };
}

/**
 * Everything the sandbox knows about one server-to-server partner, generic over its two zod
 * schemas. Every member is required: a partner that leaves one out does not compile, and the
 * compiler names the member. docs/adding-a-partner.md walks through each.
 */
export interface PartnerDefinition<C extends ConfigSchema = ConfigSchema, U extends ConfigSchema = ConfigSchema> {
	catalog: ServerToServerCatalogEntry;
	/** Credentials and account settings; they belong to the connector. */
	configSchema: C;
	/** Per-use settings (the External ID and the like); they belong to each audience or journey. */
	useSettingsSchema: U;
	/** Builds the partner's real requests and classifies its real responses, typed by its configuration. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter keeps its own step state
	adapter: PartnerAdapter<any, z.output<C>>;
	/** What each of the partner's own error codes means and what to do (empty when it reports none). */
	errorHelp: readonly ErrorHelp[];
	/**
	 * The faults a generated history shows for this partner on a day (1 = the history's last day),
	 * as changes to a healthy partner; `{}` for none.
	 */
	historyFaults(daysBeforeEnd: number): Partial<FaultSettings>;
	/** Which profiles of the synthetic population carry the partner's user ID; null when it reads none. */
	cookieSync: CookieSync | null;
	/** A valid configuration and per-use settings, for tests and examples. */
	testSample: { config: z.input<C>; useSettings: z.input<U> };
}

/** A partner as the engine, the UI and the registry hold it, its schemas' types erased. */
export type ServerToServerPartner = PartnerDefinition;
