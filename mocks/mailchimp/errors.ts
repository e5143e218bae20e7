import type { ErrorRow, FaultRows } from '../respond';

/**
 * Mailchimp Marketing API errors: problem+json (RFC 7807) with type, title, status, detail and
 * instance, plus an `errors` array of field problems on a 400 "Invalid Resource". Titles and
 * details are Mailchimp's own where they are on the public record (its error glossary and
 * answers quoted in public issue trackers); *thin* where marked.
 */
export const ERROR_TYPE = 'https://mailchimp.com/developer/marketing/docs/errors/';
export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export interface Problem {
	title: string;
	status: number;
	detail: string;
	errors?: Array<{ field: string; message: string }>;
}

/** A problem+json body as Mailchimp sends it; `instance` is the id Mailchimp support asks for. */
export function problemBody(problem: Problem, instance: string): string {
	const { title, status, detail, errors } = problem;
	return JSON.stringify({ type: ERROR_TYPE, title, status, detail, instance, ...(errors ? { errors } : {}) });
}

function row(id: string, label: string, problem: Problem, instance: string, headers?: Record<string, string>): ErrorRow {
	return { id, label, status: problem.status, body: problemBody(problem, instance), contentType: PROBLEM_JSON, ...(headers ? { headers } : {}) };
}

export const API_KEY_INVALID: Problem = {
	title: 'API Key Invalid',
	status: 401,
	detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter."
};
export const API_KEY_MISSING: Problem = { title: 'API Key Missing', status: 401, detail: 'Your request did not include an API key.' };
export const RESOURCE_NOT_FOUND: Problem = { title: 'Resource Not Found', status: 404, detail: 'The requested resource could not be found.' };
export const JSON_PARSE_ERROR: Problem = { title: 'JSON Parse Error', status: 400, detail: 'We encountered an unspecified JSON parsing error.' };
export const INVALID_RESOURCE_DETAIL = "The resource submitted could not be validated. For field-specific details, see the 'errors' array.";

/** A 400 "Invalid Resource" naming the fields that failed Mailchimp's schema. */
export function invalidResource(errors: Array<{ field: string; message: string }>): Problem {
	return { title: 'Invalid Resource', status: 400, detail: INVALID_RESOURCE_DETAIL, errors };
}

export const errorRows: ErrorRow[] = [
	row('api-key-invalid', '401 API Key Invalid: wrong, revoked or other-datacenter key', API_KEY_INVALID, '9c6d4b4e-2f4c-4a8e-b7a1-6a3f0d2c1e01'),
	row('api-key-missing', '401 API Key Missing: no Authorization header', API_KEY_MISSING, '0f1e2d3c-4b5a-4697-8887-a6b5c4d3e2f1'),
	// *thin*: the glossary names 403 Forbidden; the detail is designed.
	row(
		'forbidden',
		'403 Forbidden: platform not allowlisted, or the account lacks access',
		{ title: 'Forbidden', status: 403, detail: 'You do not have permission to access this resource. The account may lack access, or this integration is not allowlisted.' },
		'3b2a1908-7f6e-4d5c-9b4a-39281706f5e4'
	),
	row(
		'user-disabled',
		'403 User Disabled: the Mailchimp account is disabled',
		{ title: 'User Disabled', status: 403, detail: 'This account has been disabled.' },
		'5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716'
	),
	row('resource-not-found', '404 Resource Not Found: unknown audience (list) ID', RESOURCE_NOT_FOUND, '26a6a23e-91b4-475c-883b-97d1032a811b'),
	row('json-parse-error', '400 JSON Parse Error: the body is not JSON', JSON_PARSE_ERROR, '7a6b5c4d-3e2f-4109-8a7b-6c5d4e3f2a10'),
	// *thin*: Mailchimp's schema message for an over-long members array is designed.
	row(
		'invalid-resource-too-many',
		'400 Invalid Resource: more than 500 members in one call',
		invalidResource([{ field: 'members', message: 'Schema describes array with at most 500 items, 501 items found instead.' }]),
		'8b7c6d5e-4f3a-4b21-9c8d-7e6f5a4b3c21'
	),
	row(
		'invalid-resource-status',
		'400 Invalid Resource: a member status that is not accepted',
		invalidResource([
			{
				field: 'members.0.status',
				message: 'Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional.'
			}
		]),
		'9c8d7e6f-5a4b-4c32-8d9e-8f7a6b5c4d32'
	),
	// Ten simultaneous connections per key; Mailchimp sends no Retry-After.
	row(
		'too-many-requests',
		'429 Too Many Requests: over 10 simultaneous connections for the key',
		{ title: 'Too Many Requests', status: 429, detail: 'You have exceeded the limit of 10 simultaneous connections.' },
		'ad9e8f7a-6b5c-4d43-9eaf-9a8b7c6d5e43'
	),
	row(
		'internal-server-error',
		'500 Internal Server Error',
		{ title: 'Internal Server Error', status: 500, detail: 'An unexpected internal error has occurred. Please contact Support for more information.' },
		'beaf9a8b-7c6d-4e54-8fb0-ab9c8d7e6f54'
	)
];

export const faultRows: FaultRows = {
	// Mailchimp keys do not expire; a revoked key answers as an invalid one.
	expired: 'api-key-invalid',
	invalid: 'api-key-invalid',
	notAllowlisted: 'forbidden',
	throttled: 'too-many-requests',
	outage: 'internal-server-error'
};
