import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import { createEngineClient } from '$lib/engine/client';
import { createEngineApi, type EngineDeps } from '$lib/engine/engine-api';
import { MockTransport, type Transport } from '$lib/engine/transport';
import { createPartnerMocks } from '../../../mocks/partner-mocks';

const mocks = createPartnerMocks();
const faultBoard = mocks.faults;

const metaConfig = { adAccountId: 'act_1029384756', accessToken: 'EAAGtoken000000000000000000001', apiVersion: 'v23.0' };

/** The engine API on one end of a MessageChannel and the page's client on the other, as in the worker. */
function connectedClient(live?: Transport) {
	const { port1, port2 } = new MessageChannel();
	// The simulation side is not used by these tests.
	const deps = {
		mockTransport: async () => new MockTransport((request) => mocks.respond(request)),
		liveTransport: live ?? { send: () => Promise.reject(new Error('no live transport in this test')) },
		setFaults: (connectorId, faults) => void faultBoard.set(connectorId, faults),
		wallClock: () => Date.UTC(2026, 10, 28),
		sleep: async () => {},
		benchmark: () => Promise.reject(new Error('not in this test'))
	} as Partial<EngineDeps> as EngineDeps;
	expose(createEngineApi(deps), port1);
	const client = createEngineClient(port2);
	return {
		client,
		close() {
			client.dispose();
			port1.close();
			port2.close();
		}
	};
}

afterEach(() => faultBoard.reset());

describe('Test connection through the engine API', () => {
	it('succeeds against a healthy mock and shows the request, secrets masked', async () => {
		const { client, close } = connectedClient();
		const result = await client.testConnection({
			partnerId: 'meta',
			connectorId: 'c1',
			config: metaConfig,
			target: 'mock',
			faults: HEALTHY_PARTNER,
			timeoutMs: 3000
		});
		close();
		expect(result).toMatchObject({ ok: true, message: 'Connected to the ad account "Sandbox ad account".' });
		expect(result.exchanges).toHaveLength(1);
		expect(result.exchanges[0]?.url).toContain('access_token=••••••••');
		expect(JSON.stringify(result)).not.toContain(metaConfig.accessToken);
	});

	it('fails with the classified error the chosen fault produces', async () => {
		const { client, close } = connectedClient();
		const result = await client.testConnection({
			partnerId: 'meta',
			connectorId: 'c1',
			config: metaConfig,
			target: 'mock',
			faults: { ...HEALTHY_PARTNER, answerWith: 'permission-200' },
			timeoutMs: 3000
		});
		close();
		expect(result).toMatchObject({ ok: false, error: { category: 'partnerError', code: '200' } });
	});

	it('refuses an invalid configuration with a message naming the field, sending nothing', async () => {
		const { client, close } = connectedClient();
		const result = await client.testConnection({
			partnerId: 'meta',
			connectorId: 'c1',
			config: { ...metaConfig, adAccountId: '42' },
			target: 'mock',
			faults: HEALTHY_PARTNER,
			timeoutMs: 3000
		});
		close();
		expect(result).toMatchObject({ ok: false, exchanges: [] });
		expect(!result.ok && result.error.message).toMatch(/adAccountId: An ad account ID is act_/);
	});

	it('uses the live transport for a live target and reports a CORS-style failure as Other error', async () => {
		const live: Transport = { send: async () => ({ kind: 'network', message: 'Failed to fetch', latencyMs: 3 }) };
		const { client, close } = connectedClient(live);
		const result = await client.testConnection({
			partnerId: 'meta',
			connectorId: 'c1',
			config: metaConfig,
			target: 'live',
			faults: HEALTHY_PARTNER,
			timeoutMs: 3000
		});
		close();
		expect(result).toMatchObject({ ok: false, error: { category: 'otherError' } });
		expect(!result.ok && result.error.message).toMatch(/Failed to fetch.*CORS/);
	});
});
