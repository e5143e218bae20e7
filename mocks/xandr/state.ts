/**
 * What Xandr remembers between requests: the sessions it issued and the upload jobs. Each set of
 * mocks has its own, like a server's memory, and `reset()` wipes it (tests, a new run).
 *
 * The mock has no clock, so time is a counter that ticks on each event: a token's "issue time",
 * a job's timestamps. What needs real time is modelled without it:
 * - a session never runs out on its own; the `credentials: 'expired'` knob expires each session
 *   once, on its first use, and the session of the login that follows lasts (so the client's
 *   renewal succeeds, as it would after two real hours);
 * - "use the upload URL within 5 minutes" becomes Xandr's other rule: only the URL most recently
 *   requested for a member is valid, and only once;
 * - a job is processed over successive checks: the first after the upload says "processing",
 *   the next "completed".
 */

export type Phase = 'starting' | 'uploading' | 'validating' | 'processing' | 'completed' | 'error';

export interface TokenRecord {
	username: string;
	issuedAt: number;
	/** Issued right after this connector's session was expired: the knob leaves it alone. */
	renewal: boolean;
	expired: boolean;
}

/** Lines Xandr did not take, by counter, and the log naming them. */
export interface Processing {
	counts: Record<string, number>;
	errorLog: string[];
	/** Users per segment, for segment_log_lines. */
	segments: Map<string, number>;
}

export interface JobRecord {
	id: number;
	jobId: string;
	memberId: number;
	createdAt: number;
	uploadedAt: number | null;
	completedAt: number | null;
	phase: Phase;
	errorCode: string | null;
	polls: number;
	processing: Processing | null;
}

// Jobs and sessions kept; older ones are forgotten so a long sandbox run stays small.
const MAX_KEPT_JOBS = 2_000;
const MAX_KEPT_TOKENS = 1_000;
// A fixed origin for the counter-based timestamps (2026-01-01 00:00:00 UTC).
const EPOCH_S = 1_767_225_600;
const TOKEN_ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const JOB_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic text from a number (an xorshift stream): no Math.random in a mock. */
function scramble(seed: number, length: number, alphabet: string): string {
	let x = (seed * 2654435761 + 0x9e3779b9) >>> 0 || 1;
	let text = '';
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		text += alphabet[x % alphabet.length];
	}
	return text;
}

/** Xandr's server-side state. */
export class XandrBackend {
	#tick = 0;
	#tokens = new Map<string, TokenRecord>();
	#jobs = new Map<string, JobRecord>();
	/** The one job per member whose upload URL is valid. */
	#uploadable = new Map<number, string>();
	/** Connectors whose session was just expired: their next login issues a lasting one. */
	#renewing = new Set<string>();

	reset(): void {
		this.#tick = 0;
		this.#tokens.clear();
		this.#jobs.clear();
		this.#uploadable.clear();
		this.#renewing.clear();
	}

	/** The counter as Xandr's "YYYY-MM-DD HH:MM:SS" (UTC). */
	stamp(tick: number | null): string | null {
		return tick === null ? null : new Date((EPOCH_S + tick) * 1000).toISOString().slice(0, 19).replace('T', ' ');
	}

	issueToken(username: string, connectorId: string): string {
		const issuedAt = ++this.#tick;
		const token = scramble(issuedAt, 26, TOKEN_ALPHABET);
		this.#tokens.set(token, { username, issuedAt, renewal: this.#renewing.delete(connectorId), expired: false });
		if (this.#tokens.size > MAX_KEPT_TOKENS) this.#tokens.delete(this.#tokens.keys().next().value!);
		return token;
	}

	token(token: string): TokenRecord | undefined {
		return this.#tokens.get(token);
	}

	/** Ends a session; the connector's next login gets one the expiry knob leaves alone. */
	expire(token: string, connectorId: string): void {
		const record = this.#tokens.get(token);
		if (record) record.expired = true;
		this.#renewing.add(connectorId);
	}

	/** Jobs uploaded and waiting to be processed, for a member. */
	pending(memberId: number): number {
		let count = 0;
		for (const job of this.#jobs.values()) if (job.memberId === memberId && job.uploadedAt !== null && job.phase !== 'completed' && job.phase !== 'error') count++;
		return count;
	}

	createJob(memberId: number): JobRecord {
		const id = ++this.#tick;
		const job: JobRecord = {
			id,
			jobId: `${scramble(id, 30, JOB_ALPHABET)}${EPOCH_S + id}`,
			memberId,
			createdAt: id,
			uploadedAt: null,
			completedAt: null,
			phase: 'starting',
			errorCode: null,
			polls: 0,
			processing: null
		};
		this.#jobs.set(job.jobId, job);
		// Requesting a URL invalidates the member's previous one: a job never uploaded stays stuck.
		const previous = this.#uploadable.get(memberId);
		if (previous) this.#fail(previous);
		this.#uploadable.set(memberId, job.jobId);
		this.#prune();
		return job;
	}

	job(jobId: string): JobRecord | undefined {
		return this.#jobs.get(jobId);
	}

	jobs(memberId: number): JobRecord[] {
		return [...this.#jobs.values()].filter((job) => job.memberId === memberId);
	}

	/** Takes the upload URL of a job, or says it is not (or no longer) valid. */
	claimUpload(jobId: string): JobRecord | undefined {
		const job = this.#jobs.get(jobId);
		if (!job || this.#uploadable.get(job.memberId) !== jobId) return undefined;
		this.#uploadable.delete(job.memberId);
		job.uploadedAt = ++this.#tick;
		job.phase = 'validating';
		return job;
	}

	/** A file Xandr could not read at all: the job ends in an error. */
	failUpload(job: JobRecord): void {
		job.phase = 'error';
		job.errorCode = 'uploading-error';
		job.completedAt = ++this.#tick;
	}

	process(job: JobRecord, processing: Processing): void {
		job.processing = processing;
	}

	/** One status check: an uploaded job moves on; the answer is its state after that. */
	check(job: JobRecord): JobRecord {
		if (job.uploadedAt === null || job.phase === 'completed' || job.phase === 'error') return job;
		job.polls++;
		if (job.polls === 1) job.phase = 'processing';
		else {
			job.phase = 'completed';
			job.completedAt = ++this.#tick;
		}
		return job;
	}

	#fail(jobId: string): void {
		const job = this.#jobs.get(jobId);
		if (job && job.uploadedAt === null) this.failUpload(job);
	}

	#prune(): void {
		if (this.#jobs.size <= MAX_KEPT_JOBS) return;
		for (const [jobId, job] of this.#jobs) {
			if (this.#jobs.size <= MAX_KEPT_JOBS) break;
			if (job.phase === 'completed' || job.phase === 'error') this.#jobs.delete(jobId);
		}
	}
}
