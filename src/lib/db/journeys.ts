import { JourneySchema, type Journey } from '$lib/domain/journey';
import type { SandboxDatabase } from './database';

/** Journeys of one workspace, each with its published and draft versions. */
export class JourneyRepository {
	constructor(private readonly db: SandboxDatabase) {}

	list(): Promise<Journey[]> {
		return this.db.journeys.orderBy('name').toArray();
	}

	get(id: string): Promise<Journey | undefined> {
		return this.db.journeys.get(id);
	}

	/** Stores a journey after validating it; an invalid one throws and nothing is written. */
	async put(journey: Journey): Promise<Journey> {
		const valid = JourneySchema.parse(journey);
		await this.db.journeys.put(valid);
		return valid;
	}
}
