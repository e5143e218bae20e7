import { messageOf } from '$lib/domain/message';
import type { Pathname } from '$app/types';
import type { WorkspaceStore } from '$lib/db';
import type { WorkspaceEntry } from '$lib/db/registry';
import type { AuditEntry } from '$lib/domain/audit';
import { scenarioById } from '$lib/demo/scenarios';
import { scenarioDestination, type LinkedFile } from '$lib/services/workspace-links';
import type { WorkspaceManager } from '$lib/workspaces/manager';
import { LiveQuery } from './live-query.svelte';

/** This browser's workspaces as the workspaces page shows them, kept current across tabs. */
export class WorkspaceList extends LiveQuery<WorkspaceEntry[]> {
	constructor(manager: WorkspaceManager) {
		super([], () => manager.list());
	}

	get entries(): WorkspaceEntry[] {
		return this.value;
	}
}

/** An audit trail, the workspace's or one connector's, kept current as changes are recorded. */
export class AuditView extends LiveQuery<AuditEntry[]> {
	constructor(store: WorkspaceStore, connectorId?: string) {
		super([], () => (connectorId ? store.audit.forConnector(connectorId) : store.audit.list()));
	}

	get entries(): AuditEntry[] {
		return this.value;
	}
}

/** Where a scenario link stands: starting (then the page opens the scenario), or why it did not start. */
export type ScenarioLinkStatus =
	| { kind: 'starting'; title: string }
	| { kind: 'unknown'; id: string }
	| { kind: 'failed'; title: string; message: string };

/**
 * A `?scenario=<id>` link being carried out: the scenario starts in a new workspace, as with
 * "Start this scenario", and `open` is called with the page to load. An unknown id changes nothing.
 */
export class ScenarioLink {
	#status = $state.raw<ScenarioLinkStatus>({ kind: 'starting', title: '' });

	constructor(manager: WorkspaceManager, id: string, open: (destination: Pathname) => void) {
		const scenario = scenarioById(id);
		if (!scenario) {
			this.#status = { kind: 'unknown', id };
			return;
		}
		this.#status = { kind: 'starting', title: scenario.title };
		manager.startScenario(scenario).then(
			() => open(scenarioDestination(scenario)),
			(error: unknown) => (this.#status = { kind: 'failed', title: scenario.title, message: messageOf(error) })
		);
	}

	get status(): ScenarioLinkStatus {
		return this.#status;
	}
}

/** Where an import link's file stands: being fetched, fetched (the import panel checks it), or why not. */
export type ImportLinkStatus =
	| { kind: 'loading'; address: string }
	| { kind: 'loaded'; address: string; fileName: string; text: string }
	| { kind: 'failed'; address: string; message: string };

/** An `?import=<address>` link: fetches the file once; the import panel previews it and asks before importing. */
export class ImportLink {
	#status = $state.raw<ImportLinkStatus>({ kind: 'loading', address: '' });

	constructor(address: string, fetchFile: (address: string) => Promise<LinkedFile>) {
		this.#status = { kind: 'loading', address };
		fetchFile(address).then(
			(file) => (this.#status = file.ok ? { kind: 'loaded', address, fileName: file.fileName, text: file.text } : { kind: 'failed', address, message: file.message }),
			(error: unknown) => (this.#status = { kind: 'failed', address, message: `The workspace file could not be loaded: ${messageOf(error)}` })
		);
	}

	get status(): ImportLinkStatus {
		return this.#status;
	}
}
