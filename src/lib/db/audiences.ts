import { AudienceSchema, formerConnectorsAfter, type Audience } from '$lib/domain/audience';
import { checkAudienceDraft, type AudienceDraft } from '$lib/domain/audience-rules';
import { fail, ok, type FieldErrors, type Result } from '$lib/domain/validation';
import { connectorUseLookup } from '$lib/partners/use-settings';
import { RecordNotFoundError } from './errors';
import { SubjectRepository } from './subject-repository';

export type AudienceSaveResult = Result<Audience, FieldErrors>;

/** Why an audience may not be deleted: journeys start on it. */
export type AudienceDeletion = { deleted: true } | { deleted: false; journeys: Array<{ id: string; name: string }> };

/** Audiences of one workspace. Every write is checked and runs in one transaction, with its audit entry. */
export class AudienceRepository extends SubjectRepository<Audience> {
	protected readonly subject = 'audience';
	protected readonly schema = AudienceSchema;

	protected table() {
		return this.db.audiences;
	}

	protected connectorIdsOf(audience: Audience): string[] {
		return audience.connectors.map((use) => use.connectorId);
	}

	/** Creates an audience, or says per field why it cannot (rules that cannot match, missing External IDs). */
	create(draft: AudienceDraft): Promise<AudienceSaveResult> {
		return this.#save(null, draft);
	}

	/** Changes an audience's definition and connectors, or says per field why it cannot. */
	update(id: string, draft: AudienceDraft): Promise<AudienceSaveResult> {
		return this.#save(id, draft);
	}

	/** Deletes an audience unless a journey (draft or published) starts on it. */
	delete(id: string): Promise<AudienceDeletion> {
		const { audiences, journeys, auditTrail } = this.db;
		return this.db.transaction('rw', [audiences, journeys, auditTrail], async () => {
			const current = await audiences.get(id);
			if (!current) throw new RecordNotFoundError('audience', id);
			const starting = (await journeys.toArray()).filter((j) =>
				[j.draft, j.published].some((v) => v?.trigger.kind === 'audienceEntered' && v.trigger.audienceId === id)
			);
			if (starting.length > 0) return { deleted: false, journeys: starting.map((j) => ({ id: j.id, name: j.name })) };
			await audiences.delete(id);
			await this.record('deleted', current, null);
			return { deleted: true };
		});
	}

	#save(id: string | null, draft: AudienceDraft): Promise<AudienceSaveResult> {
		const { audiences, connectors, auditTrail } = this.db;
		return this.db.transaction('rw', [audiences, connectors, auditTrail], async () => {
			const current = id === null ? undefined : await audiences.get(id);
			if (id !== null && !current) throw new RecordNotFoundError('audience', id);
			const lookup = connectorUseLookup(await connectors.toArray());
			const checked = checkAudienceDraft(draft, lookup, await audiences.toArray(), id ?? undefined);
			if (!checked.ok) return fail(checked.error);
			const at = this.now();
			const uses = checked.value.connectors.map((use) => ({
				connectorId: use.connectorId,
				settings: Object.fromEntries(Object.entries(use.settings).map(([k, v]) => [k, v.trim()]))
			}));
			const formerConnectors = formerConnectorsAfter(current, uses, at);
			const audience = AudienceSchema.parse({
				...checked.value,
				connectors: uses,
				...(formerConnectors.length > 0 ? { formerConnectors } : {}),
				id: current?.id ?? this.newId(),
				createdAt: current?.createdAt ?? at,
				updatedAt: current ? Math.max(at, current.updatedAt) : at
			});
			await audiences.put(audience);
			await this.record(current ? 'saved' : 'created', current ?? null, audience);
			return ok(audience);
		});
	}
}
