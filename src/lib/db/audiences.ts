import { AudienceSchema, type Audience } from '$lib/domain/audience';
import type { SandboxDatabase } from './database';

/** Audiences of one workspace; the editor (and its rules) arrive with the audiences screens. */
export class AudienceRepository {
	constructor(private readonly db: SandboxDatabase) {}

	list(): Promise<Audience[]> {
		return this.db.audiences.orderBy('name').toArray();
	}

	get(id: string): Promise<Audience | undefined> {
		return this.db.audiences.get(id);
	}

	/** Stores an audience after validating it; an invalid one throws and nothing is written. */
	async put(audience: Audience): Promise<Audience> {
		const valid = AudienceSchema.parse(audience);
		await this.db.audiences.put(valid);
		return valid;
	}
}
