import { AuditEntrySchema } from '$lib/domain/audit';
import { AudienceSchema } from '$lib/domain/audience';
import { ConnectorSchema, type Connector } from '$lib/domain/connector';
import { EngineStateSchema } from '$lib/domain/engine-state';
import type { ExportFile, ExportSource } from '$lib/domain/export-file';
import { ConnectorFaultsSchema } from '$lib/domain/faults';
import { JourneySchema } from '$lib/domain/journey';
import { DailyStatisticsSchema, HourlyStatisticsSchema } from '$lib/domain/statistics';
import { WorkspaceSchema, type Workspace } from '$lib/domain/workspace';
import type { SandboxDatabase } from './database';

/** What an import writes into a new, empty workspace database. */
export interface ImportContents {
	workspace: Workspace;
	connectors: Connector[];
	file: ExportFile;
}

/** Whole-workspace reads and writes for export and import. */
export class TransferRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly now: () => number,
		private readonly newId: () => string
	) {}

	/** Everything an export carries, read in one transaction so the parts agree with each other. */
	snapshot(): Promise<Omit<ExportSource, 'name'>> {
		const { workspace, connectors, connectorFaults, audiences, journeys, hourlyStatistics, dailyStatistics, engineState } = this.db;
		return this.db.transaction('r', [workspace, connectors, connectorFaults, audiences, journeys, hourlyStatistics, dailyStatistics, engineState], async () => {
			const settings = await workspace.get('workspace');
			const stored = await engineState.get('engine');
			const engine = stored?.id === 'engine' ? stored : undefined;
			return {
				timeZone: settings?.timeZone ?? 'UTC',
				seed: settings?.seed ?? 1,
				demo: settings?.demo ?? false,
				connectors: await connectors.orderBy('nameKey').toArray(),
				faults: new Map((await connectorFaults.toArray()).map((r) => [r.connectorId, r.faults])),
				audiences: await audiences.orderBy('name').toArray(),
				journeys: await journeys.orderBy('name').toArray(),
				hourly: await hourlyStatistics.toArray(),
				daily: await dailyStatistics.toArray(),
				engine: engine ? { clock: Math.round(engine.clock), speed: engine.speed, populationSize: engine.populationSize, trafficRate: engine.trafficRate } : null
			};
		});
	}

	/**
	 * Fills a new, empty workspace with an import in one transaction: every record is validated
	 * first, and any failure (a record the database refuses, a workspace that is not empty)
	 * aborts the whole transaction, so nothing of the import remains.
	 */
	fill({ workspace, connectors, file }: ImportContents): Promise<void> {
		const at = this.now();
		const valid = {
			workspace: WorkspaceSchema.parse(workspace),
			connectors: connectors.map((c) => ConnectorSchema.parse(c)),
			faults: file.faults.map((f) => ConnectorFaultsSchema.parse({ ...f, updatedAt: at })),
			audiences: file.audiences.map((a) => AudienceSchema.parse(a)),
			journeys: file.journeys.map((j) => JourneySchema.parse(j)),
			hourly: file.statistics.hourly.map((h) => HourlyStatisticsSchema.parse(h)),
			daily: file.statistics.daily.map((d) => DailyStatisticsSchema.parse(d)),
			engine: file.engine && EngineStateSchema.parse({ id: 'engine', ...file.engine, checkpoint: null, updatedAt: at }),
			audit: AuditEntrySchema.parse({
				id: this.newId(),
				at,
				subject: 'workspace',
				subjectId: 'workspace',
				subjectName: workspace.name,
				action: 'imported',
				connectorIds: connectors.map((c) => c.id),
				before: null,
				after: { exportedAt: file.exportedAt, includesSecrets: file.includesSecrets, connectors: connectors.length, audiences: file.audiences.length, journeys: file.journeys.length }
			})
		};
		const db = this.db;
		const tables = [db.workspace, db.connectors, db.connectorFaults, db.audiences, db.journeys, db.hourlyStatistics, db.dailyStatistics, db.engineState, db.auditTrail];
		return db.transaction('rw', tables, async () => {
			if ((await db.workspace.count()) > 0 || (await db.connectors.count()) > 0) throw new Error('The workspace to import into is not empty.');
			await db.workspace.add(valid.workspace);
			await db.connectors.bulkAdd(valid.connectors);
			await db.connectorFaults.bulkAdd(valid.faults);
			await db.audiences.bulkAdd(valid.audiences);
			await db.journeys.bulkAdd(valid.journeys);
			await db.hourlyStatistics.bulkAdd(valid.hourly);
			await db.dailyStatistics.bulkAdd(valid.daily);
			if (valid.engine) await db.engineState.add(valid.engine);
			await db.auditTrail.add(valid.audit);
		});
	}
}
