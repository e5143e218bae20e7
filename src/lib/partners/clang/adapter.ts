import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type DeliveryOutcome,
	type OutgoingRequest,
	type Operation,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Step
} from '../adapter';
import type { ClangConfig } from './config';
import { excerpt, partnerCode, partnerText, retryAfterMs, transportFailure, uncodedError, type Answerer } from '../classify';

/**
 * Clang batch, *thin* in the public record. Clang's API is SOAP 1.1 (rpc style, one WSDL at
 * the endpoint below, the namespace being the endpoint's address); every call carries the
 * `uuid` token, answers carry `code` (0 is OK) and `msg`, and errors are SOAP faults whose
 * faultcode is Clang's number (105 "Size must be between 1 and 50", 213 not found, 107
 * "customer already member of group").
 *
 * Our design for the batch connector: one envelope per batch, calling
 * group_addMembersByExternalIds or group_removeMembersByExternalIds with the group of the use
 * ({group:{id}}, as group_addMember takes it) and the customers' external IDs (the platform's
 * customer ID), at most 50 per call. Clang looks each customer up by external ID and answers
 * code 0 with one MemberResult (externalId, code, description) per customer, in the order
 * sent: 0 done, 107 already a member (what an add wants: success), 213 customer not found
 * (rejected, one by one). Test connection calls group_getAll, a light read of the groups.
 */
export const CLANG_ENDPOINT = 'https://secure.myclang.com/app/api/soap/public/index.php';

type State =
	| { kind: 'deliver'; operation: Operation; identifiers: readonly string[]; now: number }
	| { kind: 'probe'; accountName: string; now: number };

export const OPERATIONS: Record<Operation, string> = {
	add: 'group_addMembersByExternalIds',
	remove: 'group_removeMembersByExternalIds'
};

/** Faults on the token: invalid (100) or revoked/expired (101), as invalid credentials. */
const CREDENTIAL_FAULTS = new Set(['100', '101']);
/** Our design: Clang's throttle fault, "too many requests", retried later. */
export const THROTTLE_FAULT = '106';
export const ALREADY_MEMBER = '107';
const RETRY_LATER_MS = 60_000;
const CLANG: Answerer = { partner: 'Clang', format: 'XML' };

const escapeXml = (value: string) =>
	value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (value: string) =>
	value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, named?: string) => {
		if (named) return ENTITIES[named] ?? whole;
		const point = dec ? Number(dec) : parseInt(hex!, 16);
		// fromCodePoint throws beyond U+10FFFF: such a reference stays as it was written.
		return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
	});

/**
 * The inner XML of the first element of this local name, whatever its namespace prefix (node
 * workers have no DOMParser; Clang's answers are flat enough for this).
 */
function inner(xml: string, name: string): string | undefined {
	return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml)?.[1];
}

/** An element's text, entities decoded and trimmed. */
function text(xml: string, name: string): string | undefined {
	const value = inner(xml, name);
	return value === undefined ? undefined : unescapeXml(value).trim();
}

function envelope(operation: string, args: string): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="${CLANG_ENDPOINT}">` +
		`<SOAP-ENV:Body><ns1:${operation}>${args}</ns1:${operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	);
}

function soapRequest(operation: string, args: string, uuid: string): OutgoingRequest {
	return {
		method: 'POST',
		url: CLANG_ENDPOINT,
		headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${CLANG_ENDPOINT}#${operation}"` },
		body: envelope(operation, `<uuid>${escapeXml(uuid)}</uuid>${args}`),
		secrets: [uuid]
	};
}

/** One envelope for the batch: the group and every customer's external ID. */
export function buildRequest(delivery: Delivery<ClangConfig>): OutgoingRequest {
	const { uuid } = delivery.config;
	const items = delivery.identifiers.map((identifier) => `<item>${escapeXml(identifier)}</item>`).join('');
	return soapRequest(
		OPERATIONS[delivery.operation],
		`<group><id>${escapeXml(delivery.settings.groupId ?? '')}</id></group><externalIds>${items}</externalIds>`,
		uuid
	);
}

/**
 * A SOAP fault as the statistics count it, or null when the body holds no fault. SOAP 1.1
 * sends every fault with HTTP 500, so the fault code, not the status, says whether to retry:
 * Clang's numbered faults are the caller's problem except the throttle; a Server fault is
 * Clang's own and retried.
 */
export function classifyClangFault(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError | null {
	const fault = inner(reply.body, 'Fault');
	if (fault === undefined) return null;
	const code = partnerCode(text(fault, 'faultcode')?.replace(/^[\w.-]+:/, ''));
	if (!code) return uncodedError(reply, now, CLANG, 'a SOAP fault with a faultcode');
	const message = partnerText(text(fault, 'faultstring'), `Clang fault ${code}`);
	if (CREDENTIAL_FAULTS.has(code)) return deliveryError('invalidCredentials', code, message);
	if (code === THROTTLE_FAULT) {
		return deliveryError('partnerError', code, message, { retryable: true, retryAfterMs: retryAfterMs(reply.headers, now) ?? RETRY_LATER_MS });
	}
	return deliveryError('partnerError', code, message, { retryable: code === 'Server', retryAfterMs: retryAfterMs(reply.headers, now) });
}

/** The answer of an operation when it is a whole envelope with code 0, else why not. */
function answerOf(reply: Extract<Reply, { kind: 'response' }>, now: number): { msg: string } | { error: DeliveryError } {
	const fault = classifyClangFault(reply, now);
	if (fault) return { error: fault };
	// A body cut short may still hold <code>0</code>: only a whole envelope is an answer.
	const code = text(reply.body, 'code');
	if (reply.status !== 200 || code === undefined || !/<\/(?:[\w.-]+:)?Envelope>\s*$/.test(reply.body.slice(-4096))) {
		return { error: uncodedError(reply, now, CLANG, 'a whole SOAP envelope with a code') };
	}
	const msg = inner(reply.body, 'msg') ?? '';
	if (code !== '0') {
		const coded = partnerCode(code);
		const message = excerpt(excerptOf(msg.slice(0, 4096)), 500) || `Clang answered code ${excerpt(code, 64)}`;
		return { error: deliveryError(coded ? 'partnerError' : 'otherError', coded, message) };
	}
	return { msg };
}

const excerptOf = (xml: string) => unescapeXml(xml.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

function classifyBatch(reply: Extract<Reply, { kind: 'response' }>, state: Extract<State, { kind: 'deliver' }>): DeliveryOutcome {
	const fault = classifyClangFault(reply, state.now);
	// A single-customer call answers "already a member" as a fault; for an add it is success.
	if (fault?.code === ALREADY_MEMBER) return outcome.delivered(`Clang: ${fault.message}.`);
	const answer = answerOf(reply, state.now);
	if ('error' in answer) return outcome.failed(answer.error);

	// Results come in the order sent; match by position, and by external ID if Clang reordered.
	const { identifiers } = state;
	const unmatched = new Map<string, number[]>();
	identifiers.forEach((id, index) => unmatched.set(id, [...(unmatched.get(id) ?? []), index]));
	const rejected: DeliveryOutcome['rejected'][number][] = [];
	let already = 0;
	[...answer.msg.matchAll(/<(?:[\w.-]+:)?MemberResult>([\s\S]*?)<\/(?:[\w.-]+:)?MemberResult>/g)].forEach((match, position) => {
		const item = match[1]!;
		const externalId = text(item, 'externalId') ?? '';
		const indexes = unmatched.get(externalId);
		if (!indexes?.length) return;
		const index = indexes.includes(position) ? position : indexes[0]!;
		indexes.splice(indexes.indexOf(index), 1);
		const code = text(item, 'code') ?? '0';
		if (code === '0') return;
		if (code === ALREADY_MEMBER) {
			already++;
			return;
		}
		const coded = partnerCode(code);
		rejected.push({ index, error: deliveryError(coded ? 'partnerError' : 'otherError', coded, partnerText(text(item, 'description'), `Clang code ${excerpt(code, 64)}`)) });
	});
	const done = identifiers.length - rejected.length;
	const verb = state.operation === 'add' ? 'added to' : 'removed from';
	const note =
		`Clang ${verb} the group: ${done} of ${identifiers.length}` +
		(already ? ` (${already} already a member)` : '') +
		(rejected.length ? `; ${rejected.length} not done.` : '.');
	return outcome.delivered(note, rejected);
}

export const adapter: PartnerAdapter<State, ClangConfig> = {
	begin(delivery: Delivery<ClangConfig>): Step<State> {
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', operation: delivery.operation, identifiers: delivery.identifiers, now: delivery.now }
		};
	},

	/** group_getAll: a light read that needs a valid token and touches no customer. */
	probe({ config, now }: Probe<ClangConfig>): Step<State> {
		const { uuid, accountName } = config;
		return { kind: 'send', purpose: 'test connection', request: soapRequest('group_getAll', '', uuid), state: { kind: 'probe', accountName, now } };
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (state.kind === 'deliver') return { kind: 'finish', outcome: classifyBatch(reply, state) };
		const answer = answerOf(reply, state.now);
		if ('error' in answer) return { kind: 'finish', outcome: outcome.failed(answer.error) };
		const groups = [...answer.msg.matchAll(/<(?:[\w.-]+:)?Group>/g)].length;
		return {
			kind: 'finish',
			outcome: outcome.delivered(`Connected to the Clang account "${state.accountName}": the API token is accepted and sees ${groups} ${groups === 1 ? 'group' : 'groups'}.`)
		};
	}
};
