import type { EntityTable, IDType } from 'dexie';
import type { z } from 'zod';
import type { AuditAction } from '$lib/domain/audit';
import { randomId } from '$lib/platform/random-id';
import type { AuditTrail } from './audit';
import type { SandboxDatabase } from './database';

/** What an audience and a journey have in common as stored records. */
interface NamedRecord {
	id: string;
	name: string;
}

/**
 * The part of the audience and journey repositories that is the same for both: reading, a
 * checked `put`, and the audit entry every change writes in its own transaction.
 */
export abstract class SubjectRepository<T extends NamedRecord> {
	/** The audit trail's word for these records. */
	protected abstract readonly subject: 'audience' | 'journey';
	protected abstract readonly schema: z.ZodType<T>;
	protected abstract table(): EntityTable<T, 'id'>;
	/** The connectors a record sends to, so their own audit trails show its changes. */
	protected abstract connectorIdsOf(record: T): string[];

	constructor(
		protected readonly db: SandboxDatabase,
		protected readonly audit: AuditTrail,
		protected readonly now: () => number = () => Date.now(),
		protected readonly newId: () => string = () => randomId()
	) {}

	/** Every record, by name. */
	list(): Promise<T[]> {
		return this.table().orderBy('name').toArray();
	}

	get(id: string): Promise<T | undefined> {
		return this.table().get(id as IDType<T, 'id'>);
	}

	/** Stores a record after validating it; an invalid one throws and nothing is written. */
	async put(record: T): Promise<T> {
		const valid = this.schema.parse(record);
		return this.db.transaction('rw', this.table(), this.db.auditTrail, async () => {
			const before = (await this.get(valid.id)) ?? null;
			await this.table().put(valid);
			await this.record(before ? 'saved' : 'created', before, valid);
			return valid;
		});
	}

	/** The change's audit entry; call it inside the change's transaction. */
	protected record(action: AuditAction, before: T | null, after: T | null): Promise<void> {
		const subject = (after ?? before)!;
		return this.audit.record({
			subject: this.subject,
			subjectId: subject.id,
			subjectName: subject.name,
			action,
			// Before and after: removing a connector from a record concerns that connector too.
			connectorIds: [...new Set([...(after ? this.connectorIdsOf(after) : []), ...(before ? this.connectorIdsOf(before) : [])])],
			before,
			after
		});
	}
}
