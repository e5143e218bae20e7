import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { connectorNameKey, type Connector } from '$lib/domain/connector';
import type { Audience } from '$lib/domain/audience';
import type { Journey } from '$lib/domain/journey';
import type { DailyStatistics, DeliveryLogEntry, HourlyStatistics } from '$lib/domain/statistics';
import type { Workspace } from '$lib/domain/workspace';
import type { ConnectorFaults } from '$lib/domain/faults';
import type { EngineState, HistoryProgress } from '$lib/domain/engine-state';
import type { AuditEntry } from '$lib/domain/audit';
import type { Alert, AlertSettings } from '$lib/domain/stats-alerts';
import { dayInZone } from '$lib/domain/time';

/**
 * Every version of the schema, oldest first. Versions are never edited once shipped: a change
 * is a new entry with an upgrade, so a browser holding any older database is brought forward
 * without losing a record.
 */
export const SCHEMA_VERSIONS = [
	{
		version: 1,
		stores: {
			workspace: 'id',
			connectors: 'id, partnerId, name',
			audiences: 'id, name',
			journeys: 'id, name',
			hourlyStatistics: '[connectorId+hour], hour',
			deliveryLog: 'id, connectorId, [connectorId+at]'
		}
	},
	{
		version: 2,
		// Names became unique ignoring case (a unique index on the lower-cased name), connectors
		// gained a target (mock or live), and statistics gained daily roll-ups.
		stores: {
			connectors: 'id, partnerId, &nameKey, updatedAt',
			dailyStatistics: '[connectorId+day], day'
		},
		upgrade: upgradeToVersion2
	},
	{
		version: 3,
		// The mock partner's fault knobs, per connector.
		stores: { connectorFaults: 'connectorId' }
	},
	{
		version: 4,
		// The engine's saved clock and checkpoint; delivery log entries by day for chart bars.
		stores: { engineState: 'id', deliveryLog: 'id, connectorId, [connectorId+at], [connectorId+day]' },
		upgrade: upgradeToVersion4
	},
	{
		version: 6,
		// The audit trail of configuration changes, by time and by the connectors each concerns.
		// (Version 5 was never shipped; Dexie accepts the gap.)
		stores: { auditTrail: 'id, at, *connectorIds' }
	},
	{
		version: 7,
		// Alert rules per connector and the alerts they raised (open until acknowledged).
		stores: { alertSettings: 'connectorId', alerts: 'id, connectorId, raisedAt' }
	}
] as const;

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export class SandboxDatabase extends Dexie {
	workspace!: EntityTable<Workspace, 'id'>;
	connectors!: EntityTable<Connector, 'id'>;
	audiences!: EntityTable<Audience, 'id'>;
	journeys!: EntityTable<Journey, 'id'>;
	hourlyStatistics!: Table<HourlyStatistics, [string, number]>;
	dailyStatistics!: Table<DailyStatistics, [string, string]>;
	deliveryLog!: EntityTable<DeliveryLogEntry, 'id'>;
	connectorFaults!: EntityTable<ConnectorFaults, 'connectorId'>;
	/** The engine's state ('engine') and, while history is generated, its progress ('history'). */
	engineState!: EntityTable<EngineState | HistoryProgress, 'id'>;
	auditTrail!: EntityTable<AuditEntry, 'id'>;
	alertSettings!: EntityTable<AlertSettings, 'connectorId'>;
	alerts!: EntityTable<Alert, 'id'>;

	constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
		super(name, options);
		for (const step of SCHEMA_VERSIONS) {
			const version = this.version(step.version).stores(step.stores);
			if ('upgrade' in step) version.upgrade(step.upgrade);
		}
	}
}

async function upgradeToVersion2(tx: Transaction): Promise<void> {
	// Version 1 allowed "Meta" and "meta" side by side; the unique index would refuse the
	// second, so it is renamed rather than dropped.
	const taken = new Set<string>();
	await tx
		.table('connectors')
		.toCollection()
		.modify((connector: Record<string, unknown>) => {
			const name = String(connector.name);
			let candidate = name;
			for (let n = 2; taken.has(connectorNameKey(candidate)); n++) candidate = `${name} (${n})`;
			taken.add(connectorNameKey(candidate));
			connector.name = candidate;
			connector.nameKey = connectorNameKey(candidate);
			connector.target ??= 'mock';
		});
}

async function upgradeToVersion4(tx: Transaction): Promise<void> {
	// Log entries gained the workspace day they belong to, and whether they are kept as examples.
	const workspace = (await tx.table('workspace').get('workspace')) as { timeZone?: string } | undefined;
	const timeZone = workspace?.timeZone ?? 'UTC';
	await tx
		.table('deliveryLog')
		.toCollection()
		.modify((entry: Record<string, unknown>) => {
			entry.day ??= dayInZone(Number(entry.at) || 0, timeZone);
			entry.example ??= false;
		});
}
