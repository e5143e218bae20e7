import { http, HttpResponse } from 'msw';
import { faultsFor, type FaultSettings } from '../faults';
import { forcedAnswer, rejectedIndexes, withLatency } from '../respond';
import { errorRows, faultRows, soapFault } from './errors';

/**
 * Clang's SOAP endpoint from Clang's side (*thin*: see the adapter for the batch operations,
 * which are our design). Every call needs a uuid in UUID form.
 */
const ENDPOINT = 'https://secure.myclang.com/app/api/soap/public/index.php';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ITEMS = 50;

const tag = (xml: string, name: string) => new RegExp(`<(?:[\\w-]+:)?${name}>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1];

function fault(code: string, message: string, faults: FaultSettings): Response {
	const f = soapFault(code, message);
	return withLatency(new HttpResponse(f.body, { status: f.status, headers: { 'content-type': f.contentType } }), faults);
}

function answer(operation: string, inner: string, faults: FaultSettings): Response {
	let body =
		'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="' +
		ENDPOINT +
		`"><SOAP-ENV:Body><ns1:${operation}Response>${inner}</ns1:${operation}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
	if (faults.malformed === 'truncatedJson') body = body.slice(0, Math.floor(body.length / 2));
	return withLatency(new HttpResponse(body, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } }), faults);
}

export const handlers = [
	http.post(ENDPOINT, async ({ request }) => {
		const faults = faultsFor(request);
		const forced = forcedAnswer(faults, errorRows, faultRows);
		if (forced) return forced;
		const body = await request.text();
		const operation = /<(?:[\w-]+:)?Body>\s*<(?:[\w-]+:)?(\w+)>/.exec(body)?.[1];
		if (!operation) return fault('SOAP-ENV:Client', 'Bad Request: no operation in the SOAP body', faults);
		const uuid = tag(body, 'uuid')?.trim() ?? '';
		if (!UUID.test(uuid)) return fault('100', 'Invalid uuid', faults);
		if (operation === 'account_getInfo') {
			return answer(operation, '<code>0</code><msg>OK</msg><account><name>Sandbox account</name></account>', faults);
		}
		if (operation !== 'group_addMembersByExternalIds' && operation !== 'group_removeMembersByExternalIds') {
			return fault('SOAP-ENV:Client', `Function '${operation}' doesn't exist`, faults);
		}
		const groupId = tag(body, 'groupId')?.trim() ?? '';
		if (!/^\d+$/.test(groupId)) return fault('213', 'Group not found', faults);
		const ids = [...(tag(body, 'externalIds') ?? '').matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!.trim());
		if (ids.length < 1 || ids.length > MAX_ITEMS) return fault('105', 'Size must be between 1 and 50', faults);
		const rejected = new Set(rejectedIndexes(ids.length, faults));
		const results = ids
			.map((id, i) =>
				rejected.has(i) || !id
					? `<result><externalId>${id}</externalId><code>213</code><msg>Customer not found</msg></result>`
					: `<result><externalId>${id}</externalId><code>0</code><msg>OK</msg></result>`
			)
			.join('');
		return answer(operation, `<code>0</code><msg>OK</msg><results>${results}</results>`, faults);
	})
];
