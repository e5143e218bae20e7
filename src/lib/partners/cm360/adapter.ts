import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type DeliveryOutcome,
	type OutgoingRequest,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Step
} from '../adapter';
import type { Cm360Config } from './config';
import { excerpt, parseJson, partnerCode, partnerText, transportFailure, uncodedError, type Answerer } from '../classify';
import { bearer } from '../google/auth';
import { classifyGoogleError } from '../google/errors';

/**
 * Campaign Manager 360 offline conversions: conversions.batchinsert records each profile as a
 * conversion on a Floodlight activity, matched on its hashed e-mail address. Conversions cannot
 * be taken back, so there is no removal; failed conversions come back one by one in an HTTP 200.
 */
const API = 'https://dfareporting.googleapis.com/dfareporting/v4';

const CM360: Answerer = { partner: 'Campaign Manager 360', format: 'JSON' };

type Response = Extract<Reply, { kind: 'response' }>;

type State = { kind: 'deliver'; ordinals: readonly string[]; now: number } | { kind: 'probe'; profileId: string; now: number };

/**
 * One ordinal per conversion. CM360 counts conversions of the same user, activity and ordinal
 * once, so the ordinal names the conversion itself: the profile and the moment of the message.
 * The same message sent again (a retry) dedupes instead of counting twice, whatever batch it
 * lands in; a profile twice in one batch gets a suffix so each ordinal stays unique.
 */
export function ordinalsOf(delivery: Delivery<Cm360Config>): string[] {
	const seen = new Map<string, number>();
	return delivery.recipients.map(({ profileId }) => {
		const base = `${profileId}-${Math.floor(delivery.now)}`;
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		return count === 0 ? base : `${base}.${count}`;
	});
}

/** The batchinsert request for a delivery of add messages. */
export function buildRequest(delivery: Delivery<Cm360Config>): OutgoingRequest {
	const config = delivery.config;
	const { floodlightActivityId = '', floodlightConfigurationId = '' } = delivery.settings;
	const ordinals = ordinalsOf(delivery);
	// The sandbox clock is the conversion time; microseconds as an int64 string.
	const timestampMicros = `${Math.floor(delivery.now)}000`;
	const { authorization, secrets } = bearer(config.accessToken);
	return {
		method: 'POST',
		url: `${API}/userprofiles/${encodeURIComponent(config.userProfileId)}/conversions/batchinsert`,
		headers: { authorization, 'content-type': 'application/json' },
		body: JSON.stringify({
			kind: 'dfareporting#conversionsBatchInsertRequest',
			conversions: delivery.recipients.map((recipient, i) => ({
				floodlightActivityId,
				floodlightConfigurationId,
				ordinal: ordinals[i],
				quantity: '1',
				timestampMicros,
				value: 0,
				kind: 'dfareporting#conversion',
				userIdentifiers: [{ hashedEmail: recipient.identifier }]
			}))
		}),
		secrets
	};
}

interface ConversionStatus {
	conversion?: { ordinal?: unknown };
	errors?: Array<{ code?: unknown; message?: unknown }>;
}

/** One failed conversion's errors as one error: the first code, every message. */
function itemError(errors: NonNullable<ConversionStatus['errors']>): DeliveryError {
	const code = errors.map((e) => partnerCode(e?.code)).find((c): c is string => c !== null);
	const message = partnerText(errors.map((e) => (typeof e?.message === 'string' ? e.message : '')).filter(Boolean).join(' '), 'The conversion was not recorded.');
	// A conversion error without a code is not one of CM360's, so it counts as Other error.
	if (!code) return deliveryError('otherError', null, message);
	// INTERNAL is Google's own trouble and may pass; the others are about the conversion itself.
	return deliveryError('partnerError', code, message, { retryable: code === 'INTERNAL' });
}

function classifyBatchInsert(reply: Response, ordinals: readonly string[], now: number): DeliveryOutcome {
	if (reply.status !== 200) return outcome.failed(classifyGoogleError(reply, now, CM360));
	const body = parseJson(reply.body) as { hasFailures?: unknown; status?: unknown } | null | undefined;
	if (!body || typeof body.hasFailures !== 'boolean' || !Array.isArray(body.status)) return outcome.failed(uncodedError(reply, now, CM360, 'hasFailures and status'));
	const count = ordinals.length;
	const byOrdinal = new Map(ordinals.map((ordinal, index) => [ordinal, index]));
	const rejected: Array<{ index: number; error: DeliveryError }> = [];
	const seen = new Set<number>();
	// Statuses come in the order of the conversions; the ordinal confirms which is which.
	(body.status as Array<ConversionStatus | null>).forEach((status, position) => {
		if (!status || !Array.isArray(status.errors) || status.errors.length === 0) return;
		const ordinal = status.conversion && typeof status.conversion === 'object' ? status.conversion.ordinal : undefined;
		const index = typeof ordinal === 'string' && byOrdinal.has(ordinal) ? byOrdinal.get(ordinal)! : position;
		if (index < count && !seen.has(index)) {
			seen.add(index);
			rejected.push({ index, error: itemError(status.errors) });
		}
	});
	if (body.hasFailures && rejected.length === 0) {
		// Failures CM360 does not attribute cannot be counted as sent, nor safely sent again.
		return outcome.failed(
			deliveryError('otherError', null, `Campaign Manager 360 reported failures without naming the conversions: ${excerpt(reply.body, 200)}`)
		);
	}
	rejected.sort((a, b) => a.index - b.index);
	return outcome.delivered(`Campaign Manager 360 recorded ${count - rejected.length} of ${count} conversions.`, rejected);
}

export const adapter: PartnerAdapter<State, Cm360Config> = {
	begin(delivery: Delivery<Cm360Config>): Step<State> {
		if (delivery.operation !== 'add') {
			// The engine never sends remove messages to a partner without removal; this is the
			// last guard, and it sends nothing.
			return {
				kind: 'finish',
				outcome: outcome.failed(
					deliveryError(
						'otherError',
						null,
						'Campaign Manager 360 has no removal: a recorded conversion cannot be taken back, so the remove messages were not sent.'
					)
				)
			};
		}
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', ordinals: ordinalsOf(delivery), now: delivery.now }
		};
	},

	probe({ config, now }: Probe<Cm360Config>): Step<State> {
		const { userProfileId, accessToken } = config;
		const { authorization, secrets } = bearer(accessToken);
		return {
			kind: 'send',
			purpose: 'test connection',
			request: {
				method: 'GET',
				url: `${API}/userprofiles/${encodeURIComponent(userProfileId)}`,
				headers: { authorization },
				body: null,
				secrets
			},
			state: { kind: 'probe', profileId: userProfileId, now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		if (state.kind === 'deliver') return { kind: 'finish', outcome: classifyBatchInsert(reply, state.ordinals, state.now) };
		if (reply.status !== 200) return { kind: 'finish', outcome: outcome.failed(classifyGoogleError(reply, state.now, CM360)) };
		const profile = parseJson(reply.body) as { userName?: unknown; accountName?: unknown } | null | undefined;
		if (typeof profile?.userName !== 'string') return { kind: 'finish', outcome: outcome.failed(uncodedError(reply, state.now, CM360, 'userName')) };
		const account = typeof profile.accountName === 'string' ? ` in the account "${partnerText(profile.accountName, '')}"` : '';
		return {
			kind: 'finish',
			outcome: outcome.delivered(`Connected to the user profile ${state.profileId} of ${partnerText(profile.userName, '')}${account}.`)
		};
	}
};
