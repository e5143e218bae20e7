import { z } from 'zod';

/** What a configuration change was made to. */
export const AuditSubjectSchema = z.enum(['connector', 'faults', 'audience', 'journey', 'workspace']);
export type AuditSubject = z.infer<typeof AuditSubjectSchema>;

export const AuditActionSchema = z.enum(['created', 'edited', 'deactivated', 'reactivated', 'deleted', 'saved', 'imported', 'published', 'discarded', 'paused', 'resumed']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/**
 * One configuration change, as the audit trail keeps it: what was changed, its state before
 * and after (secrets already masked), and when by the computer's own clock. The sandbox clock
 * is not used: a trainer asks "when did someone change this", which is a wall-clock question,
 * and the sandbox clock jumps when the simulator is stepped.
 */
export const AuditEntrySchema = z.object({
	id: z.string().min(1),
	/** Wall-clock epoch milliseconds. */
	at: z.number().int().nonnegative(),
	subject: AuditSubjectSchema,
	/** The changed record's id (the connector's id for fault changes). */
	subjectId: z.string(),
	/** Its name at the time, so an entry still reads well after the record is deleted. */
	subjectName: z.string(),
	action: AuditActionSchema,
	/** The connectors the change concerns, so a connector's page can show its own trail. */
	connectorIds: z.array(z.string()),
	before: z.unknown().nullable(),
	after: z.unknown().nullable()
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An entry before it is given its id and time. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

export const SECRET_MASK = '••••••••';

/**
 * A connector's configuration with every secret field masked, so the trail (which anyone at
 * the screen can read) never shows a credential. Empty secrets stay empty: "not set" is
 * worth seeing.
 */
export function maskConfig(config: Record<string, unknown>, secretFields: readonly string[]): Record<string, unknown> {
	const masked: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(config)) {
		masked[key] = secretFields.includes(key) && typeof value === 'string' && value !== '' ? SECRET_MASK : value;
	}
	return masked;
}

/** One changed field between two states, dotted path first. */
export interface AuditChange {
	path: string;
	before: unknown;
	after: unknown;
}

/**
 * The fields that differ between before and after, walking nested objects so an edit of one
 * configuration field reads "config.adAccountId" rather than "config". Arrays compare whole;
 * bookkeeping fields (updatedAt) are left out.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
	return changesUnder(before, after, '').filter((change) => !AUDIT_IGNORED_PATHS.has(change.path));
}

function changesUnder(before: unknown, after: unknown, prefix: string): AuditChange[] {
	if (isPlainObject(before) && isPlainObject(after)) {
		const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
		return keys.flatMap((key) => changesUnder(before[key], after[key], prefix ? `${prefix}.${key}` : key));
	}
	if (JSON.stringify(before) === JSON.stringify(after)) return [];
	return [{ path: prefix || '(whole record)', before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields that change on every save and say nothing a reader needs. */
export const AUDIT_IGNORED_PATHS = new Set(['updatedAt', 'nameKey']);

/** "Connector", "Fault settings" and so on, for the trail's first column. */
export function auditSubjectLabel(subject: AuditSubject): string {
	switch (subject) {
		case 'connector':
			return 'Connector';
		case 'faults':
			return 'Mock partner behaviour';
		case 'audience':
			return 'Audience';
		case 'journey':
			return 'Journey';
		case 'workspace':
			return 'Workspace';
	}
}
