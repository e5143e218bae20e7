import { HttpResponse } from 'msw';
import { CONNECTOR_HEADER, type FaultSettings } from '../faults';
import { forcedAnswer, jsonAnswer, jsonBody, rejectedIndexes, respondWith, type ErrorRow, type Knobs } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import { apiError, errorRows, faultRows, MAX_PENDING_JOBS, row } from './errors';
import { XandrBackend, type JobRecord, type Processing } from './state';

/**
 * Xandr's Batch Segment Service from Xandr's side: POST /auth issues session tokens; with the
 * token as the Authorization header, POST /batch-segment opens a job with a one-time upload URL,
 * the file is POSTed there (no session: the URL is the credential), and GET /batch-segment
 * reports the job's phase and, once completed, its counts and error log.
 */
const API = 'https://api.appnexus.com';
const UPLOAD_HOST = 'https://data-api-gslb.adnxs.net';
const MAX_FILE_BYTES = 512 * 1024 * 1024; // 0.5 GB
const MAX_SEGMENTS_PER_LINE = 1800;
const DBG_INFO = { warnings: [], version: '1.18.2251', output_term: 'batch_segment_upload_job' };

const REJECTION_COUNTERS = [
	'num_invalid_format',
	'num_invalid_user',
	'num_invalid_segment',
	'num_invalid_timestamp',
	'num_unauth_segment',
	'num_past_expiration',
	'num_inactive_segment',
	'num_other_error'
] as const;

function answer(error: Pick<ErrorRow, 'status' | 'body' | 'contentType'>): Response {
	return new HttpResponse(error.body, { status: error.status, headers: { 'content-type': error.contentType } });
}

function connectorOf(request: Request): string {
	return request.headers.get(CONNECTOR_HEADER) ?? '';
}

/** A numeric ID from the query string, or null. */
function numericParam(url: URL, name: string): number | null {
	const value = url.searchParams.get(name) ?? '';
	return /^\d{1,10}$/.test(value) ? Number(value) : null;
}

/**
 * What every API call (not the login, not the upload) goes through: the session, then the knobs
 * in the order a real partner checks them (access, then whether it is up at all). Only the
 * Authorization header is read: the sandbox's transport keeps no cookies.
 */
function gate(request: Request, faults: FaultSettings, backend: XandrBackend): Response | null {
	if (faults.answerWith) return forcedAnswer(faults, errorRows, faultRows);
	const token = request.headers.get('authorization')?.trim() ?? '';
	const session = token ? backend.token(token) : undefined;
	// A user whose password no longer works has no session either.
	if (!session || faults.credentials === 'invalid') return answer(apiError(401, 'NOAUTH', 'Authentication failed - not logged in.'));
	if (session.expired) return respondWith(row('noauth-expired'));
	if (faults.credentials === 'expired' && !session.renewal) {
		backend.expire(token, connectorOf(request));
		return respondWith(row('noauth-expired'));
	}
	return forcedAnswer({ ...faults, credentials: 'valid', throttled: false }, errorRows, faultRows);
}

/** A job as GET /batch-segment shows it; counts and logs only once it has completed. */
function jobStatus(job: JobRecord, backend: XandrBackend) {
	const done = job.phase === 'completed' ? job.processing : null;
	const counts: Record<string, number> = { num_valid: 0, num_valid_user: 0 };
	for (const counter of REJECTION_COUNTERS) counts[counter] = 0;
	Object.assign(counts, done?.counts);
	return {
		phase: job.phase,
		start_time: backend.stamp(job.createdAt),
		uploaded_time: backend.stamp(job.uploadedAt),
		validated_time: job.phase === 'processing' || job.phase === 'completed' ? backend.stamp(job.uploadedAt) : null,
		completed_time: backend.stamp(job.completedAt),
		error_code: job.errorCode,
		time_to_process: job.completedAt !== null && job.uploadedAt !== null ? ((job.completedAt - job.uploadedAt) / 60).toFixed(2) : null,
		percent_complete: job.phase === 'completed' ? 100 : job.phase === 'processing' ? 50 : 0,
		...counts,
		// As Xandr writes it: "<counter>-<the line as uploaded>", one per line.
		error_log_lines: done?.errorLog.length ? ` \n\n${done.errorLog.join('\n')}` : null,
		segment_log_lines: done ? `\n${[...done.segments].map(([segment, users]) => `${segment}:${users}`).join('\n')}` : null,
		id: job.id,
		job_id: job.jobId,
		member_id: job.memberId,
		created_on: backend.stamp(job.createdAt),
		last_modified: backend.stamp(job.completedAt ?? job.uploadedAt ?? job.createdAt)
	};
}

/**
 * Reads the legacy line text[from, to) `USER_ID,SEG_ID:EXPIRATION[;SEG_ID:EXPIRATION...]`: pushes
 * where its segment IDs are and returns where the user ID ends (its comma), or -1 (pushing
 * nothing) when the line is malformed. Hand-written over offsets rather than split and matched
 * by regular expressions: a file holds up to 100,000 lines.
 */
function parseLine(text: string, from: number, to: number, segments: { starts: number[]; ends: number[] }): number {
	const comma = indexIn(text, 44, from, to); // ","
	if (comma <= from || comma - from > 20 || !digitsOnly(text, from, comma)) return -1;
	const first = segments.starts.length;
	let blocks = 0;
	for (let start = comma + 1; ; ) {
		const semicolon = indexIn(text, 59, start, to); // ";"
		const end = semicolon < 0 ? to : semicolon;
		if (++blocks > MAX_SEGMENTS_PER_LINE || !segmentBlock(text, start, end, segments)) {
			segments.starts.length = first;
			segments.ends.length = first;
			return -1;
		}
		if (end === to) return comma;
		start = end + 1;
	}
}

/** `SEG_ID:EXPIRATION` in text[start, end): 1-19 digits, a colon, -1 or 1-10 digits. */
function segmentBlock(text: string, start: number, end: number, segments: { starts: number[]; ends: number[] }): boolean {
	const colon = indexIn(text, 58, start, end); // ":"
	if (colon < 0) return false;
	const idLength = colon - start;
	if (idLength < 1 || idLength > 19 || !digitsOnly(text, start, colon)) return false;
	let from = colon + 1;
	const negative = text.charCodeAt(from) === 45; // "-"
	if (negative) from++;
	const expirationLength = end - from;
	if (expirationLength < 1 || expirationLength > 10 || !digitsOnly(text, from, end)) return false;
	// Expiration -1 removes; anything lower is not a valid expiration.
	if (negative && Number(text.slice(from, end)) > 1) return false;
	segments.starts.push(start);
	segments.ends.push(colon);
	return true;
}

/**
 * The first position of a character in text[from, to), or -1. Bounded, unlike indexOf, which
 * would search the rest of a file of 100,000 lines for a character the line lacks.
 */
function indexIn(text: string, charCode: number, from: number, to: number): number {
	for (let i = from; i < to; i++) if (text.charCodeAt(i) === charCode) return i;
	return -1;
}

function digitsOnly(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	return true;
}

/** The digits text[from, to) as a number when it is exact (up to 15 digits), else as text. */
function userKey(text: string, from: number, to: number): number | string {
	if (to - from > 15) return text.slice(from, to);
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
	return value;
}

/** Whether text[from, to) holds nothing but white space (as String.prototype.trim sees it). */
function blank(text: string, from: number, to: number): boolean {
	if (from === to) return true;
	const c = text.charCodeAt(from);
	// A line starts with a digit as a rule: only unusual first characters need a closer look.
	if (c > 32 && c < 128) return false;
	return text.slice(from, to).trim() === '';
}

/** Validates the file line by line; the rejection knob picks users Xandr does not know. */
function processFile(text: string, faults: Knobs): Processing {
	const counts: Record<string, number> = { num_valid: 0, num_valid_user: 0 };
	for (const counter of REJECTION_COUNTERS) counts[counter] = 0;
	const errorLog: string[] = [];
	// Well-formed lines as columns: line i is text[lineStart[i], lineEnd[i]), its segment IDs are
	// at segments.starts/ends[segmentsFrom[i] .. segmentsFrom[i + 1]).
	// A user ID as a number when it fits one exactly (Xandr's are 64-bit: most do), else as text.
	const userIds: Array<number | string> = [];
	const lineStart: number[] = [];
	const lineEnd: number[] = [];
	const segments = { starts: [] as number[], ends: [] as number[] };
	const segmentsFrom: number[] = [0];
	for (let start = 0; start < text.length; ) {
		const newline = text.indexOf('\n', start);
		let end = newline < 0 ? text.length : newline;
		const next = end + 1;
		if (end > start && text.charCodeAt(end - 1) === 13) end--; // "\r\n"
		const from = start;
		start = next;
		if (blank(text, from, end)) continue;
		const comma = parseLine(text, from, end, segments);
		if (comma >= 0) {
			userIds.push(userKey(text, from, comma));
			lineStart.push(from);
			lineEnd.push(end);
			segmentsFrom.push(segments.starts.length);
		} else {
			counts.num_invalid_format!++;
			errorLog.push(`num_invalid_format-${text.slice(from, end)}`);
		}
	}
	const unknown = new Set(rejectedIndexes(userIds.length, faults));
	const users = new Set<number | string>();
	const usersPerSegment = new Map<string, number>();
	// Files hold one segment as a rule: its ID is read from the text once, not once per line.
	let segment = '';
	for (let i = 0; i < userIds.length; i++) {
		if (unknown.size > 0 && unknown.has(i)) {
			counts.num_invalid_user!++;
			errorLog.push(`num_invalid_user-${text.slice(lineStart[i], lineEnd[i])}`);
			continue;
		}
		users.add(userIds[i]!);
		for (let s = segmentsFrom[i]!; s < segmentsFrom[i + 1]!; s++) {
			counts.num_valid!++;
			const from = segments.starts[s]!;
			const to = segments.ends[s]!;
			if (to - from !== segment.length || !text.startsWith(segment, from)) segment = text.slice(from, to);
			usersPerSegment.set(segment, (usersPerSegment.get(segment) ?? 0) + 1);
		}
	}
	counts.num_valid_user = users.size;
	return { counts, errorLog, segments: usersPerSegment };
}

// The login and the session-checked calls read the knobs themselves, in the order Xandr does
// (gate above); the upload URL is its own credential, so only the partner's health applies to it.
const ownKnobs = { forced: false } as const;
const uploadKnobs = (faults: FaultSettings): FaultSettings => ({ ...faults, credentials: 'valid', notAllowlisted: false });

/** Xandr's mock, with sessions and upload jobs of its own. */
export function createMock(kit: PartnerMockKit): PartnerMock & { backend: XandrBackend; reset(): void } {
	const route = kit.routes(errorRows, faultRows);
	const backend = new XandrBackend();
	return {
		handlers: [
			route('post', `${API}/auth`, async ({ request, faults }) => {
				const asked = faults.answerWith ? forcedAnswer(faults, errorRows, faultRows) : null;
				if (asked) return asked;
				if (faults.credentials === 'invalid') return respondWith(row('noauth'));
				const down = forcedAnswer({ ...faults, credentials: 'valid', notAllowlisted: false, throttled: false }, errorRows, faultRows);
				if (down) return down;
				const body = (await jsonBody(request)) as { auth?: { username?: unknown; password?: unknown } | null } | undefined;
				if (!body || typeof body !== 'object' || !body.auth || typeof body.auth !== 'object') {
					return answer(apiError(400, 'SYNTAX', 'The request body must be JSON of the form {"auth":{"username":"...","password":"..."}}.'));
				}
				const { username, password } = body.auth;
				if (typeof username !== 'string' || !username.trim() || typeof password !== 'string' || !password) return respondWith(row('noauth'));
				const token = backend.issueToken(username, connectorOf(request));
				return jsonAnswer({ response: { status: 'OK', token, dbg_info: DBG_INFO } }, faults);
			}, ownKnobs),

			// Step 1: a job and its upload URL.
			route('post', `${API}/batch-segment`, ({ request, faults }) => {
				const refused = gate(request, faults, backend);
				if (refused) return refused;
				const memberId = numericParam(new URL(request.url), 'member_id');
				if (memberId === null) return respondWith(row('syntax'));
				if (backend.pending(memberId) > MAX_PENDING_JOBS) return respondWith(row('limit'));
				const job = backend.createJob(memberId);
				return jsonAnswer(
					{
						response: {
							id: job.id,
							status: 'OK',
							batch_segment_upload_job: {
								job_id: job.jobId,
								id: job.id,
								member_id: job.memberId,
								last_modified: backend.stamp(job.createdAt),
								upload_url: `${UPLOAD_HOST}/segment-upload/${job.jobId}`
							},
							start_element: 0,
							count: 1,
							num_elements: 100,
							dbg_info: DBG_INFO
						}
					},
					faults
				);
			}, ownKnobs),

			// Step 2: the file. The byte caps (throttled knob) and the file size apply here.
			route('post', `${UPLOAD_HOST}/segment-upload/:jobId`, async ({ request, params, faults }) => {
				const text = await request.text();
				if (text.length > MAX_FILE_BYTES) return respondWith(row('filesize-limit'));
				const job = backend.claimUpload(String(params.jobId));
				if (!job) return respondWith(row('upload-url-expired'));
				// Xandr takes the upload but cannot process a form post or an empty file: the job fails.
				const octetStream = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/octet-stream');
				if (!octetStream || !text.trim()) backend.failUpload(job);
				else backend.process(job, processFile(text, faults));
				return jsonAnswer({ response: { segment_upload: { job_id: job.jobId }, status: 'OK' } }, faults);
			}, { forced: uploadKnobs }),

			// Step 3: the job's status; each check of an uploaded job moves it on.
			route('get', `${API}/batch-segment`, ({ request, faults }) => {
				const refused = gate(request, faults, backend);
				if (refused) return refused;
				const url = new URL(request.url);
				const memberId = numericParam(url, 'member_id');
				if (memberId === null) return respondWith(row('syntax'));
				const jobId = url.searchParams.get('job_id');
				const envelope = { status: 'OK', start_element: 0, num_elements: 100, dbg_info: DBG_INFO };
				if (!jobId) {
					const jobs = backend.jobs(memberId).slice(-100);
					return jsonAnswer({ response: { ...envelope, count: jobs.length, batch_segment_upload_job: jobs.map((job) => jobStatus(job, backend)) } }, faults);
				}
				const job = backend.job(jobId);
				if (!job) return answer(apiError(400, 'SYNTAX', `No batch segment job with job_id ${jobId}.`));
				if (job.memberId !== memberId) return respondWith(row('integrity'));
				return jsonAnswer({ response: { ...envelope, count: 1, batch_segment_upload_job: jobStatus(backend.check(job), backend) } }, faults);
			}, ownKnobs),

			// Test connection: the member, read with the session.
			route('get', `${API}/member`, ({ request, faults }) => {
				const refused = gate(request, faults, backend);
				if (refused) return refused;
				const id = numericParam(new URL(request.url), 'id');
				if (id === null) return answer(apiError(400, 'SYNTAX', 'id is required and must be an integer.'));
				return jsonAnswer(
					{
						response: {
							status: 'OK',
							count: 1,
							start_element: 0,
							num_elements: 100,
							member: { id, name: `Sandbox member ${id}`, active: true, state: 'active', default_currency: 'USD' },
							dbg_info: { ...DBG_INFO, output_term: 'member' }
						}
					},
					faults
				);
			}, ownKnobs)
		],
		backend,
		reset: () => backend.reset()
	};
}
