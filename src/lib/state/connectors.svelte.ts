import { messageOf } from '$lib/domain/message';
import { observe, type Subscription, type WorkspaceStore } from '$lib/db';
import type { Connector } from '$lib/domain/connector';
import { formerUsagesOfConnector, usagesByConnector, type ConnectorUsage, type FormerUsage } from '$lib/domain/usage';
import type { Audience } from '$lib/domain/audience';
import type { Journey } from '$lib/domain/journey';
import { HEALTHY_PARTNER, type FaultSettings } from '$lib/domain/faults';
import { partnerById } from '$lib/partners/registry';
import type { ServerToServerCatalogEntry } from '$lib/partners/types';

/** One line of the connectors list. */
export interface ConnectorRow {
	connector: Connector;
	/** Undefined only for a connector whose partner this version of the sandbox no longer knows. */
	partner: ServerToServerCatalogEntry | undefined;
	usages: ConnectorUsage[];
	/** The mock partner's fault knobs for this connector. */
	faults: FaultSettings;
}

/**
 * The workspace's connectors with where each is used, kept current as they change here or in
 * another tab. Call destroy() when the page that made it goes away.
 */
export class ConnectorDirectory {
	#connectors = $state.raw<Connector[]>([]);
	#audiences = $state.raw<Audience[]>([]);
	#journeys = $state.raw<Journey[]>([]);
	// Replaced whole on every change (never mutated), so a plain Map in $state.raw is enough.
	#faults = $state.raw<ReadonlyMap<string, FaultSettings>>(new Map()); // eslint-disable-line svelte/prefer-svelte-reactivity
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#usages = $derived(usagesByConnector(this.#audiences, this.#journeys));
	#rows = $derived(
		this.#connectors.map((connector) => ({
			connector,
			partner: partnerById(connector.partnerId)?.catalog,
			usages: this.#usages.get(connector.id) ?? [],
			faults: this.#faults.get(connector.id) ?? HEALTHY_PARTNER
		}))
	);
	#subscription: Subscription;

	constructor(store: WorkspaceStore) {
		this.#subscription = observe(
			() => Promise.all([store.connectors.list(), store.audiences.list(), store.journeys.list(), store.faults.all()]),
			([connectors, audiences, journeys, faults]) => {
				this.#connectors = connectors;
				this.#faults = faults;
				this.#audiences = audiences;
				this.#journeys = journeys;
				this.#loaded = true;
				this.#error = null;
			},
			(error) => {
				this.#error = messageOf(error);
			}
		);
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	/** Why the workspace could not be read, if it could not. */
	get error(): string | null {
		return this.#error;
	}

	get rows(): ConnectorRow[] {
		return this.#rows;
	}

	get connectors(): Connector[] {
		return this.#connectors;
	}

	/** Audiences that sent to the connector until it was detached from them. */
	formerUsages(id: string): FormerUsage[] {
		return formerUsagesOfConnector(id, this.#audiences);
	}

	row(id: string): ConnectorRow | undefined {
		return this.#rows.find((row) => row.connector.id === id);
	}

	/** Connectors of the given partner, to point at the existing one of a single-configuration partner. */
	ofPartner(partnerId: string): Connector[] {
		return this.#connectors.filter((c) => c.partnerId === partnerId);
	}

	destroy(): void {
		this.#subscription.unsubscribe();
	}
}
