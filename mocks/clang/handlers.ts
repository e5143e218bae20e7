import { HttpResponse } from 'msw';
import type { FaultSettings } from '../faults';
import { rejectedIndexes } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import { ENDPOINT, errorRows, escapeXml, faultRows, INVALID_UUID, SIZE_MESSAGE, soapAnswer, soapFault } from './errors';

/**
 * Clang's SOAP endpoint from Clang's side. *thin*: the batch operations
 * (group_addMembersByExternalIds, group_removeMembersByExternalIds) are our design for the
 * batch connector, answering one MemberResult per customer; group_getAll is the light call
 * Test connection makes. Every call needs a uuid in UUID form.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const MAX_CUSTOMERS = 50;
const BATCH_OPERATIONS = new Set(['group_addMembersByExternalIds', 'group_removeMembersByExternalIds']);
const ENCODING_VIOLATION = 'SOAP-ERROR: Encoding: Violation of encoding rules';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (value: string) =>
	value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, named?: string) =>
		dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[named!] ?? whole)
	);

/** The inner XML of the first element of this local name, whatever its prefix. */
function inner(xml: string, name: string): string | undefined {
	return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml)?.[1];
}

function fault(code: string, message: string): Response {
	const f = soapFault(code, message);
	return new HttpResponse(f.body, { status: f.status, headers: { 'content-type': f.contentType } });
}

function answer(operation: string, msg: string, faults: FaultSettings): Response {
	const body = soapAnswer(operation, msg);
	// "Truncated JSON" stands for any answer cut short; Clang's are XML.
	const sent = faults.malformed === 'truncatedJson' ? body.slice(0, Math.floor(body.length / 2)) : body;
	return new HttpResponse(sent, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
}

const GROUPS = [
	{ id: '4021', name: 'Newsletter' },
	{ id: '4022', name: 'Welcome journey' },
	{ id: '4023', name: 'VIP customers' }
];

/** What a SOAP 1.1 server refuses before it looks at the operation. */
function envelopeProblem(request: Request, body: string): { response: Response } | { operation: string; args: string } {
	if (body.includes(SOAP12)) return { response: fault('SOAP-ENV:VersionMismatch', 'Wrong Version') };
	const contentType = request.headers.get('content-type') ?? '';
	if (!contentType.startsWith('text/xml')) return { response: fault('SOAP-ENV:Client', `Bad Request: a SOAP 1.1 request is text/xml, not "${contentType}"`) };
	const soapBody = inner(body, 'Body');
	if (!body.includes(SOAP11) || !inner(body, 'Envelope') || soapBody === undefined) return { response: fault('SOAP-ENV:Client', 'Bad Request') };
	const call = /^\s*<(?:[\w.-]+:)?(\w+)(?:\s[^>]*)?>([\s\S]*)<\/(?:[\w.-]+:)?\1>\s*$/.exec(soapBody);
	if (!call) return { response: fault('SOAP-ENV:Client', 'Bad Request') };
	const operation = call[1]!;
	const action = request.headers.get('soapaction');
	if (action === null) return { response: fault('SOAP-ENV:Client', 'Bad Request: the SOAPAction header is missing') };
	const named = action.replace(/^"|"$/g, '');
	if (named && named !== `${ENDPOINT}#${operation}`) {
		return { response: fault('SOAP-ENV:Client', `Bad Request: SOAPAction "${named}" does not name ${operation}`) };
	}
	return { operation, args: call[2]! };
}

/** Clang's mock; it keeps no state between requests. */
export function createMock(kit: PartnerMockKit): PartnerMock {
	const route = kit.routes(errorRows, faultRows);
	return {
		handlers: [
			route('post', ENDPOINT, async ({ request, faults }) => {
				const checked = envelopeProblem(request, await request.text());
				if ('response' in checked) return checked.response;
				const { operation, args } = checked;
				const uuid = unescapeXml(inner(args, 'uuid') ?? '').trim();
				if (!UUID.test(uuid)) return fault('100', INVALID_UUID);

				if (operation === 'group_getAll') {
					return answer(operation, GROUPS.map((g) => `<Group><id>${g.id}</id><parentId>0</parentId><name>${g.name}</name><description></description></Group>`).join(''), faults);
				}
				if (!BATCH_OPERATIONS.has(operation)) {
					return fault('SOAP-ENV:Client', `Function ("${operation}") is not a valid method for this service`);
				}
				const group = inner(args, 'group');
				if (group === undefined) return fault('213', 'Group not found');
				const groupId = (inner(group, 'id') ?? '').trim();
				if (!/^\d+$/.test(groupId)) return fault('SOAP-ENV:Client', ENCODING_VIOLATION);
				if (Number(groupId) === 0) return fault('213', 'Group not found');
				const ids = [...(inner(args, 'externalIds') ?? '').matchAll(/<item(?:\s[^>]*)?>([\s\S]*?)<\/item>/g)].map((m) => unescapeXml(m[1]!).trim());
				if (ids.length < 1 || ids.length > MAX_CUSTOMERS) return fault('105', SIZE_MESSAGE);

				// Customers Clang cannot find by external ID (the rejection knob picks them) are not done.
				const notFound = new Set(rejectedIndexes(ids.length, faults));
				const done = operation === 'group_addMembersByExternalIds' ? 'Customer added to group' : 'Customer removed from group';
				const results = ids.map((id, i) =>
					notFound.has(i) || !id
						? `<MemberResult><externalId>${escapeXml(id)}</externalId><code>213</code><description>Customer not found</description></MemberResult>`
						: `<MemberResult><externalId>${escapeXml(id)}</externalId><code>0</code><description>${done}</description></MemberResult>`
				);
				return answer(operation, `<groupId>${groupId}</groupId><results>${results.join('')}</results>`, faults);
			})
		]
	};
}
