import { ConnectorFaultsSchema, HEALTHY_PARTNER, type FaultSettings } from '$lib/domain/faults';
import type { AuditTrail } from './audit';
import type { SandboxDatabase } from './database';
import { RecordNotFoundError } from './errors';

/** The mock partner's fault knobs per connector; a connector without a record is healthy. */
export class FaultRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly now: () => number,
		private readonly audit: AuditTrail
	) {}

	async get(connectorId: string): Promise<FaultSettings> {
		return (await this.db.connectorFaults.get(connectorId))?.faults ?? { ...HEALTHY_PARTNER };
	}

	/** Every connector's faults, for the engine and for export. */
	async all(): Promise<Map<string, FaultSettings>> {
		const records = await this.db.connectorFaults.toArray();
		return new Map(records.map((r) => [r.connectorId, r.faults]));
	}

	/** Stores a connector's knobs after validating them; an invalid setting throws and writes nothing. */
	set(connectorId: string, faults: FaultSettings): Promise<FaultSettings> {
		return this.db.transaction('rw', [this.db.connectors, this.db.connectorFaults, this.db.auditTrail], async () => {
			const connector = await this.db.connectors.get(connectorId);
			if (!connector) throw new RecordNotFoundError('connector', connectorId);
			const record = ConnectorFaultsSchema.parse({ connectorId, faults, updatedAt: this.now() });
			const before = (await this.db.connectorFaults.get(connectorId))?.faults ?? HEALTHY_PARTNER;
			await this.db.connectorFaults.put(record);
			if (JSON.stringify(before) !== JSON.stringify(record.faults))
				await this.audit.record({
				subject: 'faults',
				subjectId: connectorId,
				subjectName: connector.name,
				action: 'edited',
				connectorIds: [connectorId],
				before,
				after: record.faults
			});
			return record.faults;
		});
	}
}
