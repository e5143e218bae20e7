import type { ErrorRow, FaultRows } from '../respond';
import { googleFaultRows, googleRows, type GoogleService } from '../google/errors';

/** Campaign Manager 360 (dfareporting) as its errors name it: a Discovery API, with "errors" arrays. */
export const service: GoogleService = {
	name: 'dfareporting.googleapis.com',
	legacyErrors: true,
	notFound: 'the user profile does not exist or belongs to another user',
	quotaMetric: 'Queries',
	quotaLimit: 'Queries per minute per user'
};

/** The codes a single conversion can fail with inside an HTTP 200. */
export type ItemCode = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'INTERNAL';

export interface Conversion {
	floodlightActivityId?: unknown;
	floodlightConfigurationId?: unknown;
	ordinal?: unknown;
	[field: string]: unknown;
}

/**
 * What each item code says about a conversion. *thin*: partners.md gives one example message
 * ("Gclid is not valid."); the others are designed in the same voice for hashed e-mail conversions.
 */
export function itemMessage(code: ItemCode, conversion: Conversion): string {
	switch (code) {
		case 'INVALID_ARGUMENT':
			return 'Hashed email is not valid.';
		case 'NOT_FOUND':
			return `Floodlight activity ${String(conversion.floodlightActivityId ?? '')} not found.`;
		case 'PERMISSION_DENIED':
			return `The user profile does not have access to Floodlight configuration ${String(conversion.floodlightConfigurationId ?? '')}.`;
		case 'INTERNAL':
			return 'Internal error encountered.';
	}
}

/** One conversion's status in a batchinsert response: recorded, or failed with these errors. */
export function conversionStatus(conversion: Conversion, errors: Array<{ code: ItemCode; message: string }> = []) {
	const status: Record<string, unknown> = { conversion };
	if (errors.length) status.errors = errors.map(({ code, message }) => ({ code, message, kind: 'dfareporting#conversionError' }));
	status.kind = 'dfareporting#conversionStatus';
	return status;
}

/** A batchinsert response. */
export function batchInsertResponse(statuses: Array<ReturnType<typeof conversionStatus>>) {
	return {
		hasFailures: statuses.some((s) => 'errors' in s),
		status: statuses,
		kind: 'dfareporting#conversionsBatchInsertResponse'
	};
}

const EXAMPLE: Conversion = {
	floodlightActivityId: '12345678',
	floodlightConfigurationId: '8765432',
	ordinal: 'p0-1795867200000',
	quantity: '1',
	timestampMicros: '1795867200000000',
	value: 0,
	kind: 'dfareporting#conversion',
	userIdentifiers: [{ hashedEmail: '9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e' }]
};

/** Ids of the rows that fail conversions one by one (HTTP 200) rather than the whole request. */
export const ITEM_ROWS: Record<string, ItemCode> = {
	'item-invalid-argument': 'INVALID_ARGUMENT',
	'item-not-found': 'NOT_FOUND',
	'item-permission-denied': 'PERMISSION_DENIED',
	'item-internal': 'INTERNAL'
};

const ITEM_LABELS: Record<ItemCode, string> = {
	INVALID_ARGUMENT: 'the conversion is not valid',
	NOT_FOUND: 'the Floodlight activity does not exist',
	PERMISSION_DENIED: 'no access to the Floodlight configuration',
	INTERNAL: 'internal error for this conversion'
};

export const errorRows: ErrorRow[] = [
	...googleRows(service),
	// Partial failures: HTTP 200 with hasFailures. Answering with one of these fails every
	// conversion of the request with that code (the body here shows one).
	...Object.entries(ITEM_ROWS).map(([id, code]) => ({
		id,
		label: `200 with per-conversion ${code}: ${ITEM_LABELS[code]}`,
		status: 200,
		contentType: 'application/json; charset=UTF-8',
		body: JSON.stringify(batchInsertResponse([conversionStatus(EXAMPLE, [{ code, message: itemMessage(code, EXAMPLE) }])]), null, 2)
	}))
];

export const faultRows: FaultRows = googleFaultRows;
