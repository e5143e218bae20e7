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
import type { MetaConfig } from './config';
import { parseJson, partnerText, retryAfterMs, transportFailure, uncodedError, type Answerer } from '../classify';
import { jsonElements } from '../json';

/**
 * Meta Custom Audiences: POST adds and DELETE removes users of /{version}/{audience_id}/users,
 * with hashed e-mail addresses in the payload and the token as the access_token parameter.
 */
const GRAPH = 'https://graph.facebook.com';

type State = { kind: 'deliver'; identifiers: readonly string[]; now: number } | { kind: 'probe'; now: number };

// Throttling codes: user, application, ad account and app-level rate limits.
const THROTTLE_CODES = new Set([4, 17, 32, 613, 80003, 80004]);
const AUTH_CODES = new Set([102, 104, 190]);
const RETRY_LATER_MS = 60_000;
const META: Answerer = { partner: 'Meta', format: 'JSON' };

export function buildRequest(delivery: Delivery<MetaConfig>) {
	const config = delivery.config;
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
	if (!error || typeof error !== 'object' || !Number.isSafeInteger(error.code)) return uncodedError(reply, now, META, 'Graph API error code');
	const code = error.code as number;
	const message = partnerText(error.message, `Graph API error ${code}`);
	const codeText = Number.isSafeInteger(error.error_subcode) ? `${code}/${error.error_subcode as number}` : String(code);
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
	if (!body || typeof body !== 'object' || !Number.isSafeInteger(body.num_received) || (body.num_received as number) < 0) {
		return outcome.failed(uncodedError(reply, now, META, 'num_received'));
	}
	const received = body.num_received as number;
	const invalidCount = Number.isSafeInteger(body.num_invalid_entries) ? Math.max(0, body.num_invalid_entries as number) : 0;
	const samples =
		body.invalid_entry_samples && typeof body.invalid_entry_samples === 'object' && !Array.isArray(body.invalid_entry_samples)
			? (body.invalid_entry_samples as Record<string, unknown>)
			: {};
	// Meta names invalid entries by value; match them to the batch, then count any beyond the
	// samples against the last unmatched entries, so the totals agree with Meta's.
	const rejected: Array<{ index: number; reason: string }> = [];
	const sampled = Object.keys(samples);
	if (sampled.length > 0) {
		// Usually nothing is invalid: only then is the batch searched, by value.
		const wanted = new Set(sampled);
		// Meta names an invalid value once however often the batch holds it (a profile that left
		// and came back within one batch), and counts each row: a sample rejects one entry, not
		// every entry with that value; any further invalid rows are counted below.
		identifiers.forEach((identifier, index) => {
			if (wanted.delete(identifier)) rejected.push({ index, reason: partnerText(samples[identifier], 'Invalid entry') });
		});
	}
	const taken = new Set(rejected.map((r) => r.index));
	for (let index = identifiers.length - 1; rejected.length < invalidCount && index >= 0; index--) {
		if (!taken.has(index)) {
			taken.add(index);
			rejected.push({ index, reason: 'Counted invalid by Meta (not among its samples)' });
		}
	}
	// Entries Meta says it did not receive were not sent, whatever the status: the body must
	// account for every entry before it counts as sent.
	const missing: number[] = [];
	for (let index = identifiers.length - 1; identifiers.length - missing.length > received && index >= 0; index--) {
		if (!taken.has(index)) missing.push(index);
	}
	const notReceived = deliveryError('otherError', null, `Meta answered HTTP 200 but received ${received} of ${identifiers.length} entries; this one is not among them.`, {
		retryable: true
	});
	return outcome.delivered(
		`Meta received ${received}, ${invalidCount} invalid.`,
		[
			...rejected.map(({ index, reason }) => ({ index, error: deliveryError('partnerError', 'invalid_entry', reason) })),
			...missing.map((index) => ({ index, error: notReceived }))
		].sort((a, b) => a.index - b.index)
	);
}

export const adapter: PartnerAdapter<State, MetaConfig> = {
	begin(delivery: Delivery<MetaConfig>): Step<State> {
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', identifiers: delivery.identifiers, now: delivery.now }
		};
	},

	probe({ config, now }: Probe<MetaConfig>): Step<State> {
		const { adAccountId, accessToken, apiVersion } = config;
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
			const account = parseJson(reply.body) as { name?: unknown } | null | undefined;
			return {
				kind: 'finish',
				outcome:
					typeof account?.name === 'string' && account.name
						? outcome.delivered(`Connected to the ad account "${partnerText(account.name, '')}".`)
						: outcome.failed(uncodedError(reply, state.now, META, 'ad account name'))
			};
		}
		return { kind: 'finish', outcome: classifyUsers(reply, state.identifiers, state.now) };
	}
};

