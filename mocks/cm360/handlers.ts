import { NO_FAULTS, type FaultSettings } from '../faults';
import { jsonAnswer, rejectedIndexes, isSha256Hex, type Knobs } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import { answer, bearerProblem, googleError, invalidInt64, jsonRequest, pageNotFound, pathParts, servedPaths } from '../google/errors';
import {
	batchInsertResponse,
	conversionStatus,
	errorRows,
	faultRows,
	ITEM_ROWS,
	itemMessage,
	service,
	type Conversion,
	type ItemCode
} from './errors';

/**
 * Campaign Manager 360 from Google's side: conversions.batchinsert, which checks each conversion
 * on its own and reports failures one by one inside an HTTP 200, and userProfiles.get, which Test
 * connection reads. OAuth bearer token on every call.
 * *thin*: which checks fail the request and which fail one conversion, and the wording of
 * most messages, are designed: partners.md documents the shapes and codes, not every message.
 */
const HOST = 'https://dfareporting.googleapis.com';
const BATCH_INSERT = /^https:\/\/dfareporting\.googleapis\.com\/dfareporting\/(v\d+)\/userprofiles\/([^/]+)\/conversions\/batchinsert$/;
const USER_PROFILE = /^https:\/\/dfareporting\.googleapis\.com\/dfareporting\/(v\d+)\/userprofiles\/([^/]+)$/;
const VERSIONS = new Set(['v4', 'v5']);
const MAX_CONVERSIONS = 1_000;
const INT64 = /^\d{1,19}$/;
const MAX_AGE_MICROS = 28 * 24 * 3600 * 1_000_000;
// Each conversion carries exactly one of these.
const IDENTIFIERS = ['gclid', 'dclid', 'encryptedUserId', 'encryptedUserIdCandidates', 'matchId', 'mobileDeviceId', 'impressionId', 'userIdentifiers'];
// The rejection knob spreads its rejections over every code a conversion can fail with.
const KNOB_CODES: ItemCode[] = ['INVALID_ARGUMENT', 'NOT_FOUND', 'PERMISSION_DENIED', 'INTERNAL'];

/** Only the versions CM360 serves; any other is Google's 404 page. */
const knownVersion = (pattern: RegExp) => servedPaths(pattern, 1, ([version = '']) => VERSIONS.has(version));

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string): Response {
	return answer(googleError(service, 400, 'INVALID_ARGUMENT', message));
}

/**
 * The moment "28 days old" is measured from. The mock has no clock of the sandbox: it trusts a
 * Date header when the sender gives one, and otherwise the newest conversion of the batch
 * (browsers may not set Date, so the sandbox's adapter never does).
 */
function referenceMicros(request: Request, conversions: readonly unknown[]): number {
	const date = Date.parse(request.headers.get('date') ?? '');
	if (!Number.isNaN(date)) return date * 1000;
	let newest = 0;
	for (const c of conversions) {
		const micros = isObject(c) && typeof c.timestampMicros === 'string' && INT64.test(c.timestampMicros) ? Number(c.timestampMicros) : 0;
		newest = Math.max(newest, micros);
	}
	return newest;
}

/** What is wrong with one conversion, as CM360 words it, or null when it can be recorded. */
function conversionProblem(conversion: unknown, referenceMicros: number): string | null {
	if (!isObject(conversion)) return 'The conversion is not an object.';
	if (!INT64.test(String(conversion.floodlightConfigurationId ?? ''))) return 'Floodlight configuration ID is required and must be a number.';
	if (!INT64.test(String(conversion.floodlightActivityId ?? ''))) return 'Floodlight activity ID is required and must be a number.';
	if (typeof conversion.ordinal !== 'string' || !conversion.ordinal) return 'Ordinal is required.';
	const timestamp = conversion.timestampMicros;
	if (typeof timestamp !== 'string' || !INT64.test(timestamp)) return 'Timestamp is required, in microseconds since the epoch.';
	if (referenceMicros - Number(timestamp) > MAX_AGE_MICROS) return 'The conversion timestamp is more than 28 days in the past.';
	const present = IDENTIFIERS.filter((key) => conversion[key] !== undefined && conversion[key] !== '');
	if (present.length !== 1) return `Exactly one of ${IDENTIFIERS.join(', ')} must be set; found ${present.length}.`;
	if (present[0] === 'userIdentifiers') {
		const ids = conversion.userIdentifiers;
		if (!Array.isArray(ids) || ids.length === 0) return 'User identifiers must not be empty.';
		for (const id of ids) {
			if (!isObject(id)) return 'A user identifier is not an object.';
			const kinds = ['hashedEmail', 'hashedPhoneNumber', 'addressInfo'].filter((k) => id[k] !== undefined);
			if (kinds.length !== 1) return 'Each user identifier sets exactly one of hashedEmail, hashedPhoneNumber or addressInfo.';
			if (kinds[0] === 'hashedEmail' && !isSha256Hex(id.hashedEmail)) return 'Hashed email is not valid.';
			if (kinds[0] === 'hashedPhoneNumber' && !isSha256Hex(id.hashedPhoneNumber)) {
				return 'Hashed phone number is not valid.';
			}
		}
	}
	return null;
}

/** A per-conversion row of "answer with", which fails conversions one by one rather than the request. */
const itemCodeOf = (faults: FaultSettings): ItemCode | undefined => (faults.answerWith ? ITEM_ROWS[faults.answerWith] : undefined);

/** The knobs that refuse a request other than batchinsert: all but a per-conversion row. */
const requestKnobs = (faults: FaultSettings): FaultSettings => (itemCodeOf(faults) ? { ...faults, answerWith: null } : faults);

async function batchInsert(request: Request, profileId: string, faults: Knobs): Promise<Response> {
	// "Answer with" a per-conversion row fails every conversion with its code; the request must
	// still get that far (authenticated and well-formed).
	const itemCode = itemCodeOf(faults);
	const tokenError = bearerProblem(request, service);
	if (tokenError) return tokenError;
	if (!INT64.test(profileId)) return invalidInt64(service, 'profileId', decodeURIComponent(profileId));
	const parsed = await jsonRequest(request, service);
	if ('error' in parsed) return parsed.error;
	const body = parsed.body;
	if (!isObject(body)) return invalid('Invalid JSON payload received. Expected an object.');
	const conversions = body.conversions;
	if (!Array.isArray(conversions) || conversions.length === 0) return invalid('conversions: at least one conversion is required.');
	if (conversions.length > MAX_CONVERSIONS) {
		return invalid(`Too many conversions: ${conversions.length}. At most ${MAX_CONVERSIONS} conversions can be inserted in one request.`);
	}
	if (conversions.some((c) => isObject(c) && c.encryptedUserId !== undefined) && body.encryptionInfo === undefined) {
		return invalid('encryptionInfo is required when conversions use encryptedUserId.');
	}

	const reference = referenceMicros(request, conversions);
	const knob = new Map(rejectedIndexes(conversions.length, faults).map((index, n) => [index, KNOB_CODES[n % KNOB_CODES.length]]));
	const statuses = conversions.map((raw: unknown, index) => {
		const conversion: Conversion = isObject(raw) ? raw : {};
		const problem = conversionProblem(raw, reference);
		const code: ItemCode | undefined = problem ? 'INVALID_ARGUMENT' : (itemCode ?? knob.get(index));
		if (!code) return conversionStatus(conversion);
		return conversionStatus(conversion, [{ code, message: problem ?? itemMessage(code, conversion) }]);
	});
	return jsonAnswer(batchInsertResponse(statuses), faults);
}

/** Campaign Manager 360's mock; it keeps no state between requests. */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return {
		handlers: [
			route(
				'post',
				BATCH_INSERT,
				({ request, faults }) => batchInsert(request, pathParts(BATCH_INSERT, request.url, 2)[1]!, faults),
				// A per-conversion row is answered inside a 200: no knob refuses the request then.
				{ before: knownVersion(BATCH_INSERT), forced: (faults) => (itemCodeOf(faults) ? NO_FAULTS : faults) }
			),

			// Test connection: the user profile.
			route(
				'get',
				USER_PROFILE,
				({ request, faults }) => {
					const [, profileId = ''] = pathParts(USER_PROFILE, request.url, 2);
					const tokenError = bearerProblem(request, service);
					if (tokenError) return tokenError;
					if (!INT64.test(profileId)) return invalidInt64(service, 'profileId', decodeURIComponent(profileId));
					return jsonAnswer(
						{
							kind: 'dfareporting#userProfile',
							etag: '"f3c4b0a2d9e1c7b5a3f1e9d7c5b3a1f9e7d5c3b1"',
							profileId,
							userName: 'sandbox.user@example.com',
							accountId: '817263',
							accountName: 'Sandbox account'
						},
						faults
					);
				},
				// Per-conversion rows concern batchinsert; reading the profile goes through.
				{ before: knownVersion(USER_PROFILE), forced: requestKnobs }
			),

			// Any other path on the host: Google's front end answers with its HTML 404 page.
			route('all', new RegExp(`^${HOST.replace(/\./g, '\\.')}/.*`), ({ request }) => pageNotFound(new URL(request.url).pathname), { forced: false })
		]
	};
}
