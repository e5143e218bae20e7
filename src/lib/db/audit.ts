import { AuditEntrySchema, maskConfig, type AuditDraft, type AuditEntry } from '$lib/domain/audit';
import type { Connector } from '$lib/domain/connector';
import { secretFieldNames } from '$lib/partners/fields';
import { partnerById } from '$lib/partners/registry';
import type { SandboxDatabase } from './database';

/** Entries shown at most on one page of the trail. */
export const AUDIT_PAGE_SIZE = 200;

/**
 * The audit trail of configuration changes. Repositories call `record` inside the transaction
 * of the change itself, so a change and its entry land together or not at all.
 */
export class AuditTrail {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly now: () => number,
		private readonly newId: () => string
	) {}

	/** Adds an entry; call it inside a transaction that includes `db.auditTrail`. */
	async record(draft: AuditDraft): Promise<void> {
		await this.db.auditTrail.add(AuditEntrySchema.parse({ ...draft, id: this.newId(), at: this.now() }));
	}

	/** The workspace's changes, newest first. */
	list(limit = AUDIT_PAGE_SIZE): Promise<AuditEntry[]> {
		return this.db.auditTrail.orderBy('at').reverse().limit(limit).toArray();
	}

	/** The changes that concern one connector, newest first. */
	async forConnector(connectorId: string, limit = AUDIT_PAGE_SIZE): Promise<AuditEntry[]> {
		const entries = await this.db.auditTrail.where('connectorIds').equals(connectorId).toArray();
		return entries.sort((a, b) => b.at - a.at || b.id.localeCompare(a.id)).slice(0, limit);
	}
}

/** A connector as the trail shows it: secrets masked, the derived name key left out. */
export function connectorForAudit(connector: Connector): Record<string, unknown> {
	const partner = partnerById(connector.partnerId);
	const secrets = partner ? secretFieldNames(partner.configSchema) : [];
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- nameKey only repeats the name
	const { nameKey, ...rest } = connector;
	return { ...rest, config: maskConfig(connector.config, secrets) };
}
