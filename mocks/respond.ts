import { HttpResponse } from 'msw';
import type { FaultSettings } from './faults';

/**
 * Building blocks the partner mocks share: an error catalogue per partner (every error row of
 * partners.md, answerable on demand) and the fault knobs mapped onto it. Latency is marked by
 * the route wrapper (route.ts) on whatever a route answers.
 */

/** A connector's fault knobs as a route reads them, with its mocks' seeded random source. */
export interface Knobs extends FaultSettings {
	random(): number;
}

/** One error the partner really answers with. */
export interface ErrorRow {
	/** Stable id, used by the "answer with this error" knob. */
	id: string;
	/** What a user picks from: the code and what it means. */
	label: string;
	status: number;
	/** The exact body the partner sends. */
	body: string;
	contentType: string;
	headers?: Record<string, string>;
}

/** Which error row each fault knob answers with, for one partner. */
export interface FaultRows {
	expired: string;
	invalid: string;
	notAllowlisted: string;
	throttled: string;
	outage: string;
}

/** Errors every partner can produce the same way: no code, not the API's shape. */
export const uncodedRows: ErrorRow[] = [
	{ id: 'empty-500', label: 'HTTP 500 with an empty body', status: 500, body: '', contentType: 'text/plain' },
	{
		id: 'html-502',
		label: 'HTTP 502 with an HTML error page (a proxy in front of the API)',
		status: 502,
		contentType: 'text/html; charset=utf-8',
		body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The server returned an invalid or incomplete response.</p></body></html>'
	}
];

/** One error row as the partner sends it. */
export function respondWith(row: ErrorRow): Response {
	return new HttpResponse(row.body || null, { status: row.status, headers: { 'content-type': row.contentType, ...row.headers } });
}

/**
 * The answer the fault knobs force, before the mock looks at the request, or null when the
 * partner behaves. The order is what a real partner checks first: access, then quota, then
 * whether it is up at all.
 */
export function forcedAnswer(faults: FaultSettings, rows: readonly ErrorRow[], map: FaultRows): Response | null {
	const row = (id: string) => {
		const found = rows.find((r) => r.id === id) ?? uncodedRows.find((r) => r.id === id);
		if (!found) throw new Error(`The mock has no error row "${id}".`);
		return found;
	};
	if (faults.answerWith) return respondWith(row(faults.answerWith));
	if (faults.credentials === 'invalid') return respondWith(row(map.invalid));
	if (faults.credentials === 'expired') return respondWith(row(map.expired));
	if (faults.notAllowlisted) return respondWith(row(map.notAllowlisted));
	if (faults.throttled) return respondWith(row(map.throttled));
	if (faults.outage === 'empty500') return respondWith(row('empty-500'));
	if (faults.outage === 'partnerError') return respondWith(row(map.outage));
	if (faults.malformed === 'htmlPage') return respondWith(row('html-502'));
	return null;
}

/** A JSON success, or, with the truncated-JSON knob, the same body cut short. */
export function jsonAnswer(body: unknown, faults: FaultSettings, init: { status?: number; headers?: Record<string, string> } = {}): Response {
	const text = JSON.stringify(body);
	const sent = faults.malformed === 'truncatedJson' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
	return new HttpResponse(sent, { status: init.status ?? 200, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** Indexes of the items a partner rejects one by one, drawn at the knob's rate. */
export function rejectedIndexes(count: number, faults: Knobs): number[] {
	if (faults.rejectionRate <= 0) return [];
	const picked: number[] = [];
	for (let i = 0; i < count; i++) if (faults.random() < faults.rejectionRate) picked.push(i);
	return picked;
}

// 1 for the characters of a lower-case hex digest, by character code.
const LOWER_HEX = new Uint8Array(128);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1;

/**
 * Whether a value is a SHA-256 digest as the partners take it: 64 lower-case hex characters.
 * A table lookup per character: partners check every member of batches of up to 500,000,
 * and in Chromium this is three times faster than /^[0-9a-f]{64}$/.
 */
export function isSha256Hex(value: unknown): value is string {
	if (typeof value !== 'string' || value.length !== 64) return false;
	for (let i = 0; i < 64; i++) if (LOWER_HEX[value.charCodeAt(i)] !== 1) return false;
	return true;
}

/** A request body as JSON, or undefined when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
	try {
		return (await request.json()) as unknown;
	} catch {
		return undefined;
	}
}
