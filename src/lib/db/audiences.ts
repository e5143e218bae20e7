import { AudienceSchema, type Audience } from '$lib/domain/audience';
import type { AuditTrail } from './audit';
import type { SandboxDatabase } from './database';

/** Audiences of one workspace; the editor (and its rules) arrive with the audiences screens. */
export class AudienceRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly audit: AuditTrail
	) {}

	list(): Promise<Audience[]> {
		return this.db.audiences.orderBy('name').toArray();
	}

	get(id: string): Promise<Audience | undefined> {
		return this.db.audiences.get(id);
	}

	/** Stores an audience after validating it; an invalid one throws and nothing is written. */
	async put(audience: Audience): Promise<Audience> {
		const valid = AudienceSchema.parse(audience);
		// The save and its audit entry share one transaction.
		return this.db.transaction('rw', this.db.audiences, this.db.auditTrail, async () => {
			const before = (await this.db.audiences.get(valid.id)) ?? null;
			await this.db.audiences.put(valid);
			await this.audit.record({
				subject: 'audience',
				subjectId: valid.id,
				subjectName: valid.name,
				action: before ? 'saved' : 'created',
				// Before and after: removing a connector from an audience concerns that connector too.
				connectorIds: [...new Set([...valid.connectors, ...(before?.connectors ?? [])].map((use) => use.connectorId))],
				before,
				after: valid
			});
			return valid;
		});
	}
}
