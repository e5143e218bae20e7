import { deliveryError, outcome, type Delivery, type DeliveryError, type DeliveryOutcome, type OutgoingRequest, type PartnerAdapter, type Probe, type Reply, type Step } from '../adapter';
import type { MailchimpConfig } from './config';
import { classifyByStatus, parseJson, partnerText, transportFailure, uncodedError, type Answerer } from '../classify';
import { apiKeyProblem, datacenterOf } from './config';

/**
 * Mailchimp audiences: "batch subscribe or unsubscribe" (POST /3.0/lists/{list_id}) subscribes
 * added profiles and sets removed ones to unsubscribed, by e-mail address, up to 500 members a
 * call, with update_existing so members already in the audience change status. Basic
 * authentication with any user name and the API key, on the datacenter the key names.
 * Mailchimp reports categories only: per-member errors inside a 200 and request errors (problem+json)
 * carry no code the statistics show.
 */

const MAILCHIMP: Answerer = { partner: 'Mailchimp', format: 'JSON' };

type Response = Extract<Reply, { kind: 'response' }>;

type State = { kind: 'deliver'; emails: readonly string[]; operation: Delivery['operation']; now: number } | { kind: 'probe'; datacenter: string; now: number };

// Mailchimp's documentation uses "anystring": the user name is not checked.
const USER_NAME = 'anystring';

/** The API root of the key's datacenter, e.g. https://us21.api.mailchimp.com/3.0. */
function apiRoot(datacenter: string): string {
	return `https://${datacenter}.api.mailchimp.com/3.0`;
}

/** The Basic Authorization header for the key, and the secrets it puts in a request. */
function basicAuth(apiKey: string): { authorization: string; secrets: string[] } {
	// The key is hexadecimal, a hyphen and the datacenter: ASCII, so btoa is enough.
	const credentials = btoa(`${USER_NAME}:${apiKey}`);
	const authorization = `Basic ${credentials}`;
	return { authorization, secrets: [apiKey, credentials, authorization] };
}

/** The batch subscribe or unsubscribe request for a delivery, or why there can be none. */
export function buildRequest(delivery: Delivery<MailchimpConfig>): { request: OutgoingRequest } | { problem: string } {
	const { apiKey } = delivery.config;
	const datacenter = datacenterOf(apiKey ?? '');
	if (!datacenter) return { problem: apiKeyProblem(apiKey ?? '') ?? 'The API key names no datacenter.' };
	const { authorization, secrets } = basicAuth(apiKey.trim());
	const status = delivery.operation === 'add' ? 'subscribed' : 'unsubscribed';
	return {
		request: {
			method: 'POST',
			url: `${apiRoot(datacenter)}/lists/${encodeURIComponent(delivery.settings.listId ?? '')}`,
			headers: { authorization, 'content-type': 'application/json' },
			body: JSON.stringify({
				members: delivery.identifiers.map((identifier) => ({ email_address: identifier, status })),
				update_existing: true
			}),
			secrets
		}
	};
}

interface Problem {
	title?: unknown;
	status?: unknown;
	detail?: unknown;
	errors?: Array<{ field?: unknown; message?: unknown }>;
}

/** The title, detail and field errors of a problem+json body, as one message. */
function problemMessage(problem: Problem): string {
	const title = partnerText(problem.title, 'Mailchimp error', 200);
	const detail = typeof problem.detail === 'string' && problem.detail ? `: ${partnerText(problem.detail, '', 500)}` : '';
	// A few field errors say enough; a hostile answer could list millions.
	const fields = Array.isArray(problem.errors)
		? problem.errors
				.filter((e) => e && typeof e === 'object' && typeof e.message === 'string')
				.slice(0, 10)
				.map((e) => {
					const message = partnerText(e.message, '', 200);
					return typeof e.field === 'string' && e.field ? `${partnerText(e.field, '', 100)}: ${message}` : message;
				})
		: [];
	return `${title}${detail}${fields.length ? ` (${fields.join('; ')})` : ''}`;
}

// A disabled account can no longer use any key, as Xandr's NOAUTH_DISABLED: invalid credentials.
const CREDENTIAL_TITLES = new Set(['User Disabled']);

/**
 * A request-level error as the statistics count it. 401 is invalid credentials. A 403
 * "Forbidden" (the platform not allowlisted, or the account lacks access to the resource) comes
 * after Mailchimp accepted the key, so it is Other error with Mailchimp's message, not invalid
 * credentials; a 403 "User Disabled" is invalid credentials. *thin*: partners.md names the 403
 * but not its class; this is the choice. 429 and 5xx are retried, Retry-After honoured;
 * other 4xx are not. A body that is not problem+json is Other error (uncodedError).
 */
export function classifyProblem(reply: Response, now: number): DeliveryOutcome {
	const problem = parseJson(reply.body) as Problem | null | undefined;
	if (!problem || typeof problem !== 'object' || typeof problem.title !== 'string') return outcome.failed(uncodedError(reply, now, MAILCHIMP, 'problem title'));
	const message = problemMessage(problem);
	if (reply.status === 403) {
		return outcome.failed(deliveryError(CREDENTIAL_TITLES.has(problem.title) ? 'invalidCredentials' : 'otherError', null, message));
	}
	return classifyByStatus(reply, now, message);
}

interface BatchResult {
	total_created?: unknown;
	total_updated?: unknown;
	error_count?: unknown;
	errors?: Array<{ email_address?: unknown; error?: unknown; error_code?: unknown }>;
}

/**
 * A 200 of batch subscribe: members Mailchimp refused are listed in `errors` by address; they
 * are matched to the batch (an address twice in the batch takes one error each), and any errors
 * counted beyond those matched go to the last unmatched members, so the totals agree with
 * Mailchimp's error_count. Each is Other error with Mailchimp's own message; the rest count as
 * delivered.
 */
function classifyBatch(reply: Response, state: Extract<State, { kind: 'deliver' }>): DeliveryOutcome {
	const body = parseJson(reply.body) as BatchResult | null | undefined;
	// Batch subscribe always reports its totals; without them nothing says who was subscribed.
	const counted = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
	if (
		!body ||
		typeof body !== 'object' ||
		(!Array.isArray(body.errors) && !counted(body.error_count)) ||
		(!counted(body.total_created) && !counted(body.total_updated))
	) {
		return outcome.failed(uncodedError(reply, state.now, MAILCHIMP, 'total_created, total_updated and errors'));
	}
	const errors = Array.isArray(body.errors) ? body.errors : [];
	const positions = new Map<string, number[]>();
	state.emails.forEach((email, index) => {
		const key = email.toLowerCase();
		const list = positions.get(key) ?? [];
		list.push(index);
		positions.set(key, list);
	});
	const rejected: Array<{ index: number; error: DeliveryError }> = [];
	const taken = new Set<number>();
	const unmatched: string[] = [];
	for (const item of errors) {
		const message = partnerText(item?.error, 'Refused by Mailchimp (no reason given).');
		const index = typeof item?.email_address === 'string' ? positions.get(item.email_address.toLowerCase())?.shift() : undefined;
		if (index === undefined) {
			unmatched.push(message);
			continue;
		}
		taken.add(index);
		rejected.push({ index, error: deliveryError('otherError', null, message) });
	}
	const errorCount = counted(body.error_count) ? Math.max(body.error_count as number, errors.length) : errors.length;
	for (let index = state.emails.length - 1; rejected.length < errorCount && index >= 0; index--) {
		if (taken.has(index)) continue;
		taken.add(index);
		const message = unmatched.shift() ?? 'Counted as an error by Mailchimp (not listed among its errors).';
		rejected.push({ index, error: deliveryError('otherError', null, message) });
	}
	rejected.sort((a, b) => a.index - b.index);
	const created = counted(body.total_created) ? (body.total_created as number) : 0;
	const updated = counted(body.total_updated) ? (body.total_updated as number) : 0;
	const verb = state.operation === 'add' ? 'subscribed' : 'unsubscribed';
	return outcome.delivered(
		`Mailchimp ${verb} ${created + updated} (${created} new, ${updated} existing), ${rejected.length} error${rejected.length === 1 ? '' : 's'}.`,
		rejected
	);
}

function refuse(problem: string): Step<State> {
	return { kind: 'finish', outcome: outcome.failed(deliveryError('invalidCredentials', null, problem)) };
}

export const adapter: PartnerAdapter<State, MailchimpConfig> = {
	begin(delivery: Delivery<MailchimpConfig>): Step<State> {
		const built = buildRequest(delivery);
		// A key without its datacenter cannot be sent anywhere; the configuration form prevents it.
		if ('problem' in built) return refuse(built.problem);
		return {
			kind: 'send',
			purpose: 'deliver',
			request: built.request,
			state: { kind: 'deliver', emails: delivery.identifiers, operation: delivery.operation, now: delivery.now }
		};
	},

	/** Test connection: GET /3.0/ping, which checks the key on its datacenter and touches no audience. */
	probe({ config, now }: Probe<MailchimpConfig>): Step<State> {
		const { apiKey } = config;
		const datacenter = datacenterOf(apiKey ?? '');
		if (!datacenter) return refuse(apiKeyProblem(apiKey ?? '') ?? 'The API key names no datacenter.');
		const { authorization, secrets } = basicAuth(apiKey.trim());
		return {
			kind: 'send',
			purpose: 'test connection',
			request: { method: 'GET', url: `${apiRoot(datacenter)}/ping`, headers: { authorization }, body: null, secrets },
			state: { kind: 'probe', datacenter, now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (reply.status !== 200) return { kind: 'finish', outcome: classifyProblem(reply, state.now) };
		if (state.kind === 'deliver') return { kind: 'finish', outcome: classifyBatch(reply, state) };
		const ping = parseJson(reply.body) as { health_status?: unknown } | null | undefined;
		return {
			kind: 'finish',
			outcome:
				typeof ping?.health_status === 'string'
					? outcome.delivered(`Connected to Mailchimp (datacenter ${state.datacenter}): ${partnerText(ping.health_status, '')}`)
					: outcome.failed(uncodedError(reply, state.now, MAILCHIMP, 'health_status'))
		};
	}
};
