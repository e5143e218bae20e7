import { observe, type Subscription, type WorkspaceStore } from '$lib/db';
import type { WorkspaceEntry } from '$lib/db/registry';
import type { AuditEntry } from '$lib/domain/audit';
import type { WorkspaceManager } from '$lib/workspaces/manager';

/** This browser's workspaces as the workspaces page shows them, kept current across tabs. */
export class WorkspaceList {
	#entries = $state.raw<WorkspaceEntry[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: Subscription;

	constructor(manager: WorkspaceManager) {
		this.#subscription = observe(
			() => manager.list(),
			(entries) => {
				this.#entries = entries;
				this.#loaded = true;
				this.#error = null;
			},
			(error) => (this.#error = error instanceof Error ? error.message : String(error))
		);
	}

	get entries(): WorkspaceEntry[] {
		return this.#entries;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get error(): string | null {
		return this.#error;
	}

	destroy(): void {
		this.#subscription.unsubscribe();
	}
}

/** An audit trail, the workspace's or one connector's, kept current as changes are recorded. */
export class AuditView {
	#entries = $state.raw<AuditEntry[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: Subscription;

	constructor(store: WorkspaceStore, connectorId?: string) {
		this.#subscription = observe(
			() => (connectorId ? store.audit.forConnector(connectorId) : store.audit.list()),
			(entries) => {
				this.#entries = entries;
				this.#loaded = true;
			},
			(error) => (this.#error = error instanceof Error ? error.message : String(error))
		);
	}

	get entries(): AuditEntry[] {
		return this.#entries;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get error(): string | null {
		return this.#error;
	}

	destroy(): void {
		this.#subscription.unsubscribe();
	}
}
