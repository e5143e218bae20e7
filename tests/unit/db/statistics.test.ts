import { describe, expect, it } from 'vitest';
import { LOG_RING_SIZE } from '$lib/db/statistics';
import { emptyCounts, type DeliveryLogEntry } from '$lib/domain/statistics';
import type { EngineState } from '$lib/domain/engine-state';
import { freshStore } from '../../fixtures/store';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 1);
const state: EngineState = { id: 'engine', clock: START, speed: 1, populationSize: 100_000, trafficRate: 1, checkpoint: null, updatedAt: 0 };

let seq = 0;
function entry(connectorId: string, at: number, example = false): DeliveryLogEntry {
	return {
		id: `${connectorId}:${at}:${++seq}`,
		connectorId,
		at,
		method: 'POST',
		url: 'https://graph.facebook.com/v23.0/1/users',
		requestHeaders: {},
		requestBodySample: '{}',
		status: 200,
		responseSample: '{}',
		latencyMs: 120,
		attempt: 1,
		category: 'sent',
		partnerCode: null,
		message: '',
		day: '2026-11-01',
		example
	};
}

const sent = (n: number) => ({ ...emptyCounts(), sent: n });

describe('statistics repository', () => {
	it('adds increments onto stored hours and days, across commits and within one', async () => {
		const store = await freshStore();
		const { statistics } = store;
		await statistics.commit({ increments: [{ connectorId: 'a', hour: START, counts: sent(5) }], log: [], state, timeZone: 'UTC' });
		await statistics.commit({
			increments: [
				{ connectorId: 'a', hour: START, counts: sent(2) },
				{ connectorId: 'a', hour: START, counts: { ...emptyCounts(), partnerErrors: { '190': 1 } } },
				{ connectorId: 'a', hour: START + HOUR, counts: sent(1) },
				{ connectorId: 'b', hour: START, counts: sent(4) }
			],
			log: [],
			state,
			timeZone: 'UTC'
		});
		const hours = await statistics.hourly('a', START, START + 2 * HOUR);
		expect(hours.map((h) => [h.hour, h.counts.sent, h.counts.partnerErrors])).toEqual([
			[START, 7, { '190': 1 }],
			[START + HOUR, 1, {}]
		]);
		const days = await statistics.daily(['a', 'b'], '2026-11-01', '2026-11-01');
		expect(Object.fromEntries(days.map((d) => [d.connectorId, d.counts.sent]))).toEqual({ a: 8, b: 4 });
		store.close();
	});

	it(`keeps the newest ${LOG_RING_SIZE} requests per connector and every example, over many commits`, async () => {
		const store = await freshStore();
		const { statistics } = store;
		const examples = [entry('a', START, true), entry('a', START + 1, true)];
		await statistics.commit({ increments: [], log: examples, state, timeZone: 'UTC' });
		let at = START + 10;
		const sentToA: number[] = [];
		for (let commit = 0; commit < 5; commit++) {
			const log = Array.from({ length: 90 }, () => {
				sentToA.push(at);
				return entry('a', at++);
			});
			log.push(entry('b', at++));
			await statistics.commit({ increments: [], log, state, timeZone: 'UTC' });
		}
		const recent = await statistics.recentRequests('a', 1000);
		const ring = recent.filter((e) => !e.example);
		expect(ring).toHaveLength(LOG_RING_SIZE);
		// Newest first: exactly the newest 200 of the 450 sent.
		expect(ring.map((e) => e.at)).toEqual(sentToA.slice(-LOG_RING_SIZE).reverse());
		expect(recent.filter((e) => e.example).map((e) => e.at)).toEqual([START + 1, START]);
		expect(await statistics.recentRequests('b', 1000)).toHaveLength(5);
		store.close();
	});

	it('a commit that fails stores nothing, and the ring stays right afterwards', async () => {
		const store = await freshStore();
		const { statistics } = store;
		await statistics.commit({ increments: [], log: Array.from({ length: LOG_RING_SIZE }, (_, i) => entry('a', START + i)), state, timeZone: 'UTC' });
		const broken = { ...entry('a', START + 500), attempt: 0 };
		await expect(
			statistics.commit({ increments: [{ connectorId: 'a', hour: START, counts: sent(3) }], log: [entry('a', START + 400), broken], state, timeZone: 'UTC' })
		).rejects.toThrow();
		expect(await statistics.hourly('a', START, START + HOUR)).toEqual([]);
		expect(await statistics.recentRequests('a', 1000)).toHaveLength(LOG_RING_SIZE);
		await statistics.commit({ increments: [], log: [entry('a', START + 600)], state, timeZone: 'UTC' });
		const ring = await statistics.recentRequests('a', 1000);
		expect(ring).toHaveLength(LOG_RING_SIZE);
		expect(ring[0]!.at).toBe(START + 600);
		expect(ring.at(-1)!.at).toBe(START + 1);
		store.close();
	});
});
