import type { FaultSettings } from '../faults';
import { jsonAnswer, isSha256Hex } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import { answer, badRequest, bearerProblem, googleError, invalidInt64, jsonRequest, pageNotFound, pathParts, servedPaths } from '../google/errors';
import { CONSENT_DENIED_MESSAGE, errorRows, faultRows, service } from './errors';

/**
 * Display & Video 360 from Google's side: editCustomerMatchMembers on a contact-information
 * Customer Match audience (v4 firstPartyAndPartnerAudiences, v3 firstAndThirdPartyAudiences),
 * and advertisers.get, which Test connection reads. OAuth bearer token on every call.
 * *thin*: Google's parser messages (unknown names, oneofs, int64 values) follow its public
 * wording; the descriptions of field violations (missing advertiser, too many members, a bad
 * hash) are not in the public record and are designed in the same voice.
 */
const HOST = 'https://displayvideo.googleapis.com';
const EDIT = /^https:\/\/displayvideo\.googleapis\.com\/(v\d+)\/(\w+)\/([^/]+):editCustomerMatchMembers$/;
const ADVERTISER = /^https:\/\/displayvideo\.googleapis\.com\/(v\d+)\/advertisers\/([^/]+)$/;
const RESOURCE: Record<string, string> = { v4: 'firstPartyAndPartnerAudiences', v3: 'firstAndThirdPartyAudiences' };
const ID_FIELD: Record<string, string> = { v4: 'first_party_and_partner_audience_id', v3: 'first_and_third_party_audience_id' };
const MAX_MEMBERS = 500_000;
const INT64 = /^\d{1,19}$/;

const REQUEST_FIELDS = ['advertiserId', 'addedContactInfoList', 'addedMobileDeviceIdList', 'removedContactInfoList', 'removedMobileDeviceIdList'];
const LIST_FIELDS = ['contactInfos', 'consent'];
const CONTACT_INFO_FIELDS = ['hashedEmails', 'hashedPhoneNumbers', 'zipCodes', 'hashedFirstName', 'hashedLastName', 'countryCode'];
const CONSENT_STATUSES = ['CONSENT_STATUS_UNSPECIFIED', 'CONSENT_STATUS_GRANTED', 'CONSENT_STATUS_DENIED'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const NONE: readonly unknown[] = [];
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function invalid(message: string, violations?: Array<{ field: string; description: string }>): Response {
	return answer(googleError(service, 400, 'INVALID_ARGUMENT', message, violations ? { details: [badRequest(violations)] } : {}));
}

/** Google's JSON parser refuses names the message does not have. */
function unknownName(value: Json, known: readonly string[], at: string): Response | null {
	const unknown = unknownKey(value, known);
	return unknown === undefined ? null : unknownNameError(unknown, at);
}

// A for-in loop: this runs once per member of a list of up to 500,000, so no key arrays.
function unknownKey(value: Json, known: readonly string[]): string | undefined {
	for (const key in value) if (!known.includes(key)) return key;
	return undefined;
}

function unknownNameError(unknown: string, at: string): Response {
	const where = at ? ` at '${at}'` : '';
	return invalid(`Invalid JSON payload received. Unknown name "${unknown}"${where}: Cannot find field.`);
}

/**
 * Whether the rejection knob refuses this member. The identifier is a SHA-256, so its first bits
 * are uniform: members are picked at the knob's rate, and the same member is picked every time.
 * That stability matters because DV360 refuses the whole request over bad members, and the
 * sender is expected to leave them out and send the rest again (which must then pass).
 */
function pickedByKnob(hashedEmail: string, faults: FaultSettings): boolean {
	return faults.rejectionRate > 0 && parseInt(hashedEmail.slice(0, 8), 16) / 2 ** 32 < faults.rejectionRate;
}

const memberPath = (list: string, i: number) => `${list}.contactInfos[${i}]`;

/** Index of the first value that is not a SHA-256 hex digest, or -1. */
function firstUnhashed(values: readonly unknown[]): number {
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (!isSha256Hex(value)) return i;
	}
	return -1;
}

/** Everything wrong with one list of members, or the response refusing it. */
function checkList(name: string, list: unknown, faults: FaultSettings): Response | Array<{ field: string; description: string }> {
	if (name.endsWith('MobileDeviceIdList')) {
		// *thin*: the sandbox's Customer Match audiences are contact-information audiences.
		return invalid('Mobile device IDs cannot be added to or removed from a CUSTOMER_MATCH_CONTACT_INFO audience.');
	}
	if (!isObject(list)) return invalid(`Invalid value at '${snake(name)}', expected an object.`);
	const unknown = unknownName(list, LIST_FIELDS, snake(name));
	if (unknown) return unknown;
	const consent = list.consent;
	if (consent !== undefined) {
		if (!isObject(consent)) return invalid(`Invalid value at '${snake(name)}.consent', expected an object.`);
		for (const key of ['adUserData', 'adPersonalization']) {
			const value = consent[key];
			if (value !== undefined && !CONSENT_STATUSES.includes(String(value))) {
				return invalid(`Invalid value at '${snake(name)}.consent.${snake(key)}' (TYPE_ENUM), "${String(value)}"`);
			}
			if (value === 'CONSENT_STATUS_DENIED') {
				return invalid(CONSENT_DENIED_MESSAGE, [{ field: `${name}.consent.${key}`, description: CONSENT_DENIED_MESSAGE }]);
			}
		}
	}
	const infos = list.contactInfos;
	if (!Array.isArray(infos) || infos.length === 0) {
		return invalid('Request contains an invalid argument.', [{ field: `${name}.contactInfos`, description: 'At least one contact info is required.' }]);
	}
	if (infos.length > MAX_MEMBERS) {
		return invalid(`Request contains an invalid argument.`, [
			{ field: `${name}.contactInfos`, description: `Too many members: ${infos.length}. At most ${MAX_MEMBERS} members can be edited in one request.` }
		]);
	}
	// The happy path allocates nothing per member: paths and messages are built only for a fault.
	const violations: Array<{ field: string; description: string }> = [];
	const snakeName = snake(name);
	for (let i = 0; i < infos.length; i++) {
		const info: unknown = infos[i];
		if (!isObject(info)) return invalid(`Invalid value at '${snakeName}.contact_infos[${i}]', expected an object.`);
		const unknownField = unknownKey(info, CONTACT_INFO_FIELDS);
		if (unknownField !== undefined) return unknownNameError(unknownField, `${snakeName}.contact_infos[${i}]`);
		const emails = info.hashedEmails ?? NONE;
		const phones = info.hashedPhoneNumbers ?? NONE;
		if (!Array.isArray(emails) || !Array.isArray(phones)) return invalid(`Invalid value at '${snakeName}.contact_infos[${i}]', expected lists of strings.`);
		const address = info.zipCodes !== undefined || info.hashedFirstName !== undefined || info.hashedLastName !== undefined || info.countryCode !== undefined;
		if (emails.length === 0 && phones.length === 0 && !address) {
			violations.push({ field: memberPath(name, i), description: 'A contact info needs a hashed e-mail address, a hashed phone number or an address.' });
			continue;
		}
		const badEmail = firstUnhashed(emails);
		const badPhone = firstUnhashed(phones);
		if (badEmail >= 0) violations.push({ field: `${memberPath(name, i)}.hashedEmails[${badEmail}]`, description: 'Invalid hashed e-mail: expected a SHA-256 hash as 64 lower-case hexadecimal characters.' });
		else if (badPhone >= 0) violations.push({ field: `${memberPath(name, i)}.hashedPhoneNumbers[${badPhone}]`, description: 'Invalid hashed phone number: expected a SHA-256 hash as 64 lower-case hexadecimal characters.' });
		else if (typeof emails[0] === 'string' && pickedByKnob(emails[0], faults)) {
			violations.push({ field: `${memberPath(name, i)}.hashedEmails[0]`, description: 'The hashed e-mail address cannot be used for this Customer Match audience.' });
		}
	}
	return violations;
}

async function editMembers(request: Request, version: string, audienceId: string, faults: FaultSettings): Promise<Response> {
	const tokenError = bearerProblem(request, service);
	if (tokenError) return tokenError;
	if (!INT64.test(audienceId)) return invalidInt64(service, ID_FIELD[version] ?? 'id', decodeURIComponent(audienceId));
	const parsed = await jsonRequest(request, service);
	if ('error' in parsed) return parsed.error;
	const body = parsed.body;
	if (!isObject(body)) return invalid('Invalid JSON payload received. Expected an object.');
	const unknown = unknownName(body, REQUEST_FIELDS, '');
	if (unknown) return unknown;
	if (body.advertiserId === undefined || body.advertiserId === '') {
		return invalid('Request contains an invalid argument.', [{ field: 'advertiserId', description: 'Required field is not set.' }]);
	}
	if (!INT64.test(String(body.advertiserId))) return invalidInt64(service, 'advertiser_id', String(body.advertiserId));
	// Oneof fields: at most one "added" and one "removed" list.
	for (const [oneof, names] of [
		['added_members', ['addedContactInfoList', 'addedMobileDeviceIdList']],
		['removed_members', ['removedContactInfoList', 'removedMobileDeviceIdList']]
	] as const) {
		const set = names.filter((n) => body[n] !== undefined);
		if (set.length > 1) return invalid(`Invalid JSON payload received. Oneof field '${oneof}' is already set. Cannot set '${set[1]}'`);
	}
	const lists = REQUEST_FIELDS.slice(1).filter((n) => body[n] !== undefined);
	if (lists.length === 0) {
		return invalid('Request contains an invalid argument.', [{ field: 'addedContactInfoList', description: 'At least one of the added or removed members must be set.' }]);
	}
	const violations: Array<{ field: string; description: string }> = [];
	for (const name of lists) {
		const checked = checkList(name, body[name], faults);
		if (checked instanceof Response) return checked;
		violations.push(...checked);
	}
	if (violations.length) return invalid('Request contains an invalid argument.', violations);
	// v4 answers with the new resource's name, v3 with the old one.
	const id = version === 'v4' ? { firstPartyAndPartnerAudienceId: audienceId } : { firstAndThirdPartyAudienceId: audienceId };
	return jsonAnswer(id, faults);
}

/** Display & Video 360's mock; it keeps no state between requests. */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return {
		handlers: [
			route(
				'post',
				EDIT,
				async ({ request, faults }) => {
					const [version = '', , audienceId = ''] = pathParts(EDIT, request.url, 3);
					return editMembers(request, version, audienceId, faults);
				},
				// Each version serves only its own resource name; anything else is Google's 404 page.
				{ before: servedPaths(EDIT, 2, ([version = '', resource]) => RESOURCE[version] === resource) }
			),

			// Test connection: the advertiser's basic fields.
			route(
				'get',
				ADVERTISER,
				({ request, faults }) => {
					const [, advertiserId = ''] = pathParts(ADVERTISER, request.url, 2);
					const tokenError = bearerProblem(request, service);
					if (tokenError) return tokenError;
					if (!INT64.test(advertiserId)) return invalidInt64(service, 'advertiser_id', decodeURIComponent(advertiserId));
					return jsonAnswer(
						{
							name: `advertisers/${advertiserId}`,
							advertiserId,
							partnerId: '2034567',
							displayName: 'Sandbox advertiser',
							entityStatus: 'ENTITY_STATUS_ACTIVE',
							updateTime: '2026-11-02T09:14:27.114Z',
							generalConfig: { domainUrl: 'https://www.example.com', timeZone: 'Europe/Amsterdam', currencyCode: 'EUR' }
						},
						faults
					);
				},
				{ before: servedPaths(ADVERTISER, 1, ([version = '']) => Boolean(RESOURCE[version])) }
			),

			// Any other path on the host: Google's front end answers with its HTML 404 page.
			route('all', new RegExp(`^${HOST.replace(/\./g, '\\.')}/.*`), ({ request }) => pageNotFound(new URL(request.url).pathname), { forced: false })
		]
	};
}
