import type { Connector } from '$lib/domain/connector';
import type { Profile } from '$lib/domain/profile';
import type { SimMessage, SimulatorPort } from '$lib/engine/runner';
import { connectorNameKey } from '$lib/domain/connector';

/**
 * The benchmark's fixed workload: 100,000 profiles, each added and then removed once on a
 * Meta, a DV360 and a Xandr connector (600,000 profile-messages). Every profile has an e-mail
 * and a Xandr user ID, so nothing is skipped.
 */
export const PROFILES = 100_000;
export const START = Date.UTC(2026, 10, 1);

export const BENCH_CONNECTORS: Connector[] = [
	bench('bench-meta', 'meta', { adAccountId: 'act_1029384756', accessToken: 'EAAGbenchtoken00000000000000001', apiVersion: 'v23.0' }),
	bench('bench-dv360', 'dv360', { advertiserId: '4304512', accessToken: 'ya29.bench-token-000000000000000000000', apiVersion: 'v4' }),
	bench('bench-xandr', 'xandr', { memberId: '10245', username: 'bench-user', password: 'bench-password-1' })
];

const BENCH_SOURCE = { kind: 'audience', id: 'bench' } as const;

const SETTINGS: Record<string, Record<string, string>> = {
	'bench-meta': { audienceId: '23851234567890123' },
	'bench-dv360': { firstPartyAndPartnerAudienceId: '8123456789' },
	'bench-xandr': { segmentId: '31337', expirationMinutes: '' }
};

function bench(id: string, partnerId: string, config: Record<string, unknown>): Connector {
	return { id, partnerId, name: id, nameKey: connectorNameKey(id), status: 'active', target: 'mock', config, createdAt: START, updatedAt: START };
}

export function benchProfile(index: number): Profile {
	return {
		id: `p${index}`,
		customerId: `C-${index}`,
		email: ` Person.${index}@Example.com`,
		phone: null,
		mobileAdId: null,
		partnerUserIds: { '1401': String(7_000_000_000 + index) }
	};
}

/** Adds at the start, removes an hour later, for every profile on every connector. */
export function benchSimulator(): SimulatorPort & { messages: number } {
	let emitted = false;
	let removed = false;
	const emit = (operation: 'add' | 'remove', at: number, accept: (message: SimMessage) => void) => {
		// One message object, refilled: the runner reads it during the call and keeps nothing.
		const message: SimMessage = { profileIndex: 0, connectorId: '', operation, settings: {}, source: BENCH_SOURCE, at };
		for (const connector of BENCH_CONNECTORS) {
			message.connectorId = connector.id;
			message.settings = SETTINGS[connector.id]!;
			for (let i = 0; i < PROFILES; i++) {
				message.profileIndex = i;
				accept(message);
			}
		}
	};
	const advanceInto = (to: number, accept: (message: SimMessage) => void) => {
		if (!emitted && to >= START) {
			emitted = true;
			emit('add', START, accept);
		}
		if (!removed && to >= START + 3_600_000) {
			removed = true;
			emit('remove', START + 3_600_000, accept);
		}
	};
	return {
		messages: PROFILES * 2 * BENCH_CONNECTORS.length,
		// Built on demand and not kept, as the real simulator builds profiles from its columns.
		profile: benchProfile,
		advanceInto,
		advance(to) {
			const out: SimMessage[] = [];
			advanceInto(to, (message) => out.push({ ...message }));
			return out;
		}
	};
}
