import { HttpResponse } from 'msw';
import { jsonAnswer, rejectedIndexes, type Knobs } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import { errorRows, faultRows, WEBHOOK_JSON, webhookError } from './errors';

/**
 * A webhook endpoint of the user's own, as the Custom HTTP connector's mock: it answers any
 * path on example.com and its subdomains (the hosts of the configuration's placeholder and of
 * the demo workspace, such as https://hooks.example.com/audiences and
 * https://crm.example.com/hooks/activation). It cannot know the configured authentication or
 * signing secret, so it accepts any well-formed credential and checks only the form of the
 * signature; it checks that a body is JSON, and answers 200 {"received":N}.
 */
const ENDPOINT = /^https?:\/\/(?:[a-z0-9-]+\.)*example\.com(?::\d+)?(?:\/.*)?$/i;
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;
// *thin*: a common default request size limit of web frameworks.
const MAX_BODY_BYTES = 1_000_000;

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
	return new HttpResponse(webhookError(message), { status, headers: { 'content-type': WEBHOOK_JSON, ...headers } });
}

/** A credential or signature that is present but not well-formed; absent ones pass. */
function credentialProblem(request: Request): Response | null {
	const authorization = request.headers.get('authorization');
	if (authorization !== null) {
		const [scheme = '', credentials = '', ...rest] = authorization.trim().split(/\s+/);
		let wellFormed = credentials !== '' && rest.length === 0;
		if (wellFormed && scheme.toLowerCase() === 'basic') {
			try {
				wellFormed = /^[A-Za-z0-9+/]+={0,2}$/.test(credentials) && atob(credentials).includes(':');
			} catch {
				wellFormed = false;
			}
		}
		if (!wellFormed) {
			return refuse(401, 'Unauthorized: malformed Authorization header', { 'www-authenticate': 'Bearer realm="hooks"' });
		}
	}
	const signature = request.headers.get('x-signature');
	if (signature !== null && !SIGNATURE.test(signature)) {
		return refuse(401, 'Invalid signature: expected X-Signature: sha256=<64 hexadecimal characters>');
	}
	return null;
}

/**
 * How many profiles a payload carries, whatever the user's template: an array's length, else
 * the first array among an object's fields (the batch), else one (a single profile). *thin*
 */
export function profileCount(payload: unknown): number {
	if (Array.isArray(payload)) return payload.length;
	if (payload && typeof payload === 'object') {
		const values = Object.values(payload as Record<string, unknown>);
		const list = values.find((v): v is unknown[] => Array.isArray(v));
		return list ? list.length : 1;
	}
	return 1;
}

/** A GET's query parameters: a parameter holding a JSON array is the batch. */
function queryCount(url: URL): number {
	for (const value of url.searchParams.values()) {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (Array.isArray(parsed)) return parsed.length;
		} catch {
			// Not JSON: a plain field.
		}
	}
	return url.searchParams.size > 0 ? 1 : 0;
}

async function receive(request: Request, faults: Knobs): Promise<Response> {
	const credentialError = credentialProblem(request);
	if (credentialError) return credentialError;

	let count: number;
	if (request.method === 'GET' || request.method === 'HEAD') {
		count = queryCount(new URL(request.url));
	} else {
		const text = await request.text();
		const contentType = request.headers.get('content-type') ?? '';
		if (!text.trim()) return refuse(400, 'Bad Request: the request has no body');
		if (!contentType.toLowerCase().includes('json')) return refuse(415, 'Unsupported Media Type: send application/json');
		if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) return refuse(413, 'Payload Too Large: the request body exceeds 1 MB');
		let payload: unknown;
		try {
			payload = JSON.parse(text) as unknown;
		} catch {
			return refuse(400, 'Bad Request: the body is not valid JSON');
		}
		count = profileCount(payload);
	}
	// A webhook has no per-item answer inside a 2xx: the rejection knob refuses whole requests
	// at its rate, which with a per-profile template is one profile each.
	if (rejectedIndexes(1, faults).length > 0) return refuse(422, 'Unprocessable Entity: the endpoint rejected this payload');
	return jsonAnswer({ received: count }, faults, { headers: { 'content-type': WEBHOOK_JSON } });
}

/** The webhook endpoint's mock; it keeps no state between requests. */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return { handlers: [route('all', ENDPOINT, ({ request, faults }) => receive(request, faults))] };
}
