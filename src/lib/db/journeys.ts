import { connectorIdsOf, JourneySchema, type Journey } from '$lib/domain/journey';
import type { AuditTrail } from './audit';
import type { SandboxDatabase } from './database';

/** Journeys of one workspace, each with its published and draft versions. */
export class JourneyRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly audit: AuditTrail
	) {}

	list(): Promise<Journey[]> {
		return this.db.journeys.orderBy('name').toArray();
	}

	get(id: string): Promise<Journey | undefined> {
		return this.db.journeys.get(id);
	}

	/** Stores a journey after validating it; an invalid one throws and nothing is written. */
	async put(journey: Journey): Promise<Journey> {
		const valid = JourneySchema.parse(journey);
		// The save and its audit entry share one transaction.
		return this.db.transaction('rw', this.db.journeys, this.db.auditTrail, async () => {
			const before = (await this.db.journeys.get(valid.id)) ?? null;
			await this.db.journeys.put(valid);
			await this.audit.record({
				subject: 'journey',
				subjectId: valid.id,
				subjectName: valid.name,
				action: before ? 'saved' : 'created',
				// Before and after: removing a connector from a journey concerns that connector too.
				connectorIds: [...new Set([...journeyConnectorIds(valid), ...(before ? journeyConnectorIds(before) : [])])],
				before,
				after: valid
			});
			return valid;
		});
	}
}

/** Connectors a journey sends to in its published or draft version. */
function journeyConnectorIds(journey: Journey): string[] {
	return [...connectorIdsOf(journey.draft), ...(journey.published ? connectorIdsOf(journey.published) : [])];
}
