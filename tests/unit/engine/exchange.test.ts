import { describe, expect, it } from 'vitest';
import { runExchange } from '$lib/engine/exchange';
import { outcome, type OutgoingRequest, type PartnerAdapter, type Reply } from '$lib/partners/adapter';

const request: OutgoingRequest = { method: 'GET', url: 'https://p.example/poll', headers: {}, body: null, secrets: [] };
const ok: Reply = { kind: 'response', status: 200, headers: {}, body: '{}', latencyMs: 1 };

describe('running an adapter\'s steps', () => {
	it('waits on the sandbox clock before a delayed step and stops when the adapter finishes', async () => {
		const adapter: PartnerAdapter<number> = {
			begin: () => ({ kind: 'send', purpose: 'create job', request, state: 0 }),
			advance: (polls) =>
				polls < 3
					? { kind: 'send', purpose: 'poll', request, state: polls + 1, delayMs: 5000 }
					: { kind: 'finish', outcome: outcome.delivered('done'), session: { token: 't', expiresAt: 1 } },
			probe: () => ({ kind: 'finish', outcome: outcome.delivered('') })
		};
		const slept: number[] = [];
		const purposes: string[] = [];
		const result = await runExchange(adapter, adapter.begin({} as never, null), {
			connectorId: 'c',
			timeoutMs: 3000,
			transport: { send: async () => ok },
			sleep: async (ms) => void slept.push(ms),
			onRequest: (r) => void purposes.push(r.purpose)
		});
		expect(result).toEqual({ outcome: outcome.delivered('done'), session: { token: 't', expiresAt: 1 }, requests: 4 });
		expect(slept).toEqual([5000, 5000, 5000]);
		expect(purposes).toEqual(['create job', 'poll', 'poll', 'poll']);
	});

	it('gives up on a partner that never finishes, as a retryable Other error', async () => {
		const endless: PartnerAdapter<null> = {
			begin: () => ({ kind: 'send', purpose: 'poll', request, state: null }),
			advance: () => ({ kind: 'send', purpose: 'poll', request, state: null }),
			probe: () => ({ kind: 'send', purpose: 'poll', request, state: null })
		};
		const result = await runExchange(endless, endless.begin({} as never, null), {
			connectorId: 'c',
			timeoutMs: 3000,
			transport: { send: async () => ok },
			sleep: async () => {}
		});
		expect(result.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true });
		expect(result.requests).toBe(60);
	});
});
