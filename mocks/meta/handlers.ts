import { HttpResponse } from 'msw';
import { jsonAnswer, rejectedIndexes, isSha256Hex } from '../respond';
import type { PartnerMock, PartnerMockKit, RouteInput } from '../route';
import { errorRows, faultRows, graphError } from './errors';

/**
 * Meta's Graph API for Custom Audience users, from Meta's side: POST adds and DELETE removes
 * users of /{version}/{audience_id}/users; the access_token query parameter authenticates.
 */
const GRAPH = 'https://graph.facebook.com';
const MAX_USERS = 10_000;
const SCHEMA_KEYS = new Set(['EXTERN_ID', 'EMAIL', 'EMAIL_SHA256', 'PHONE', 'PHONE_SHA256', 'GEN', 'DOBY', 'DOBM', 'DOBD', 'LN', 'FN', 'FI', 'CT', 'ST', 'ZIP', 'MADID', 'COUNTRY']);
// Everything is hashed except these.
const PLAIN_KEYS = new Set(['EXTERN_ID', 'MADID']);

function fail(status: number, code: number, message: string, subcode?: number): Response {
	const e = graphError(status, code, message, 'OAuthException', subcode);
	return new HttpResponse(e.body, { status: e.status, headers: { 'content-type': e.contentType } });
}

/** Access token checks every Graph call makes. */
function tokenProblem(url: URL): Response | null {
	const token = url.searchParams.get('access_token');
	if (!token) return fail(400, 104, 'An access token is required to request this resource.');
	if (token.length < 20 || /\s/.test(token)) return fail(400, 190, 'Invalid OAuth access token - Cannot parse access token');
	return null;
}

/** A value Meta takes in a column: a string, hashed unless the column is a plain one (empty allowed). */
function validValue(value: unknown, hashed: boolean): boolean {
	return typeof value === 'string' && (!hashed || value === '' || isSha256Hex(value));
}

async function payloadOf(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	const text = await request.text();
	try {
		// The official form also accepts payload= as a form field.
		if (type.includes('application/x-www-form-urlencoded')) return JSON.parse(new URLSearchParams(text).get('payload') ?? '');
		const parsed = JSON.parse(text) as { payload?: unknown };
		return typeof parsed.payload === 'string' ? JSON.parse(parsed.payload) : parsed.payload;
	} catch {
		return undefined;
	}
}

const users = async ({ request, params, faults, acknowledge }: RouteInput) => {
	const url = new URL(request.url);
	const tokenError = tokenProblem(url);
	if (tokenError) return tokenError;
	const audienceId = String(params.audienceId);
	if (!/^\d+$/.test(audienceId)) {
		return fail(400, 100, `Unsupported ${request.method.toLowerCase()} request. Object with ID '${audienceId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 33);
	}
	const payload = (await payloadOf(request)) as { schema?: unknown; data?: unknown } | undefined;
	if (!payload || typeof payload !== 'object') return fail(400, 100, '(#100) The parameter payload is required');
	const schema = typeof payload.schema === 'string' ? [payload.schema] : payload.schema;
	if (!Array.isArray(schema) || schema.length === 0) return fail(400, 100, '(#100) Missing schema field in payload');
	const unknown = schema.find((key) => typeof key !== 'string' || !SCHEMA_KEYS.has(key));
	if (unknown !== undefined) return fail(400, 100, `(#100) Invalid schema field: ${String(unknown)}`);
	const data = payload.data;
	if (!Array.isArray(data) || data.length === 0) return fail(400, 100, '(#100) Missing data field in payload');
	if (data.length > MAX_USERS) return fail(400, 100, `(#100) Too many users in one request: ${data.length}; the limit is ${MAX_USERS}`);

	// Rows that are malformed, unhashed, or chosen by the rejection knob are invalid entries:
	// Meta counts them and samples them, and takes the rest.
	const invalid = new Map<number, string>();
	const hashedColumn = schema.map((key) => !PLAIN_KEYS.has(String(key)));
	// Plain loops: this runs for every row of up to 10,000 per request.
	for (let index = 0; index < data.length; index++) {
		const row: unknown = data[index];
		if (schema.length === 1 && !Array.isArray(row)) {
			if (!validValue(row, hashedColumn[0]!)) invalid.set(index, `${String(schema[0])} is not a SHA-256 hash`);
			continue;
		}
		if (!Array.isArray(row) || row.length !== schema.length) {
			invalid.set(index, 'The number of fields does not match the schema');
			continue;
		}
		for (let i = 0; i < row.length; i++) {
			if (!validValue(row[i], hashedColumn[i]!)) invalid.set(index, `${String(schema[i])} is not a SHA-256 hash`);
		}
	}
	for (const index of rejectedIndexes(data.length, faults)) if (!invalid.has(index)) invalid.set(index, 'No match could be made for this entry');

	const samples: Record<string, string> = {};
	for (const [index, reason] of invalid) {
		const row = data[index] as unknown;
		samples[Array.isArray(row) ? row.map(String).join(',') : String(row)] = reason;
	}
	acknowledge(data.length - invalid.size);
	return jsonAnswer(
		{
			audience_id: audienceId,
			session_id: String(Math.floor(1e15 + faults.random() * 8e15)),
			num_received: data.length,
			num_invalid_entries: invalid.size,
			invalid_entry_samples: samples
		},
		faults
	);
};

/** Meta's mock; it keeps no state between requests. */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return {
		handlers: [
			route('post', `${GRAPH}/:version/:audienceId/users`, users),
			route('delete', `${GRAPH}/:version/:audienceId/users`, users),
			// Test connection: the ad account's basic fields.
			route('get', `${GRAPH}/:version/:adAccountId`, ({ request, params, faults }) => {
				const tokenError = tokenProblem(new URL(request.url));
				if (tokenError) return tokenError;
				const id = String(params.adAccountId);
				if (!/^act_\d+$/.test(id)) return fail(400, 100, `(#100) Unsupported get request. Object with ID '${id}' does not exist`, 33);
				return jsonAnswer({ id, name: 'Sandbox ad account', account_status: 1 }, faults);
			})
		]
	};
}
