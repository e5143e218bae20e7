import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type DeliveryOutcome,
	type Operation,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Session,
	type Step
} from '../adapter';
import { excerpt, transportFailure } from '../classify';
import { classifyXandrError, errorIdOf } from './errors';
import { completedOutcome, createdJobOf, jobStatusOf, memberOf, tokenOf, uploadAccepted, type Job } from './job';
import {
	createJobRequest,
	isXandrUploadUrl,
	loginRequest,
	memberRequest,
	pollRequest,
	uploadRequest
} from './requests';
import type { XandrConfig } from './config';
import { segmentFile, type FileLines } from './segment-file';

/**
 * Xandr's Batch Segment Service as a state machine: log in when there is no valid session,
 * open an upload job, upload the segment file, then poll the job until Xandr has processed it.
 * An expired session (NOAUTH_EXPIRED, or NOAUTH: "not logged in") is renewed once per delivery
 * and the step retried; only a login that fails is invalid credentials.
 */

/** Xandr keeps a session for two hours. */
export const SESSION_MS = 2 * 60 * 60 * 1000;
/** Waits before each check of the job: Xandr takes seconds for small files, minutes for big ones. */
export const POLL_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 60_000] as const;
// Xandr's SLA allows a day, but a sandbox batch cannot wait that long: after this many checks
// (about 27 minutes) the batch fails and is sent again, as a new job.
export const MAX_POLLS = 30;
// Checks that fail in a row (timeouts, 5xx) before the job is given up; one failed check does
// not lose a job Xandr may well be processing.
const MAX_POLL_FAILURES = 3;

interface Batch {
	operation: Operation;
	segmentId: string;
	file: string;
	lines: FileLines;
	unwritable: DeliveryOutcome['rejected'];
}

interface Context {
	config: XandrConfig;
	/** The sandbox clock: the delivery's start plus what was waited and what Xandr took. */
	now: number;
	token: string | null;
	/** What the engine keeps afterwards: undefined leaves its session, null forgets it. */
	session: Session | null | undefined;
	/** Whether the session was already renewed once in this delivery. */
	relogged: boolean;
	/** Null for Test connection. */
	batch: Batch | null;
}

interface Polling {
	job: Job;
	/** Checks made so far. */
	polls: number;
	/** Checks that failed in a row. */
	failures: number;
}

/** The step a login leads to. */
type Resume = { step: 'createJob' } | ({ step: 'poll' } & Polling) | { step: 'member' };

type State =
	| { step: 'login'; ctx: Context; resume: Resume }
	| { step: 'createJob'; ctx: Context }
	| { step: 'upload'; ctx: Context; job: Job }
	| ({ step: 'poll'; ctx: Context } & Polling)
	| { step: 'member'; ctx: Context };

type ResponseReply = Extract<Reply, { kind: 'response' }>;

function finish(ctx: Context, result: DeliveryOutcome): Step<State> {
	return { kind: 'finish', outcome: result, session: ctx.session };
}

function fail(ctx: Context, error: DeliveryError): Step<State> {
	return finish(ctx, outcome.failed(error));
}

function login(ctx: Context, resume: Resume): Step<State> {
	return { kind: 'send', purpose: 'login', request: loginRequest(ctx.config), state: { step: 'login', ctx, resume } };
}

function createJob(ctx: Context & { token: string }): Step<State> {
	return { kind: 'send', purpose: 'create job', request: createJobRequest(ctx.config, ctx.token), state: { step: 'createJob', ctx } };
}

function poll(ctx: Context, polling: Polling, delayMs: number): Step<State> {
	return {
		kind: 'send',
		purpose: 'poll',
		request: pollRequest(ctx.config, ctx.token ?? '', polling.job.jobId),
		delayMs,
		state: { step: 'poll', ctx: { ...ctx, now: ctx.now + delayMs }, ...polling }
	};
}

function member(ctx: Context & { token: string }): Step<State> {
	return { kind: 'send', purpose: 'test connection', request: memberRequest(ctx.config, ctx.token), state: { step: 'member', ctx } };
}

/** The wait before check number `polls + 1`. */
function pollDelay(polls: number): number {
	return POLL_DELAYS_MS[Math.min(polls, POLL_DELAYS_MS.length - 1)]!;
}

/**
 * A session Xandr no longer accepts: log in again and retry the step, once per delivery. NOAUTH
 * on a call made with a token means "not logged in" (Xandr advises logging in on it), so it is
 * renewed too; a second refusal counts as invalid credentials.
 */
function renewSession(ctx: Context, reply: ResponseReply, resume: Resume): Step<State> | null {
	const id = errorIdOf(reply);
	if (id !== 'NOAUTH_EXPIRED' && id !== 'NOAUTH') return null;
	if (ctx.relogged) return fail({ ...ctx, session: null }, classifyXandrError(reply, ctx.now));
	return login({ ...ctx, token: null, session: null, relogged: true }, resume);
}

function afterLogin(ctx: Context, resume: Resume, reply: Reply): Step<State> {
	if (reply.kind !== 'response') return fail(ctx, transportFailure(reply));
	const token = tokenOf(reply);
	if (!token) {
		const error = classifyXandrError(reply, ctx.now);
		return fail({ ...ctx, session: error.category === 'invalidCredentials' ? null : ctx.session }, error);
	}
	const next = { ...ctx, token, session: { token, expiresAt: ctx.now + SESSION_MS } };
	if (resume.step === 'createJob') return createJob(next);
	if (resume.step === 'member') return member(next);
	return poll(next, resume, 0);
}

function afterCreateJob(ctx: Context, reply: Reply): Step<State> {
	if (reply.kind !== 'response') return fail(ctx, transportFailure(reply));
	const renewal = renewSession(ctx, reply, { step: 'createJob' });
	if (renewal) return renewal;
	const job = createdJobOf(reply);
	if (!job) return fail(ctx, classifyXandrError(reply, ctx.now));
	if (!isXandrUploadUrl(job.uploadUrl)) {
		return fail(
			ctx,
			deliveryError('otherError', null, `Xandr's upload URL "${excerpt(job.uploadUrl, 120)}" is not on a Xandr host; the file was not sent.`)
		);
	}
	// Upload at once: the URL is valid for 5 minutes, and only the member's latest URL is.
	return { kind: 'send', purpose: 'upload', request: uploadRequest(job.uploadUrl, ctx.batch!.file), state: { step: 'upload', ctx, job } };
}

function afterUpload(ctx: Context, job: Job, reply: Reply): Step<State> {
	if (reply.kind !== 'response') return fail(ctx, transportFailure(reply));
	if (!uploadAccepted(reply)) return fail(ctx, classifyXandrError(reply, ctx.now));
	return poll(ctx, { job, polls: 0, failures: 0 }, pollDelay(0));
}

/** A check that failed: check again, unless the job has had its chances. */
function pollAgain(ctx: Context, polling: Polling, error: DeliveryError): Step<State> {
	const failures = polling.failures + 1;
	if (!error.retryable || failures >= MAX_POLL_FAILURES || polling.polls >= MAX_POLLS) return fail(ctx, error);
	return poll(ctx, { ...polling, failures }, Math.max(pollDelay(polling.polls), error.retryAfterMs ?? 0));
}

function afterPoll(ctx: Context, { job, polls, failures }: Polling, reply: Reply): Step<State> {
	const polling: Polling = { job, polls: polls + 1, failures };
	if (reply.kind !== 'response') return pollAgain(ctx, polling, transportFailure(reply));
	const renewal = renewSession(ctx, reply, { step: 'poll', ...polling });
	if (renewal) return renewal;
	const status = jobStatusOf(reply);
	if (!status) return pollAgain(ctx, polling, classifyXandrError(reply, ctx.now));
	const batch = ctx.batch!;
	if (status.phase === 'completed') {
		return finish(ctx, completedOutcome(job, status, batch.lines, batch.unwritable, batch.operation, batch.segmentId));
	}
	if (status.phase === 'error') {
		// A job error is on Xandr's side (a bad line is counted, not fatal): sending again may work.
		const code = status.errorCode ?? 'error';
		return fail(ctx, deliveryError('partnerError', code, `Xandr could not process job ${job.jobId}: ${code}.`, { retryable: true }));
	}
	if (polling.polls >= MAX_POLLS) {
		const waited = Math.round(Array.from({ length: MAX_POLLS }, (_, i) => pollDelay(i)).reduce((a, b) => a + b, 0) / 60_000);
		return fail(
			ctx,
			deliveryError(
				'otherError',
				null,
				`Xandr had not finished job ${job.jobId} after ${MAX_POLLS} checks over about ${waited} minutes (phase "${status.phase}"); the batch will be sent again.`,
				{ retryable: true }
			)
		);
	}
	return poll(ctx, { ...polling, failures: 0 }, pollDelay(polling.polls));
}

function afterMember(ctx: Context, reply: Reply): Step<State> {
	if (reply.kind !== 'response') return fail(ctx, transportFailure(reply));
	const renewal = renewSession(ctx, reply, { step: 'member' });
	if (renewal) return renewal;
	const found = memberOf(reply);
	if (!found) return fail(ctx, classifyXandrError(reply, ctx.now));
	const name = found.name ? `"${found.name}" (${found.id})` : found.id;
	return finish(ctx, outcome.delivered(`Connected to member ${name} as ${ctx.config.username}.`));
}

export const adapter: PartnerAdapter<State, XandrConfig> = {
	begin(delivery: Delivery<XandrConfig>, session: Session | null): Step<State> {
		const segmentId = (delivery.settings.segmentId ?? '').trim();
		if (!/^\d+$/.test(segmentId)) {
			return {
				kind: 'finish',
				outcome: outcome.failed(
					deliveryError('otherError', null, `"${segmentId}" is not a Xandr segment ID (digits only); nothing was sent.`)
				)
			};
		}
		const { text, lines, unwritable } = segmentFile(delivery, segmentId);
		if (lines.recipients.length === 0) return { kind: 'finish', outcome: outcome.delivered('No profile to upload; nothing was sent.', unwritable) };
		const valid = session !== null && session.expiresAt > delivery.now;
		const ctx: Context = {
			config: delivery.config,
			now: delivery.now,
			token: valid ? session.token : null,
			// An expired session is forgotten whatever happens next.
			session: session && !valid ? null : undefined,
			relogged: false,
			batch: { operation: delivery.operation, segmentId, file: text, lines, unwritable }
		};
		return ctx.token ? createJob({ ...ctx, token: ctx.token }) : login(ctx, { step: 'createJob' });
	},

	// Always a fresh login: Test connection is there to check the user name and password, which
	// a cached session would not prove.
	probe({ config, now }: Probe<XandrConfig>): Step<State> {
		const ctx: Context = { config, now, token: null, session: undefined, relogged: false, batch: null };
		return login(ctx, { step: 'member' });
	},

	advance(state: State, reply: Reply): Step<State> {
		const ctx = { ...state.ctx, now: state.ctx.now + reply.latencyMs };
		switch (state.step) {
			case 'login':
				return afterLogin(ctx, state.resume, reply);
			case 'createJob':
				return afterCreateJob(ctx, reply);
			case 'upload':
				return afterUpload(ctx, state.job, reply);
			case 'poll':
				return afterPoll(ctx, state, reply);
			case 'member':
				return afterMember(ctx, reply);
		}
	}
};
