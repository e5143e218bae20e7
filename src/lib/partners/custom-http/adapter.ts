import { messageOf } from '$lib/domain/message';
import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type DeliveryOutcome,
	type OutgoingRequest,
	type PartnerAdapter,
	type Probe,
	type Recipient,
	type Reply,
	type Step
} from '../adapter';
import { classifyByStatus, excerpt, header, parseJson, retryableStatus, transportFailure, TRUNCATED_HEADER } from '../classify';
import { privateAddressKind, privateAddressLabels } from '../network';
import { authHeader, signatureHeader } from './auth';
import type { CustomHttpConfig } from './config';
import { isPerProfileTemplate, renderTemplate, type TemplateValues } from './template';

/**
 * The Custom HTTP webhook connector: the user's own endpoint, method, headers, authentication
 * and JSON template. A template with {{profiles}} is sent once per batch; one with
 * {{profile.<field>}} placeholders once per profile, in sequence, and the per-profile answers
 * are gathered into one outcome. Any 2xx is success; 401/403 invalid credentials; 429 and 5xx
 * retried (Retry-After honoured); other 4xx Other error; statistics show categories only.
 */

export type { CustomHttpConfig };

type Response = Extract<Reply, { kind: 'response' }>;

type State =
	| { kind: 'batch'; url: string; now: number }
	| {
			kind: 'perProfile';
			delivery: Delivery<CustomHttpConfig>;
			/** The profile whose request was just sent. */
			index: number;
			delivered: number;
			rejected: ReadonlyArray<{ index: number; error: DeliveryError }>;
	  }
	| { kind: 'probe'; url: string; now: number };

type PerProfile = Extract<State, { kind: 'perProfile' }>;

/**
 * Most requests one per-profile batch sends. The exchange runner (src/lib/engine/exchange.ts)
 * gives up after 60 requests (MAX_STEPS, not exported) and would then retry the whole batch,
 * sending the profiles already delivered again; staying at its limit lets the adapter account
 * for every profile instead. Profiles beyond it are reported as not sent, naming the fix.
 */
export const MAX_REQUESTS_PER_BATCH = 60;

/** The fields of a profile that placeholders may name; nothing else of the platform's internals. */
export function profileFields(recipient: Recipient): Record<string, string | null> {
	const { customerId, email, phone, mobileAdId } = recipient.profile;
	return { customerId, email, phone, mobileAdId };
}

/** Placeholder values for a delivery, for the whole batch or for the profile at `index`. */
export function templateValues(delivery: Delivery<CustomHttpConfig>, index?: number): TemplateValues {
	const profiles = delivery.recipients.map(profileFields);
	return {
		operation: delivery.operation,
		profiles,
		profile: index === undefined ? undefined : profiles[index],
		listName: delivery.settings.listName ?? ''
	};
}

/** A query parameter's text: strings as they are, null as empty, anything else as JSON. */
function queryValue(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/**
 * The request for the template filled in with `values`, or why there can be none. POST, PUT,
 * PATCH and DELETE send the rendered text as it is (the bytes the signature covers); GET sends
 * the rendered object's top-level fields as query parameters, replacing a parameter of the same
 * name in the configured URL, and no body.
 */
export function buildRequest(config: CustomHttpConfig, values: TemplateValues): { request: OutgoingRequest } | { problem: string } {
	let rendered: string;
	try {
		rendered = renderTemplate(config.payloadTemplate, values);
	} catch (error) {
		return { problem: messageOf(error) };
	}
	let url = config.url;
	let body: string | null = rendered;
	if (config.method === 'GET') {
		const fields = parseJson(rendered);
		if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
			return { problem: 'With GET the payload template must be a JSON object: its fields become the query parameters.' };
		}
		const target = new URL(config.url);
		for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, queryValue(value));
		url = target.toString();
		body = null;
	}
	const headers: Record<string, string> = {};
	const userHeaders = config.headers ?? [];
	if (body !== null && !userHeaders.some((h) => h.name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
	for (const { name, value } of userHeaders) headers[name] = value;
	const auth = authHeader(config);
	const signature = signatureHeader(config, body);
	Object.assign(headers, auth.headers, signature.headers);
	const secrets = [...new Set([...auth.secrets, ...signature.secrets])].filter((s) => s !== '');
	return { request: { method: config.method, url, headers, body, secrets } };
}

/** " (Loopback address: this machine only)" and the like, for a private or loopback endpoint. */
function targetLabel(url: string): string {
	const kind = privateAddressKind(url);
	return kind ? ` (${privateAddressLabels[kind]})` : '';
}

/** What the endpoint said, from the shapes webhooks commonly answer with, else the body's start. */
export function endpointMessage(reply: Response): string {
	const parsed = parseJson(reply.body);
	const body = parsed as Record<string, unknown> | null | undefined;
	const said = body && typeof body === 'object' ? saidBy(body) : null;
	if (said) return `HTTP ${reply.status} from the endpoint: ${excerpt(said)}`;
	if (!reply.body.trim()) return `HTTP ${reply.status} from the endpoint, with an empty body.`;
	const page = htmlPage(reply, parsed);
	if (page !== null) return `HTTP ${reply.status} from the endpoint, with an HTML page${page ? ` ("${page}")` : ''}.`;
	return `HTTP ${reply.status} from the endpoint: ${excerpt(reply.body)}`;
}

/**
 * The title ('' when it has none) when the body is an HTML page, else null. The body decides,
 * not the content type: JSON labelled text/html is still the endpoint's JSON.
 */
function htmlPage(reply: Response, parsed: unknown): string | null {
	if (parsed !== undefined) return null;
	const head = reply.body.slice(0, 64 * 1024);
	const contentType = header(reply.headers, 'content-type') ?? '';
	if (!/^\s*</.test(head) || !(contentType.includes('html') || /^\s*(?:<!doctype\s+html|<html\b)/i.test(head))) return null;
	return excerpt(/<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1] ?? '', 120);
}

/**
 * Why a 2xx does not prove delivery, or null when it does. Any 2xx is success for a webhook
 * (partners.md), but not an HTML page (a login form or a proxy's page answering for the
 * endpoint), nor a body that itself reports a failure in the shapes webhooks commonly use
 * ({"ok":false}, {"success":false}, {"status":"error"}, {"error":"..."}, {"errors":[...]}):
 * HTTP 200 bodies that carry failures must not count as sent. *thin*
 */
function failureIn2xx(reply: Response): string | null {
	const parsed = parseJson(reply.body);
	const page = htmlPage(reply, parsed);
	if (page !== null) {
		return `HTTP ${reply.status} from the endpoint, but with an HTML page${page ? ` ("${page}")` : ''} instead of its answer: a login page or a proxy in front of the endpoint is the usual cause.`;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
	const body = parsed as Record<string, unknown>;
	const status = typeof body.status === 'string' ? body.status.toLowerCase() : '';
	const failed =
		body.ok === false ||
		body.success === false ||
		['error', 'fail', 'failed', 'failure'].includes(status) ||
		(typeof body.error === 'string' && body.error.trim() !== '') ||
		(body.error !== null && typeof body.error === 'object') ||
		(Array.isArray(body.errors) && body.errors.length > 0);
	if (!failed) return null;
	const said = saidBy(body);
	return `HTTP ${reply.status} from the endpoint, but its body reports a failure${said ? `: ${excerpt(said)}` : ` (${excerpt(reply.body, 200)})`}`;
}

function saidBy(body: Record<string, unknown>): string | null {
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
	const error = body.error as Record<string, unknown> | string | undefined;
	const firstError = Array.isArray(body.errors) ? (body.errors[0] as unknown) : undefined;
	return (
		text(error) ??
		(error && typeof error === 'object' ? text(error.message) : null) ??
		text(body.message) ??
		text(body.detail) ??
		text(body.title) ??
		text(firstError) ??
		(firstError && typeof firstError === 'object' ? text((firstError as Record<string, unknown>).message) : null)
	);
}

function successNote(reply: Response, url: string): string {
	const said = reply.body.trim() ? `: ${excerpt(reply.body, 200)}` : '';
	// The live transport stops reading at its limit; the status alone proves a webhook's delivery.
	const cut = header(reply.headers, TRUNCATED_HEADER) ? ' (a long answer: only its start was read)' : '';
	return `The endpoint${targetLabel(url)} answered HTTP ${reply.status}${said}${cut}`;
}

/** A timeout or unreachable endpoint, naming a private or loopback target as a likely cause. */
function unreachable(reply: Exclude<Reply, { kind: 'response' }>, url: string): DeliveryError {
	const error = transportFailure(reply);
	const kind = privateAddressKind(url);
	if (!kind) return error;
	return { ...error, message: `${error.message} The endpoint is a ${privateAddressLabels[kind].toLowerCase()}; it is reachable only where that network is.` };
}

/** A whole request's answer as the statistics count it. */
export function classifyResponse(reply: Response, url: string, now: number): DeliveryOutcome {
	const ok = reply.status >= 200 && reply.status < 300;
	if (ok) {
		const failure = failureIn2xx(reply);
		// Not retried: the endpoint may have taken part of the batch.
		if (failure) return outcome.failed(deliveryError('otherError', null, failure));
	}
	return classifyByStatus(reply, now, ok ? successNote(reply, url) : endpointMessage(reply));
}

/**
 * Answers about the endpoint rather than the profile: credentials (401/403), throttling and
 * outages (408, 429, 5xx), and a URL, method or media type it does not serve (404, 405, 415:
 * the URL is not templated, so the next profile would get the same). The rest of a per-profile
 * batch is then not sent. Other 4xx (400, 409, 422...) concern the one profile. *thin*
 */
function endpointLevel(status: number): boolean {
	return status === 401 || status === 403 || status === 404 || status === 405 || status === 415 || retryableStatus(status);
}

function failed(message: string): Step<State> {
	return { kind: 'finish', outcome: outcome.failed(deliveryError('otherError', null, message)) };
}

function sendProfile(delivery: Delivery<CustomHttpConfig>, index: number, delivered: number, rejected: PerProfile['rejected']): Step<State> {
	const config = delivery.config;
	const built = buildRequest(config, templateValues(delivery, index));
	if ('problem' in built) return failed(built.problem);
	return { kind: 'send', purpose: 'deliver', request: built.request, state: { kind: 'perProfile', delivery, index, delivered, rejected } };
}

function notSent(error: DeliveryError): DeliveryError {
	return {
		...error,
		message: `Not sent: the endpoint had failed for an earlier profile of this batch, so the rest was held back. ${error.message}`
	};
}

/** The outcome of a per-profile batch once it stops: every profile delivered, rejected or not sent. */
function finishPerProfile(state: PerProfile, stop: DeliveryError | null): Step<State> {
	const { delivery, delivered } = state;
	const total = delivery.recipients.length;
	const rejected = [...state.rejected];
	if (stop) {
		// Nothing reached the endpoint yet: the batch as a whole failed, and may be retried whole.
		if (delivered === 0 && rejected.length === 0) return { kind: 'finish', outcome: outcome.failed(stop) };
		rejected.push({ index: state.index, error: stop });
		for (let i = state.index + 1; i < total; i++) rejected.push({ index: i, error: notSent(stop) });
	} else {
		const capped = deliveryError(
			'otherError',
			null,
			`Not sent: a template with {{profile.…}} placeholders sends one request per profile, and the sandbox sends at most ${MAX_REQUESTS_PER_BATCH} requests per batch. Set the batch size to ${MAX_REQUESTS_PER_BATCH} or fewer, or send the batch in one request with {{profiles}}.`,
			{ retryable: true }
		);
		for (let i = state.index + 1; i < total; i++) rejected.push({ index: i, error: capped });
	}
	const sent = state.index + 1;
	const failedCount = rejected.length;
	const note =
		`Sent ${sent} of ${total} profile${total === 1 ? '' : 's'} one request each to the endpoint${targetLabel(delivery.config.url)}: ` +
		`${delivered} delivered, ${failedCount} not delivered${stop ? `; stopped after: ${stop.message}` : ''}.`;
	return { kind: 'finish', outcome: outcome.delivered(note, rejected) };
}

function advancePerProfile(state: PerProfile, reply: Reply): Step<State> {
	const { delivery } = state;
	const url = delivery.config.url;
	let delivered = state.delivered;
	let rejected = state.rejected;
	if (reply.kind !== 'response') return finishPerProfile(state, unreachable(reply, url));
	const classified = classifyResponse(reply, url, delivery.now);
	if (classified.batchError) {
		if (endpointLevel(reply.status)) return finishPerProfile(state, classified.batchError);
		rejected = [...rejected, { index: state.index, error: classified.batchError }];
	} else {
		delivered++;
	}
	const next = state.index + 1;
	if (next >= delivery.recipients.length || next >= MAX_REQUESTS_PER_BATCH) {
		return finishPerProfile({ ...state, delivered, rejected }, null);
	}
	return sendProfile(delivery, next, delivered, rejected);
}

/**
 * Test connection sends the configured request with no profile in it: {{profiles}} is an empty
 * list, {{profile.…}} placeholders are empty (null, or "" inside quotes), {{operation}} is
 * "add". That checks the URL, CORS, the method, the credentials and the signature as the
 * endpoint sees them, without touching a profile (a HEAD or OPTIONS would check neither
 * credentials nor signature). An endpoint that validates its payload may refuse the empty
 * request with a 4xx other than 401/403/404/405/415: it was reached and did not refuse the
 * credentials, so that counts as connected, with the answer shown. *thin*: partners.md leaves
 * the test request open.
 */
function classifyProbe(reply: Reply, url: string, now: number): DeliveryOutcome {
	if (reply.kind !== 'response') return outcome.failed(unreachable(reply, url));
	const { status } = reply;
	if (status >= 200 && status < 300) {
		const failure = failureIn2xx(reply);
		if (failure) return outcome.failed(deliveryError('otherError', null, failure));
		return outcome.delivered(`Connected to ${url}${targetLabel(url)}: HTTP ${status}.`);
	}
	if (status >= 400 && status < 500 && !endpointLevel(status)) {
		return outcome.delivered(
			`Reached ${url}${targetLabel(url)} and the credentials were not refused; it answered the test request, which carries no profile, with ${endpointMessage(reply)}`
		);
	}
	return classifyByStatus(reply, now, endpointMessage(reply));
}

export const adapter: PartnerAdapter<State, CustomHttpConfig> = {
	batchSize({ batchSize, payloadTemplate }) {
		// Stored configurations from before batchSize existed lack it.
		const configured = typeof batchSize === 'number' && batchSize >= 1 ? batchSize : 100;
		// One request per profile: keep a batch within the requests one delivery may make.
		return typeof payloadTemplate === 'string' && isPerProfileTemplate(payloadTemplate) ? Math.min(configured, MAX_REQUESTS_PER_BATCH) : configured;
	},
	begin(delivery: Delivery<CustomHttpConfig>): Step<State> {
		const config = delivery.config;
		if (delivery.recipients.length === 0) return { kind: 'finish', outcome: outcome.delivered('No profiles in this batch; nothing was sent.') };
		if (isPerProfileTemplate(config.payloadTemplate)) return sendProfile(delivery, 0, 0, []);
		const built = buildRequest(config, templateValues(delivery));
		if ('problem' in built) return failed(built.problem);
		return { kind: 'send', purpose: 'deliver', request: built.request, state: { kind: 'batch', url: config.url, now: delivery.now } };
	},

	probe({ config, now }: Probe<CustomHttpConfig>): Step<State> {
		const built = buildRequest(config, { operation: 'add', profiles: [], listName: '' });
		if ('problem' in built) return failed(built.problem);
		return { kind: 'send', purpose: 'test connection', request: built.request, state: { kind: 'probe', url: config.url, now } };
	},

	advance(state: State, reply: Reply): Step<State> {
		switch (state.kind) {
			case 'probe':
				return { kind: 'finish', outcome: classifyProbe(reply, state.url, state.now) };
			case 'batch':
				return {
					kind: 'finish',
					outcome: reply.kind === 'response' ? classifyResponse(reply, state.url, state.now) : outcome.failed(unreachable(reply, state.url))
				};
			case 'perProfile':
				return advancePerProfile(state, reply);
		}
	}
};
