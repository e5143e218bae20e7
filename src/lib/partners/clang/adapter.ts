import { deliveryError, outcome, type Delivery, type DeliveryError, type PartnerAdapter, type Probe, type Reply, type Step } from '../adapter';
import { retryAfterMs, transportFailure, uncodedError } from '../classify';

/**
 * Clang batch, *thin* in the public record. Clang's API is SOAP and every call carries the
 * `uuid` token. Our design for the batch connector: one envelope per batch calling
 * group_addMembersByExternalIds / group_removeMembersByExternalIds with the group from the use
 * and the customers' external IDs; the answer carries code 0 and a result per customer, where
 * 213 (not found) is a per-customer failure and 107 (already a member) counts as success.
 */
export const CLANG_ENDPOINT = 'https://secure.myclang.com/app/api/soap/public/index.php';

interface ClangConfig {
	accountName: string;
	uuid: string;
}

type State = { kind: 'deliver'; identifiers: readonly string[]; now: number } | { kind: 'probe'; now: number };

/** Fault codes that mean the uuid is not valid: invalid credentials. */
const AUTH_FAULTS = new Set(['100', '101']);
const RETRY_FAULTS = new Set(['500', '503']);

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function envelope(operation: string, body: string): string {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>' +
		'<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://secure.myclang.com/app/api/soap/public/index.php">' +
		`<SOAP-ENV:Body><ns1:${operation}>${body}</ns1:${operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	);
}

function soapRequest(operation: string, body: string, uuid: string) {
	return {
		method: 'POST' as const,
		url: CLANG_ENDPOINT,
		headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${CLANG_ENDPOINT}#${operation}"` },
		body: envelope(operation, body),
		secrets: [uuid]
	};
}

export function buildRequest(delivery: Delivery) {
	const config = delivery.config as unknown as ClangConfig;
	const operation = delivery.operation === 'add' ? 'group_addMembersByExternalIds' : 'group_removeMembersByExternalIds';
	const items = delivery.recipients.map((r) => `<item>${escapeXml(r.identifier)}</item>`).join('');
	return soapRequest(
		operation,
		`<uuid>${escapeXml(config.uuid)}</uuid><groupId>${escapeXml(delivery.settings.groupId ?? '')}</groupId><externalIds>${items}</externalIds>`,
		config.uuid
	);
}

const tag = (xml: string, name: string) => new RegExp(`<(?:[\\w-]+:)?${name}>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1];

/** A SOAP fault as the statistics count it, or null when the body is no fault. */
export function classifyClangFault(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError | null {
	if (!/Fault>/.test(reply.body)) return null;
	const code = tag(reply.body, 'faultcode')?.replace(/^.*:/, '').trim();
	const message = tag(reply.body, 'faultstring')?.trim() ?? 'SOAP fault';
	if (!code) return uncodedError(reply, now);
	if (AUTH_FAULTS.has(code)) return deliveryError('invalidCredentials', code, message);
	return deliveryError('partnerError', code, message, {
		retryable: RETRY_FAULTS.has(code) || reply.status === 503,
		retryAfterMs: retryAfterMs(reply.headers, now)
	});
}

function classifyBatch(reply: Extract<Reply, { kind: 'response' }>, identifiers: readonly string[], now: number) {
	const fault = classifyClangFault(reply, now);
	if (fault) return outcome.failed(fault);
	const code = tag(reply.body, 'code');
	// A body cut short may still hold <code>0</code>: only a whole envelope is an answer.
	if (reply.status !== 200 || code === undefined || !/Envelope>\s*$/.test(reply.body)) return outcome.failed(uncodedError(reply, now));
	if (code.trim() !== '0') return outcome.failed(deliveryError('partnerError', code.trim(), tag(reply.body, 'msg') ?? 'Clang refused the batch'));
	const index = new Map(identifiers.map((id, i) => [id, i]));
	const rejected: Array<{ index: number; error: DeliveryError }> = [];
	for (const item of reply.body.matchAll(/<result>([\s\S]*?)<\/result>/g)) {
		const externalId = tag(item[1]!, 'externalId');
		const itemCode = tag(item[1]!, 'code')?.trim();
		const at = externalId === undefined ? undefined : index.get(externalId);
		// 107 "customer already member of group" is what an add wants: success.
		if (at === undefined || itemCode === undefined || itemCode === '0' || itemCode === '107') continue;
		rejected.push({ index: at, error: deliveryError('partnerError', itemCode, tag(item[1]!, 'msg') ?? `Clang code ${itemCode}`) });
	}
	return outcome.delivered(`Clang: ${tag(reply.body, 'msg') ?? 'OK'}`, rejected);
}

export const adapter: PartnerAdapter<State> = {
	begin(delivery: Delivery): Step<State> {
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', identifiers: delivery.recipients.map((r) => r.identifier), now: delivery.now }
		};
	},

	probe({ config, now }: Probe): Step<State> {
		const { uuid } = config as unknown as ClangConfig;
		return { kind: 'send', purpose: 'test connection', request: soapRequest('account_getInfo', `<uuid>${escapeXml(uuid)}</uuid>`, uuid), state: { kind: 'probe', now } };
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (state.kind === 'probe') {
			const fault = classifyClangFault(reply, state.now);
			if (fault) return { kind: 'finish', outcome: outcome.failed(fault) };
			const name = tag(reply.body, 'name');
			return {
				kind: 'finish',
				outcome: reply.status === 200 && name ? outcome.delivered(`Connected to the Clang account "${name}".`) : outcome.failed(uncodedError(reply, state.now))
			};
		}
		return { kind: 'finish', outcome: classifyBatch(reply, state.identifiers, state.now) };
	}
};
