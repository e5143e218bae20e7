import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Step
} from '../adapter';
import { parseJson, retryAfterMs, transportFailure, uncodedError } from '../classify';
import { jsonElements } from '../json';

/**
 * Meta Custom Audiences: POST adds and DELETE removes users of /{version}/{audience_id}/users,
 * with hashed e-mail addresses in the payload and the token as the access_token parameter.
 */
const GRAPH = 'https://graph.facebook.com';

interface MetaConfig {
	adAccountId: string;
	accessToken: string;
	apiVersion: string;
}

type State = { kind: 'deliver'; identifiers: readonly string[]; now: number } | { kind: 'probe'; now: number };

// Throttling codes: user, application, ad account and app-level rate limits.
const THROTTLE_CODES = new Set([4, 17, 32, 613, 80003, 80004]);
const AUTH_CODES = new Set([102, 104, 190]);
const RETRY_LATER_MS = 60_000;

export function buildRequest(delivery: Delivery) {
	const config = delivery.config as unknown as MetaConfig;
	const url = `${GRAPH}/${config.apiVersion}/${encodeURIComponent(delivery.settings.audienceId ?? '')}/users?access_token=${encodeURIComponent(config.accessToken)}`;
	return {
		method: delivery.operation === 'add' ? ('POST' as const) : ('DELETE' as const),
		url,
		headers: { 'content-type': 'application/json' },
		// The same text as JSON.stringify({ payload: { schema: ['EMAIL'], data: [[id], ...] } }).
		body: `{"payload":{"schema":["EMAIL"],"data":[${jsonElements(delivery.identifiers, '[', ']')}]}}`,
		secrets: [config.accessToken]
	};
}

/** A Graph API error as the statistics count it. */
export function classifyGraphError(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError {
	const error = (parseJson(reply.body) as { error?: { code?: unknown; message?: unknown; error_subcode?: unknown } } | undefined)?.error;
	if (!error || typeof error.code !== 'number') return uncodedError(reply, now);
	const code = error.code;
	const message = typeof error.message === 'string' ? error.message : `Graph API error ${code}`;
	const codeText = typeof error.error_subcode === 'number' ? `${code}/${error.error_subcode}` : String(code);
	if (AUTH_CODES.has(code)) return deliveryError('invalidCredentials', codeText, message);
	if (THROTTLE_CODES.has(code)) {
		return deliveryError('partnerError', String(code), message, {
			retryable: true,
			retryAfterMs: retryAfterMs(reply.headers, now) ?? RETRY_LATER_MS
		});
	}
	return deliveryError('partnerError', String(code), message, { retryable: code === 1 || code === 2 });
}

function classifyUsers(reply: Extract<Reply, { kind: 'response' }>, identifiers: readonly string[], now: number) {
	if (reply.status !== 200) return outcome.failed(classifyGraphError(reply, now));
	const body = parseJson(reply.body) as
		| { num_received?: unknown; num_invalid_entries?: unknown; invalid_entry_samples?: unknown }
		| undefined;
	if (!body || typeof body.num_received !== 'number') return outcome.failed(uncodedError(reply, now));
	const invalidCount = typeof body.num_invalid_entries === 'number' ? body.num_invalid_entries : 0;
	const samples = (body.invalid_entry_samples ?? {}) as Record<string, unknown>;
	// Meta names invalid entries by value; match them to the batch, then count any beyond the
	// samples against the last unmatched entries, so the totals agree with Meta's.
	const rejected: Array<{ index: number; reason: string }> = [];
	const sampled = Object.keys(samples);
	if (sampled.length > 0) {
		// Usually nothing is invalid: only then is the batch searched, by value.
		const wanted = new Set(sampled);
		identifiers.forEach((identifier, index) => {
			if (wanted.has(identifier)) rejected.push({ index, reason: String(samples[identifier]) });
		});
	}
	if (rejected.length < invalidCount) {
		const taken = new Set(rejected.map((r) => r.index));
		for (let index = identifiers.length - 1; rejected.length < invalidCount && index >= 0; index--) {
			if (!taken.has(index)) rejected.push({ index, reason: 'Counted invalid by Meta (not among its samples)' });
		}
	}
	return outcome.delivered(
		`Meta received ${body.num_received}, ${invalidCount} invalid.`,
		rejected.map(({ index, reason }) => ({ index, error: deliveryError('partnerError', 'invalid_entry', reason) }))
	);
}

export const adapter: PartnerAdapter<State> = {
	begin(delivery: Delivery): Step<State> {
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', identifiers: delivery.identifiers, now: delivery.now }
		};
	},

	probe({ config, now }: Probe): Step<State> {
		const { adAccountId, accessToken, apiVersion } = config as unknown as MetaConfig;
		return {
			kind: 'send',
			purpose: 'test connection',
			request: {
				method: 'GET',
				url: `${GRAPH}/${apiVersion}/${encodeURIComponent(adAccountId)}?fields=id,name,account_status&access_token=${encodeURIComponent(accessToken)}`,
				headers: {},
				body: null,
				secrets: [accessToken]
			},
			state: { kind: 'probe', now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (state.kind === 'probe') {
			if (reply.status !== 200) return { kind: 'finish', outcome: outcome.failed(classifyGraphError(reply, state.now)) };
			const account = parseJson(reply.body) as { name?: unknown } | undefined;
			return {
				kind: 'finish',
				outcome: account?.name
					? outcome.delivered(`Connected to the ad account "${String(account.name)}".`)
					: outcome.failed(uncodedError(reply, state.now))
			};
		}
		return { kind: 'finish', outcome: classifyUsers(reply, state.identifiers, state.now) };
	}
};

