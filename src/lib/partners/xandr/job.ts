import { deliveryError, outcome, type DeliveryOutcome, type Operation, type Reply } from '../adapter';
import { parseJson, partnerCode, partnerText } from '../classify';
import type { FileLines } from './segment-file';

/** Xandr's upload jobs: what creating one returns, and what its status says once processed. */

type Response = Extract<Reply, { kind: 'response' }>;

export interface Job {
	jobId: string;
	uploadUrl: string;
}

export interface JobStatus {
	phase: string;
	errorCode: string | null;
	counts: Record<string, number>;
	errorLogLines: string;
}

interface JobBody {
	response?: { status?: unknown; batch_segment_upload_job?: unknown; token?: unknown; segment_upload?: unknown; member?: unknown };
}

function okResponse(reply: Response): NonNullable<JobBody['response']> | undefined {
	if (reply.status < 200 || reply.status >= 300) return undefined;
	const body = parseJson(reply.body) as JobBody | null | undefined;
	const response = body && typeof body === 'object' ? body.response : undefined;
	return response && typeof response === 'object' && response.status === 'OK' ? response : undefined;
}

// Data providers on the Impbus API get the job as an array holding one object.
function jobObject(value: unknown): Record<string, unknown> | undefined {
	const job = Array.isArray(value) ? (value[0] as unknown) : value;
	return job && typeof job === 'object' ? (job as Record<string, unknown>) : undefined;
}

/** The session token of a successful login, or undefined. */
export function tokenOf(reply: Response): string | undefined {
	const token = okResponse(reply)?.token;
	// A token goes into a header: printable ASCII of a sane length, or it is no token.
	return typeof token === 'string' && /^[\x21-\x7e]{1,512}$/.test(token) ? token : undefined;
}

/** The job a successful POST /batch-segment opened, or undefined. */
export function createdJobOf(reply: Response): Job | undefined {
	const job = jobObject(okResponse(reply)?.batch_segment_upload_job);
	if (!job || typeof job.job_id !== 'string' || !/^[\w.-]{1,128}$/.test(job.job_id) || typeof job.upload_url !== 'string') return undefined;
	return { jobId: job.job_id, uploadUrl: job.upload_url };
}

/** Whether the upload host took the file. */
export function uploadAccepted(reply: Response): boolean {
	return okResponse(reply) !== undefined;
}

/** The member Test connection reads, or undefined. */
export function memberOf(reply: Response): { id: string; name: string } | undefined {
	const member = jobObject(okResponse(reply)?.member);
	// String() of an object from JSON can throw ({"toString":1}): only a number or a short string is an id.
	const id = typeof member?.id === 'number' || (typeof member?.id === 'string' && member.id.length <= 64) ? String(member.id) : undefined;
	if (!member || id === undefined) return undefined;
	return { id, name: partnerText(member.name, '', 200) };
}

/** A job's status from GET /batch-segment?job_id=, or undefined. */
export function jobStatusOf(reply: Response): JobStatus | undefined {
	const job = jobObject(okResponse(reply)?.batch_segment_upload_job);
	if (!job || typeof job.phase !== 'string' || job.phase.length > 64) return undefined;
	const counts: Record<string, number> = {};
	for (const [key, value] of Object.entries(job)) if (key.startsWith('num_') && typeof value === 'number') counts[key] = value;
	return {
		phase: job.phase,
		errorCode: partnerCode(job.error_code),
		counts,
		errorLogLines: typeof job.error_log_lines === 'string' ? job.error_log_lines : ''
	};
}

/**
 * The counters of lines Xandr did not take, and what each means for a profile. Every line of
 * our file holds one segment, so a counted user-segment pair is one profile. The partner code
 * is the counter's name without "num_" (e.g. invalid_user).
 */
const REJECTION_COUNTERS: Record<string, string> = {
	num_invalid_user: 'Xandr does not know this user ID (not seen recently, or the cookie sync is stale).',
	num_invalid_format: 'The line is not in the file format configured for the member.',
	num_invalid_segment: 'The segment does not exist.',
	num_unauth_segment: 'The member may not use this segment (it belongs to another member, or access was not granted).',
	num_inactive_segment: 'The segment is inactive.',
	num_past_expiration: 'The expiration had already passed.',
	num_invalid_timestamp: 'The timestamp is not valid.',
	num_other_error: 'Xandr could not process the line.'
};

/**
 * The outcome of a completed job: the lines named in the error log are rejected for their
 * profiles; counted rejections beyond the log (should Xandr cut it short) fall on the last
 * unnamed lines, so the totals agree with Xandr's; every other profile is delivered.
 */
export function completedOutcome(
	job: Job,
	status: JobStatus,
	lines: FileLines,
	unwritable: DeliveryOutcome['rejected'],
	operation: Operation,
	segmentId: string
): DeliveryOutcome {
	const rejected = new Map<number, string>();
	const named: Record<string, number> = {};
	// Lines per user ID, built only when the log names lines (usually it is empty).
	const logLines = status.errorLogLines.trim() ? status.errorLogLines.split(/\r?\n/) : [];
	const waiting = new Map<string, number[]>();
	if (logLines.length > 0) {
		lines.userIds.forEach((userId, line) => {
			const index = lines.recipients[line]!;
			const indexes = waiting.get(userId);
			if (indexes) indexes.push(index);
			else waiting.set(userId, [index]);
		});
	}
	// Log lines read "<counter>-<the line as uploaded>"; the user ID runs up to the first separator.
	for (const raw of logLines) {
		const [, counter = '', userId = ''] = /^(num_[a-z_]+)-([^,;\t]*)/.exec(raw.trim()) ?? [];
		const index = counter in REJECTION_COUNTERS ? waiting.get(userId)?.shift() : undefined;
		if (index === undefined) continue;
		rejected.set(index, counter);
		named[counter] = (named[counter] ?? 0) + 1;
	}
	for (const counter of Object.keys(REJECTION_COUNTERS)) {
		let surplus = (status.counts[counter] ?? 0) - (named[counter] ?? 0);
		for (let i = lines.recipients.length - 1; surplus > 0 && i >= 0; i--) {
			const index = lines.recipients[i]!;
			if (rejected.has(index)) continue;
			rejected.set(index, counter);
			surplus--;
		}
	}
	const tally = [...rejected.values()];
	const summary = Object.keys(REJECTION_COUNTERS)
		.map((counter) => [counter, tally.filter((c) => c === counter).length] as const)
		.filter(([, count]) => count > 0)
		.map(([counter, count]) => `${count} ${counter.slice(4)}`)
		.join(', ');
	const verb = operation === 'add' ? 'added to' : 'removed from';
	const taken = lines.recipients.length - rejected.size;
	return outcome.delivered(
		`Xandr job ${job.jobId} completed: ${taken} of ${lines.recipients.length} ${verb} segment ${segmentId}` +
			(rejected.size ? `, ${rejected.size} rejected (${summary}).` : '.'),
		[
			...unwritable,
			...[...rejected].map(([index, counter]) => ({
				index,
				error: deliveryError('partnerError', counter.slice(4), REJECTION_COUNTERS[counter]!)
			}))
		].sort((a, b) => a.index - b.index)
	);
}
