import { HttpResponse } from 'msw';
import type { ErrorRow, FaultRows } from '../respond';

/**
 * Google's error shape, shared by the DV360 and CM360 mocks:
 * {"error":{"code":401,"message":"...","status":"UNAUTHENTICATED","details":[...]}}. The
 * older Discovery APIs (dfareporting) also carry an "errors" array with a reason per error.
 */

/** The Google API a mock plays, for the parts of an error that name it. */
export interface GoogleService {
	/** e.g. displayvideo.googleapis.com */
	name: string;
	/** Whether errors carry the legacy "errors" array (dfareporting does; displayvideo does not). */
	legacyErrors: boolean;
	/** What a 404 means for this API (an unknown audience, an unknown user profile). */
	notFound: string;
	/** The quota metric and limit that a throttled answer says are exhausted. */
	quotaMetric: string;
	quotaLimit: string;
}

type Body = Pick<ErrorRow, 'status' | 'body' | 'contentType' | 'headers'>;

const LEGACY_REASON: Record<string, string> = {
	INVALID_ARGUMENT: 'invalid',
	UNAUTHENTICATED: 'authError',
	PERMISSION_DENIED: 'forbidden',
	NOT_FOUND: 'notFound',
	ABORTED: 'aborted',
	RESOURCE_EXHAUSTED: 'rateLimitExceeded',
	INTERNAL: 'backendError',
	UNAVAILABLE: 'backendError',
	DEADLINE_EXCEEDED: 'deadlineExceeded'
};

/** A Google error body with its HTTP status. */
export function googleError(
	service: GoogleService,
	code: number,
	status: string,
	message: string,
	options: { details?: unknown[]; headers?: Record<string, string> } = {}
): Body {
	const error: Record<string, unknown> = { code, message };
	if (service.legacyErrors) error.errors = [{ message, domain: 'global', reason: LEGACY_REASON[status] ?? 'invalid' }];
	error.status = status;
	if (options.details) error.details = options.details;
	return { status: code, body: JSON.stringify({ error }, null, 2), contentType: 'application/json; charset=UTF-8', headers: options.headers };
}

/** A google.rpc.ErrorInfo detail, which names the reason (ACCESS_TOKEN_EXPIRED and the like). */
export function errorInfo(service: GoogleService, reason: string, metadata: Record<string, string> = {}) {
	return {
		'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
		reason,
		domain: 'googleapis.com',
		metadata: { service: service.name, ...metadata }
	};
}

const INVALID_CREDENTIALS =
	'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const MISSING_CREDENTIALS =
	'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' };

/** A 401 UNAUTHENTICATED with the reason Google gives (CREDENTIALS_MISSING, ACCESS_TOKEN_EXPIRED...). */
export function unauthenticated(service: GoogleService, reason: string): Body {
	const message = reason === 'CREDENTIALS_MISSING' ? MISSING_CREDENTIALS : INVALID_CREDENTIALS;
	return googleError(service, 401, 'UNAUTHENTICATED', message, {
		details: [errorInfo(service, reason)],
		headers: reason === 'CREDENTIALS_MISSING' ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' } : WWW_AUTHENTICATE
	});
}

/**
 * Every row of the Google status table in partners.md, as this service words it. Messages are
 * Google's canonical ones; where the public record gives none (ABORTED, DEADLINE_EXCEEDED on
 * these two APIs) they are designed in the same voice.
 */
export function googleRows(service: GoogleService): ErrorRow[] {
	return [
		{
			id: 'invalid-argument',
			label: '400 INVALID_ARGUMENT: the request contains an invalid argument',
			...googleError(service, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.')
		},
		{
			id: 'unauthenticated-expired',
			label: '401 UNAUTHENTICATED: the access token expired (ACCESS_TOKEN_EXPIRED)',
			...unauthenticated(service, 'ACCESS_TOKEN_EXPIRED')
		},
		{
			id: 'unauthenticated-invalid',
			label: '401 UNAUTHENTICATED: the access token is not valid (ACCESS_TOKEN_TYPE_UNSUPPORTED)',
			...unauthenticated(service, 'ACCESS_TOKEN_TYPE_UNSUPPORTED')
		},
		{
			id: 'permission-denied',
			label: '403 PERMISSION_DENIED: the caller does not have permission (not allowlisted)',
			...googleError(service, 403, 'PERMISSION_DENIED', 'The caller does not have permission')
		},
		{
			id: 'not-found',
			label: `404 NOT_FOUND: ${service.notFound}`,
			...googleError(service, 404, 'NOT_FOUND', 'Requested entity was not found.')
		},
		{
			id: 'aborted',
			label: '409 ABORTED: a concurrent change aborted the request (retried)',
			...googleError(service, 409, 'ABORTED', 'The operation was aborted because of a concurrent modification of the same resource. Retry the request.')
		},
		{
			id: 'resource-exhausted',
			label: '429 RESOURCE_EXHAUSTED: quota exceeded (retried with backoff)',
			...googleError(
				service,
				429,
				'RESOURCE_EXHAUSTED',
				`Quota exceeded for quota metric '${service.quotaMetric}' and limit '${service.quotaLimit}' of service '${service.name}' for consumer 'project_number:583018342791'.`,
				{
					details: [
						errorInfo(service, 'RATE_LIMIT_EXCEEDED', {
							quota_metric: `${service.name}/${service.quotaMetric.toLowerCase().replace(/\W+/g, '_')}`,
							quota_limit: service.quotaLimit,
							consumer: 'projects/583018342791'
						})
					]
				}
			)
		},
		{
			id: 'internal',
			label: '500 INTERNAL: internal error (retried)',
			...googleError(service, 500, 'INTERNAL', 'Internal error encountered.')
		},
		{
			id: 'unavailable',
			label: '503 UNAVAILABLE: the service is unavailable (retried)',
			...googleError(service, 503, 'UNAVAILABLE', 'The service is currently unavailable.')
		},
		{
			id: 'deadline-exceeded',
			label: '504 DEADLINE_EXCEEDED: the deadline expired (counted as timeout, retried)',
			...googleError(service, 504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.')
		}
	];
}

/** Which row each fault knob answers with; the same for every Google API. */
export const googleFaultRows: FaultRows = {
	expired: 'unauthenticated-expired',
	invalid: 'unauthenticated-invalid',
	notAllowlisted: 'permission-denied',
	throttled: 'resource-exhausted',
	outage: 'unavailable'
};

/** An error body as a response. */
export function answer(body: Body): Response {
	return new HttpResponse(body.body, { status: body.status, headers: { 'content-type': body.contentType, ...body.headers } });
}

/** A google.rpc.BadRequest detail naming the fields that are wrong. */
export function badRequest(violations: Array<{ field: string; description: string }>) {
	return { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations };
}

/** What Google's front end answers for a path no API serves: an HTML page, not the API's JSON. */
export function pageNotFound(path: string): Response {
	const html =
		'<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n' +
		`  <p><b>404.</b> <ins>That’s an error.</ins>\n  <p>The requested URL <code>${path.replace(/[<>&]/g, '')}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`;
	return new HttpResponse(html, { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' } });
}

/**
 * Bearer token checks every Google API makes: present, a Bearer scheme, a token that looks like
 * one. Any such token is accepted (the fault knobs decide whether it has expired).
 */
export function bearerProblem(request: Request, service: GoogleService): Response | null {
	const value = request.headers.get('authorization');
	if (!value) return answer(unauthenticated(service, 'CREDENTIALS_MISSING'));
	const match = /^Bearer (\S+)$/.exec(value);
	if (!match?.[1] || match[1].length < 20) return answer(unauthenticated(service, 'ACCESS_TOKEN_TYPE_UNSUPPORTED'));
	return null;
}

/** The body as JSON, or Google's answer to a body that is not. */
export async function jsonRequest(request: Request, service: GoogleService): Promise<{ body: unknown } | { error: Response }> {
	const text = await request.text();
	try {
		return { body: JSON.parse(text) as unknown };
	} catch {
		const at = text.slice(0, 40);
		return { error: answer(googleError(service, 400, 'INVALID_ARGUMENT', `Invalid JSON payload received. Unexpected token.\n${at}\n^`)) };
	}
}

/** Google's answer to a path parameter that is not an int64. */
export function invalidInt64(service: GoogleService, field: string, value: string): Response {
	return answer(googleError(service, 400, 'INVALID_ARGUMENT', `Invalid value at '${field}' (TYPE_INT64), "${value}"`));
}

/** The captured parts of a request's URL (query left out), or empty strings when it does not match. */
export function pathParts(pattern: RegExp, url: string, count: number): string[] {
	const match = pattern.exec(url.split('?')[0] ?? '');
	return Array.from({ length: count }, (_, i) => match?.[i + 1] ?? '');
}

/**
 * A route's front door on a Google host (its `before`): a path whose captured parts the API does
 * not serve gets the front end's HTML 404 page, before any knob applies.
 */
export function servedPaths(pattern: RegExp, count: number, served: (parts: string[]) => boolean) {
	return ({ request }: { request: Request }): Response | null =>
		served(pathParts(pattern, request.url, count)) ? null : pageNotFound(new URL(request.url).pathname);
}
