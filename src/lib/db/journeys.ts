import { connectorIdsOf, JourneySchema, type Journey, type JourneyStatus, type JourneyVersion } from '$lib/domain/journey';
import { draftProblems, publishProblems, statusAfterPublish, type JourneyProblem } from '$lib/domain/journey-rules';
import { fail, ok, type Result } from '$lib/domain/validation';
import { connectorUseLookup } from '$lib/partners/use-settings';
import type { AuditAction } from '$lib/domain/audit';
import { RecordNotFoundError } from './errors';
import { SubjectRepository } from './subject-repository';

export type JourneyResult = Result<Journey, JourneyProblem[]>;

/**
 * Journeys of one workspace, each with its published and draft versions. Editing changes the
 * draft only; Publish copies it to the published version that the engine runs. Every write
 * is checked and runs in one transaction, together with its entry in the audit trail.
 */
export class JourneyRepository extends SubjectRepository<Journey> {
	protected readonly subject = 'journey';
	protected readonly schema = JourneySchema;

	protected table() {
		return this.db.journeys;
	}

	/** Connectors the journey sends to in its published or draft version. */
	protected connectorIdsOf(journey: Journey): string[] {
		return [...connectorIdsOf(journey.draft), ...(journey.published ? connectorIdsOf(journey.published) : [])];
	}

	/** Creates a journey in draft status, never published. */
	create(name: string, draft: JourneyVersion): Promise<JourneyResult> {
		return this.db.transaction('rw', [this.db.journeys, this.db.connectors, this.db.audiences, this.db.auditTrail], async () => {
			const problems = draftProblems(name, draft, await this.#context());
			if (problems.length > 0) return fail(problems);
			const at = this.now();
			const journey = JourneySchema.parse({
				id: this.newId(),
				name: name.trim(),
				status: 'draft',
				published: null,
				draft,
				publishedAt: null,
				createdAt: at,
				updatedAt: at
			});
			await this.db.journeys.add(journey);
			await this.record('created', null, journey);
			return ok(journey);
		});
	}

	/** Saves the name and the draft; what is live does not change until Publish. */
	saveDraft(id: string, name: string, draft: JourneyVersion): Promise<JourneyResult> {
		return this.#change(id, 'saved', async (current) => {
			const problems = draftProblems(name, draft, await this.#context());
			if (problems.length > 0) return fail(problems);
			return ok({ ...current, name: name.trim(), draft });
		});
	}

	/**
	 * Saves the name and draft and makes the draft the live version, or refuses with every
	 * problem (naming the step) and changes nothing. A journey never published goes live.
	 */
	publish(id: string, name: string, draft: JourneyVersion): Promise<JourneyResult> {
		return this.#change(id, 'published', async (current) => {
			const problems = publishProblems(name, draft, await this.#context());
			if (problems.length > 0) return fail(problems);
			return ok({ ...current, name: name.trim(), draft, published: draft, publishedAt: this.now(), status: statusAfterPublish(current) });
		});
	}

	/** Throws the draft away: it becomes the published version again. */
	discardDraft(id: string): Promise<JourneyResult> {
		return this.#change(id, 'discarded', async (current) => {
			if (!current.published) return fail([{ key: 'form', message: 'This journey was never published, so there is no published version to go back to.' }]);
			return ok({ ...current, draft: current.published });
		});
	}

	/** Pauses a live journey or resumes a paused one; only a published journey can be live. */
	setStatus(id: string, status: Exclude<JourneyStatus, 'draft'>): Promise<JourneyResult> {
		return this.#change(id, status === 'paused' ? 'paused' : 'resumed', async (current) => {
			if (!current.published) return fail([{ key: 'form', message: 'Publish the journey first: only a published journey can run or pause.' }]);
			return ok({ ...current, status });
		});
	}

	/** Deletes a journey; nothing depends on one. */
	delete(id: string): Promise<void> {
		return this.db.transaction('rw', this.db.journeys, this.db.auditTrail, async () => {
			const current = await this.db.journeys.get(id);
			if (!current) throw new RecordNotFoundError('journey', id);
			await this.db.journeys.delete(id);
			await this.record('deleted', current, null);
		});
	}

	async #context() {
		const [connectors, audiences] = await Promise.all([this.db.connectors.toArray(), this.db.audiences.toArray()]);
		return { connector: connectorUseLookup(connectors), audiences };
	}

	#change(id: string, action: AuditAction, change: (current: Journey) => Promise<JourneyResult>): Promise<JourneyResult> {
		return this.db.transaction('rw', [this.db.journeys, this.db.connectors, this.db.audiences, this.db.auditTrail], async () => {
			const current = await this.db.journeys.get(id);
			if (!current) throw new RecordNotFoundError('journey', id);
			const result = await change(current);
			if (!result.ok) return result;
			const journey = JourneySchema.parse({ ...result.value, updatedAt: Math.max(this.now(), current.updatedAt) });
			await this.db.journeys.put(journey);
			await this.record(action, current, journey);
			return ok(journey);
		});
	}
}
