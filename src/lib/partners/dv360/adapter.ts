import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryOutcome,
	type OutgoingRequest,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Step
} from '../adapter';
import type { Dv360Config } from './config';
import { parseJson, partnerText, transportFailure, uncodedError, type Answerer } from '../classify';
import { bearer } from '../google/auth';
import { classifyGoogleError, fieldViolations, googleErrorOf } from '../google/errors';
import { jsonElements } from '../json';

/**
 * Display & Video 360 Customer Match: editCustomerMatchMembers adds members to (or removes them
 * from) a contact-information audience of an advertiser, with hashed e-mail addresses, an OAuth
 * bearer token, and consent declared as granted (the connector's prerequisites require it).
 */
const API = 'https://displayvideo.googleapis.com';

/** v4 renamed the resource; v3 keeps the old name. */
const RESOURCE: Record<string, string> = { v4: 'firstPartyAndPartnerAudiences', v3: 'firstAndThirdPartyAudiences' };

const DV360: Answerer = { partner: 'Display & Video 360', format: 'JSON' };

const CONSENT = { adUserData: 'CONSENT_STATUS_GRANTED', adPersonalization: 'CONSENT_STATUS_GRANTED' } as const;

type Rejected = DeliveryOutcome['rejected'];

type State =
	| {
			kind: 'deliver';
			delivery: Delivery<Dv360Config>;
			/** Which recipients (index in the delivery) the request carried, in contactInfos order. */
			sent: readonly number[];
			/** Recipients Google named as invalid in an earlier request of this delivery. */
			rejected: Rejected;
	  }
	| { kind: 'probe'; advertiserId: string; now: number };

/** The editCustomerMatchMembers request for some recipients of a delivery (all of them by default). */
export function buildRequest(delivery: Delivery<Dv360Config>, indexes?: readonly number[]): OutgoingRequest {
	const config = delivery.config;
	const resource = RESOURCE[config.apiVersion] ?? RESOURCE.v4;
	const audienceId = encodeURIComponent(delivery.settings.firstPartyAndPartnerAudienceId ?? '');
	const { authorization, secrets } = bearer(config.accessToken);
	const identifiers = indexes ? indexes.map((i) => delivery.identifiers[i] ?? '') : delivery.identifiers;
	// One list per request: everything in a delivery is either added or removed. Written as
	// JSON directly (the same text as JSON.stringify of { advertiserId, <list>: { contactInfos, consent } }).
	const list = `{"contactInfos":[${jsonElements(identifiers, '{"hashedEmails":[', ']}')}],"consent":${JSON.stringify(CONSENT)}}`;
	const listName = delivery.operation === 'add' ? 'addedContactInfoList' : 'removedContactInfoList';
	return {
		method: 'POST',
		url: `${API}/${config.apiVersion}/${resource}/${audienceId}:editCustomerMatchMembers`,
		headers: { authorization, 'content-type': 'application/json' },
		body: `{"advertiserId":${JSON.stringify(config.advertiserId)},"${listName}":${list}}`,
		secrets
	};
}

/**
 * The contactInfos Google named in an INVALID_ARGUMENT's field violations, by position in the
 * request, or null when any violation is about something else (then the whole request is wrong).
 * *thin*: the field path format is Google's BadRequest convention; both JSON and proto field
 * names are accepted.
 */
function invalidMembers(reply: Extract<Reply, { kind: 'response' }>, count: number): Map<number, string> | null {
	const error = googleErrorOf(reply.body);
	if (reply.status !== 400 || error?.status !== 'INVALID_ARGUMENT') return null;
	const violations = fieldViolations(error);
	if (violations.length === 0) return null;
	const members = new Map<number, string>();
	for (const { field, description } of violations) {
		const match = /contact_?infos\[(\d+)\]/i.exec(field);
		if (!match || Number(match[1]) >= count) return null;
		members.set(Number(match[1]), description);
	}
	return members;
}

function delivered(state: Extract<State, { kind: 'deliver' }>, reply: Extract<Reply, { kind: 'response' }>): DeliveryOutcome {
	const body = parseJson(reply.body) as { firstPartyAndPartnerAudienceId?: unknown; firstAndThirdPartyAudienceId?: unknown } | null | undefined;
	// v4 answers with firstPartyAndPartnerAudienceId, v3 with firstAndThirdPartyAudienceId.
	const id = body?.firstPartyAndPartnerAudienceId ?? body?.firstAndThirdPartyAudienceId;
	if (typeof id !== 'string' || !id) return outcome.failed(uncodedError(reply, state.delivery.now, DV360, 'audience ID'));
	const audienceId = partnerText(id, '', 100);
	const verb = state.delivery.operation === 'add' ? 'to add to' : 'to remove from';
	const invalid = state.rejected.length ? ` ${state.rejected.length} left out as invalid.` : '';
	return outcome.delivered(`Display & Video 360 accepted ${state.sent.length} members ${verb} audience ${audienceId}.${invalid}`, state.rejected);
}

export const adapter: PartnerAdapter<State, Dv360Config> = {
	begin(delivery: Delivery<Dv360Config>): Step<State> {
		const sent = delivery.identifiers.map((_, i) => i);
		return { kind: 'send', purpose: 'deliver', request: buildRequest(delivery), state: { kind: 'deliver', delivery, sent, rejected: [] } };
	},

	probe({ config, now }: Probe<Dv360Config>): Step<State> {
		const { advertiserId, accessToken, apiVersion } = config;
		const { authorization, secrets } = bearer(accessToken);
		return {
			kind: 'send',
			purpose: 'test connection',
			request: {
				method: 'GET',
				url: `${API}/${apiVersion}/advertisers/${encodeURIComponent(advertiserId)}`,
				headers: { authorization },
				body: null,
				secrets
			},
			state: { kind: 'probe', advertiserId, now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (state.kind === 'probe') {
			if (reply.status !== 200) return { kind: 'finish', outcome: outcome.failed(classifyGoogleError(reply, state.now, DV360)) };
			const advertiser = parseJson(reply.body) as { displayName?: unknown } | null | undefined;
			return {
				kind: 'finish',
				outcome:
					typeof advertiser?.displayName === 'string'
						? outcome.delivered(`Connected to the advertiser "${partnerText(advertiser.displayName, '')}" (${state.advertiserId}).`)
						: outcome.failed(uncodedError(reply, state.now, DV360, 'advertiser displayName'))
			};
		}
		if (reply.status === 200) return { kind: 'finish', outcome: delivered(state, reply) };

		// Google refuses the whole request when some members are malformed, naming them. Those
		// are rejected one by one and the rest sent again, once: a second refusal ends the batch.
		const invalid = state.rejected.length === 0 ? invalidMembers(reply, state.sent.length) : null;
		if (!invalid) return { kind: 'finish', outcome: outcome.failed(classifyGoogleError(reply, state.delivery.now, DV360)) };
		const rejected: Rejected = state.sent.flatMap((index, position) => {
			const description = invalid.get(position);
			return description === undefined ? [] : [{ index, error: deliveryError('partnerError', 'INVALID_ARGUMENT', description) }];
		});
		const rest = state.sent.filter((_, position) => !invalid.has(position));
		if (rest.length === 0) return { kind: 'finish', outcome: outcome.delivered('Display & Video 360 refused every member as invalid.', rejected) };
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(state.delivery, rest),
			state: { kind: 'deliver', delivery: state.delivery, sent: rest, rejected }
		};
	}
};
