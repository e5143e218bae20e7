import type { WorkspaceStore } from '$lib/db';
import type { Connector } from '$lib/domain/connector';
import { formerUsagesOfConnector, usagesByConnector, type ConnectorUsage, type FormerUsage } from '$lib/domain/usage';
import type { Audience } from '$lib/domain/audience';
import type { Journey } from '$lib/domain/journey';
import { HEALTHY_PARTNER, type FaultSettings } from '$lib/domain/faults';
import { partnerById } from '$lib/partners/registry';
import type { ServerToServerCatalogEntry } from '$lib/partners/types';
import { LiveQuery } from './live-query.svelte';

/** One line of the connectors list. */
export interface ConnectorRow {
	connector: Connector;
	/** Undefined only for a connector whose partner this version of the sandbox no longer knows. */
	partner: ServerToServerCatalogEntry | undefined;
	usages: ConnectorUsage[];
	/** The mock partner's fault knobs for this connector. */
	faults: FaultSettings;
}

interface DirectoryRecords {
	connectors: Connector[];
	audiences: Audience[];
	journeys: Journey[];
	faults: ReadonlyMap<string, FaultSettings>;
}

// The fault map is replaced whole on every change (never mutated): a plain Map is enough.
const NO_RECORDS: DirectoryRecords = { connectors: [], audiences: [], journeys: [], faults: new Map() };

/**
 * The workspace's connectors with where each is used, kept current as they change here or in
 * another tab. Call destroy() when the page that made it goes away.
 */
export class ConnectorDirectory {
	readonly #records = new LiveQuery<DirectoryRecords>(NO_RECORDS);
	#usages = $derived(usagesByConnector(this.#records.value.audiences, this.#records.value.journeys));
	#rows = $derived(
		this.#records.value.connectors.map((connector) => ({
			connector,
			partner: partnerById(connector.partnerId)?.catalog,
			usages: this.#usages.get(connector.id) ?? [],
			faults: this.#records.value.faults.get(connector.id) ?? HEALTHY_PARTNER
		}))
	);

	constructor(store: WorkspaceStore) {
		this.#records.follow(async () => {
			const [connectors, audiences, journeys, faults] = await Promise.all([store.connectors.list(), store.audiences.list(), store.journeys.list(), store.faults.all()]);
			return { connectors, audiences, journeys, faults };
		});
	}

	get loaded(): boolean {
		return this.#records.loaded;
	}

	/** Why the workspace could not be read, if it could not. */
	get error(): string | null {
		return this.#records.error;
	}

	get rows(): ConnectorRow[] {
		return this.#rows;
	}

	get connectors(): Connector[] {
		return this.#records.value.connectors;
	}

	/** Audiences that sent to the connector until it was detached from them. */
	formerUsages(id: string): FormerUsage[] {
		return formerUsagesOfConnector(id, this.#records.value.audiences);
	}

	row(id: string): ConnectorRow | undefined {
		return this.#rows.find((row) => row.connector.id === id);
	}

	/** Connectors of the given partner, to point at the existing one of a single-configuration partner. */
	ofPartner(partnerId: string): Connector[] {
		return this.#records.value.connectors.filter((c) => c.partnerId === partnerId);
	}

	destroy(): void {
		this.#records.destroy();
	}
}
