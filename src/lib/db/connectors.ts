import { ConnectorSchema, type Connector, type ConnectorDraft, type ConnectorStatus } from '$lib/domain/connector';
import { checkConnectorDraft, type ConnectorProblem } from '$lib/domain/connector-rules';
import { deletionVerdict, type DeletionVerdict } from '$lib/domain/usage';
import { fail, ok, type Result } from '$lib/domain/validation';
import { partnerById } from '$lib/partners/registry';
import { connectorForAudit, type AuditTrail } from './audit';
import type { SandboxDatabase } from './database';
import { RecordNotFoundError } from './errors';

export type SaveResult = Result<Connector, ConnectorProblem>;

/** Connectors of one workspace. Every write is validated and runs in one transaction. */
export class ConnectorRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly now: () => number,
		private readonly newId: () => string,
		private readonly audit: AuditTrail
	) {}

	/** All connectors, sorted by name. */
	list(): Promise<Connector[]> {
		return this.db.connectors.orderBy('nameKey').toArray();
	}

	get(id: string): Promise<Connector | undefined> {
		return this.db.connectors.get(id);
	}

	/** Creates an active connector, or says why it cannot. */
	create(draft: ConnectorDraft): Promise<SaveResult> {
		return this.db.transaction('rw', this.db.connectors, this.db.auditTrail, async () => {
			const partner = partnerById(draft.partnerId);
			if (!partner) return unknownPartner(draft.partnerId);
			const existing = await this.db.connectors.toArray();
			const checked = checkConnectorDraft(draft, rulesOf(partner), existing);
			if (!checked.ok) return checked;
			const at = this.now();
			const connector = ConnectorSchema.parse({
				id: this.newId(),
				partnerId: partner.catalog.id,
				...checked.value,
				status: 'active',
				target: draft.target,
				createdAt: at,
				updatedAt: at
			});
			await this.db.connectors.add(connector);
			await this.#audit(connector, 'created', null, connector);
			return ok(connector);
		});
	}

	/** Changes a connector's name, target and configuration; its partner never changes. */
	update(id: string, draft: Omit<ConnectorDraft, 'partnerId'>): Promise<SaveResult> {
		return this.db.transaction('rw', this.db.connectors, this.db.auditTrail, async () => {
			const current = await this.db.connectors.get(id);
			if (!current) throw new RecordNotFoundError('connector', id);
			const partner = partnerById(current.partnerId);
			if (!partner) return unknownPartner(current.partnerId);
			const existing = await this.db.connectors.toArray();
			const checked = checkConnectorDraft(draft, rulesOf(partner), existing, id);
			if (!checked.ok) return checked;
			const connector = ConnectorSchema.parse({
				...current,
				...checked.value,
				target: draft.target,
				updatedAt: Math.max(this.now(), current.updatedAt)
			});
			await this.db.connectors.put(connector);
			await this.#audit(connector, 'edited', current, connector);
			return ok(connector);
		});
	}

	/** Deactivates or reactivates a connector; it stays attached wherever it is used. */
	setStatus(id: string, status: ConnectorStatus): Promise<Connector> {
		return this.db.transaction('rw', this.db.connectors, this.db.auditTrail, async () => {
			const current = await this.db.connectors.get(id);
			if (!current) throw new RecordNotFoundError('connector', id);
			if (current.status === status) return current;
			const connector = ConnectorSchema.parse({ ...current, status, updatedAt: Math.max(this.now(), current.updatedAt) });
			await this.db.connectors.put(connector);
			await this.#audit(connector, status === 'active' ? 'reactivated' : 'deactivated', current, connector);
			return connector;
		});
	}

	/**
	 * Deletes a connector with its statistics, delivery log, fault settings and former uses, only when no audience or
	 * journey uses it. The check and the delete share one transaction, so an audience saved
	 * in another tab in between cannot be left pointing at nothing.
	 */
	delete(id: string): Promise<DeletionVerdict> {
		const { connectors, audiences, journeys, hourlyStatistics, dailyStatistics, deliveryLog, connectorFaults, auditTrail } = this.db;
		return this.db.transaction(
			'rw',
			[connectors, audiences, journeys, hourlyStatistics, dailyStatistics, deliveryLog, connectorFaults, auditTrail],
			async () => {
				const current = await connectors.get(id);
				if (!current) throw new RecordNotFoundError('connector', id);
				const all = await audiences.toArray();
				const verdict = deletionVerdict(id, all, await journeys.toArray());
				if (!verdict.allowed) return verdict;
				// Its history goes with it, so audiences no longer remember sending to it.
				for (const audience of all) {
					if (!audience.formerConnectors?.some((use) => use.connectorId === id)) continue;
					const formerConnectors = audience.formerConnectors.filter((use) => use.connectorId !== id);
					await audiences.put({ ...audience, formerConnectors: formerConnectors.length > 0 ? formerConnectors : undefined });
				}
				await hourlyStatistics.where('[connectorId+hour]').between([id, -Infinity], [id, Infinity]).delete();
				await dailyStatistics.where('[connectorId+day]').between([id, ''], [id, '\uffff']).delete();
				await deliveryLog.where('connectorId').equals(id).delete();
				await connectorFaults.delete(id);
				await connectors.delete(id);
				await this.#audit(current, 'deleted', current, null);
				return verdict;
			}
		);
	}

	#audit(connector: Connector, action: 'created' | 'edited' | 'deactivated' | 'reactivated' | 'deleted', before: Connector | null, after: Connector | null) {
		return this.audit.record({
			subject: 'connector',
			subjectId: connector.id,
			subjectName: connector.name,
			action,
			connectorIds: [connector.id],
			before: before && connectorForAudit(before),
			after: after && connectorForAudit(after)
		});
	}
}

function rulesOf(partner: NonNullable<ReturnType<typeof partnerById>>) {
	return {
		id: partner.catalog.id,
		name: partner.catalog.name,
		multipleConfigurations: partner.catalog.multipleConfigurations,
		configSchema: partner.configSchema
	};
}

function unknownPartner(partnerId: string): SaveResult {
	return fail({
		kind: 'invalid',
		fieldErrors: { form: `"${partnerId}" is not a server-to-server partner of this sandbox.` }
	});
}
