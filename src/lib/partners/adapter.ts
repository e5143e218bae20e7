import type { Profile } from '$lib/domain/profile';

/**
 * The contract between the dispatch engine and a partner adapter. An adapter is pure: it
 * turns a delivery into requests and replies into outcomes, as a small state machine, so
 * multi-step partners (Xandr: log in, create a job, upload, poll) fit the same shape as
 * single-request ones, and every step can be tested without a network.
 */

export type Operation = 'add' | 'remove';

/** One profile in a batch, with the identifier the partner reads already resolved. */
export interface Recipient {
	profileId: string;
	/** Normalised, and hashed where the partner needs it. */
	identifier: string;
	/** The profile itself, for partners whose payload is user-defined (Custom HTTP). */
	profile: Profile;
}

/** The configuration every partner's adapter can be handed before its own type is known. */
export type AnyConfig = Record<string, unknown>;

/**
 * A batch of add or remove messages for one connector and one use (audience or journey step).
 * `C` is the partner's configuration, `z.infer` of its config schema.
 */
export interface Delivery<C = AnyConfig> {
	connectorId: string;
	operation: Operation;
	/**
	 * Each recipient's identifier, in recipient order. Most partners read nothing else, and
	 * this column saves building an object per profile for batches of up to 500,000.
	 */
	identifiers: readonly string[];
	recipients: readonly Recipient[];
	/** The connector's configuration, as its partner's config schema parsed it. */
	config: C;
	/** Per-use settings: the partner-side audience, segment or list ID and the like. */
	settings: Record<string, string>;
	/** The sandbox clock, epoch milliseconds. */
	now: number;
}

/** A request as the partner's API receives it. */
export interface OutgoingRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body: string | null;
	/**
	 * Values that must never be shown in clear (tokens, keys, an Authorization header's value),
	 * masked wherever the request is logged.
	 */
	secrets: string[];
}

/** What came back: a response, nothing in time, or a failure to reach the partner at all. */
export type Reply =
	| { kind: 'response'; status: number; headers: Record<string, string>; body: string; latencyMs: number }
	| { kind: 'timeout'; latencyMs: number }
	| { kind: 'network'; message: string; latencyMs: number };

export type ErrorCategory = 'otherError' | 'invalidCredentials' | 'timeout' | 'partnerError';

/** Why a profile, or a whole batch, was not delivered. */
export interface DeliveryError {
	category: ErrorCategory;
	/** The partner's own code (for the six partners that report them), else null. */
	code: string | null;
	/** The partner's message, or ours naming the cause. Never holds a secret. */
	message: string;
	/** Whether sending again may succeed. */
	retryable: boolean;
	/** How long to wait before retrying, when the partner said (Retry-After) or we know. */
	retryAfterMs: number | null;
}

export interface DeliveryOutcome {
	/** Set when the whole batch failed; every recipient then ends with this error. */
	batchError: DeliveryError | null;
	/** Recipients (by index in the delivery) the partner rejected inside a success. */
	rejected: ReadonlyArray<{ index: number; error: DeliveryError }>;
	/** The partner's own summary, for the delivery log. */
	note: string;
}

/** A short-lived credential the partner issued (Xandr's session token). */
export interface Session {
	token: string;
	expiresAt: number;
}

/** Why a request is made, shown in the delivery log. */
export type StepPurpose = 'deliver' | 'login' | 'create job' | 'upload' | 'poll' | 'test connection';

export type Step<S> =
	| {
			kind: 'send';
			request: OutgoingRequest;
			purpose: StepPurpose;
			state: S;
			/** Wait this long on the sandbox clock first (polling a job). */
			delayMs?: number;
	  }
	| {
			kind: 'finish';
			outcome: DeliveryOutcome;
			/** The session to keep for the next delivery; null forgets it; undefined leaves it. */
			session?: Session | null;
	  };

/** What Test connection needs: the connector's configuration and, for sessions, what is cached. */
export interface Probe<C = AnyConfig> {
	config: C;
	now: number;
}

/**
 * `S` is the adapter's own step state; `C` its configuration (`z.infer` of its config schema:
 * the connector's configuration was parsed by that schema when it was stored).
 */
export interface PartnerAdapter<S = unknown, C = AnyConfig> {
	/** The first step of a delivery. */
	begin(delivery: Delivery<C>, session: Session | null): Step<S>;
	/** The next step, given the reply to the last request. */
	advance(state: S, reply: Reply): Step<S>;
	/** The first step of a light request that checks credentials and access, sending no profile. */
	probe(probe: Probe<C>, session: Session | null): Step<S>;
	/**
	 * The most profiles one delivery may carry with this configuration, when it is less than
	 * the partner's limit (a Custom HTTP template that sends one request per profile).
	 */
	batchSize?(config: C): number;
}

/** Helpers for outcomes shared by every adapter. */
export const outcome = {
	delivered(note: string, rejected: DeliveryOutcome['rejected'] = []): DeliveryOutcome {
		return { batchError: null, rejected, note };
	},
	failed(error: DeliveryError): DeliveryOutcome {
		return { batchError: error, rejected: [], note: error.message };
	}
};

/** An error that ends the batch, with the retry rule most partners share. */
export function deliveryError(
	category: ErrorCategory,
	code: string | null,
	message: string,
	retry: { retryable: boolean; retryAfterMs?: number | null } = { retryable: false }
): DeliveryError {
	return { category, code, message, retryable: retry.retryable, retryAfterMs: retry.retryAfterMs ?? null };
}
