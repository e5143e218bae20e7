import { describe, expect, it } from 'vitest';
import { emptyCounts, type OutcomeCounts } from '$lib/domain/statistics';
import { Dispatcher, type Batch, type Counters, type DispatchConnector } from '$lib/engine/dispatcher';
import { deliveryError, outcome, type DeliveryOutcome } from '$lib/partners/adapter';
import { seededRandom } from '../../../mocks/faults';

const connector = (id: string, change: Partial<DispatchConnector> = {}): DispatchConnector => ({
	id,
	maxBatchSize: 3,
	requestsPerMinute: null,
	concurrency: 2,
	supportsRemoval: true,
	...change
});

const message = (i: number, connectorId = 'c1', operation: 'add' | 'remove' = 'add') => ({
	profileIndex: i,
	identifier: `id-${i}`,
	connectorId,
	operation,
	settings: { audienceId: '1' },
	settingsKey: 'a1',
	source: { kind: 'audience' as const, id: 'aud-1' }
});

function finished(c: Counters): number {
	return c.sent + c.removed + c.errors + c.skipped + c.cancelled;
}

function assertConserved(c: Counters): void {
	expect(c.accepted).toBe(finished(c) + c.queued + c.sending + c.waitingRetry);
	expect(Math.min(c.queued, c.sending, c.waitingRetry)).toBeGreaterThanOrEqual(0);
}

function total(counts: OutcomeCounts): number {
	return (
		counts.sent + counts.removed + counts.otherError + counts.invalidCredentials + counts.timeout + counts.skipped + counts.cancelled +
		Object.values(counts.partnerErrors).reduce((a, b) => a + b, 0)
	);
}

describe('dispatcher', () => {
	it('batches up to the partner limit, sends partial batches after the maximum wait, and counts deliveries', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector(connector('c1'));
		for (let i = 0; i < 4; i++) d.accept(message(i), 0);
		const first = d.takeReady(0);
		expect(first.map((b) => b.messages.profileIndexes.length)).toEqual([3]);
		expect(d.takeReady(4_999)).toEqual([]);
		const second = d.takeReady(5_000);
		expect(second.map((b) => b.messages.profileIndexes.length)).toEqual([1]);
		d.complete(first[0]!.id, outcome.delivered('ok', [{ index: 1, error: deliveryError('partnerError', 'invalid_entry', 'bad') }]), 6_000);
		d.complete(second[0]!.id, outcome.delivered('ok'), 6_000);
		expect(d.totals).toMatchObject({ accepted: 4, sent: 3, errors: 1, attempts: 2, queued: 0, sending: 0 });
		const [increment] = d.drainIncrements();
		expect(increment?.counts).toMatchObject({ sent: 3, partnerErrors: { invalid_entry: 1 } });
	});

	it('skips a profile without the identifier, and never accepts a remove for a partner without removal', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector(connector('cm', { supportsRemoval: false }));
		expect(d.accept({ ...message(1, 'cm'), identifier: null }, 0)).toBe('skipped');
		expect(d.accept(message(2, 'cm', 'remove'), 0)).toBe('refused');
		expect(d.totals).toMatchObject({ accepted: 1, skipped: 1 });
	});

	it('keeps to the concurrency limit and the rate limit', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector(connector('c1', { maxBatchSize: 1, concurrency: 2, requestsPerMinute: 3 }));
		for (let i = 0; i < 10; i++) d.accept(message(i), 0);
		const first = d.takeReady(0);
		expect(first).toHaveLength(2);
		for (const b of first) d.complete(b.id, outcome.delivered('ok'), 100);
		expect(d.takeReady(100)).toHaveLength(1); // third token of three
		const later = d.takeReady(100);
		expect(later).toHaveLength(0);
		// Tokens come back at three a minute: one every 20 s.
		expect(d.takeReady(20_100)).toHaveLength(1);
	});

	it('retries a retryable error with growing backoff, honouring Retry-After, then gives up', () => {
		const d = new Dispatcher({ random: () => 0.5, policy: { maxAttempts: 3, backoffBaseMs: 1_000 } });
		d.setConnector(connector('c1'));
		d.accept(message(1), 0);
		const [batch] = d.takeReady(0, true);
		d.complete(batch!.id, outcome.failed(deliveryError('partnerError', '2', 'unavailable', { retryable: true })), 1_000);
		expect(d.totals).toMatchObject({ waitingRetry: 1, retries: 1 });
		expect(d.nextWakeAt()).toBe(2_000);
		const [retry] = d.takeReady(2_000);
		expect(retry?.attempt).toBe(2);
		d.complete(retry!.id, outcome.failed(deliveryError('partnerError', '80003', 'limit', { retryable: true, retryAfterMs: 60_000 })), 3_000);
		expect(d.nextWakeAt()).toBe(63_000);
		const [last] = d.takeReady(63_000);
		d.complete(last!.id, outcome.failed(deliveryError('timeout', null, 'no answer', { retryable: true })), 66_000);
		expect(d.totals).toMatchObject({ accepted: 1, errors: 1, waitingRetry: 0, attempts: 3, retries: 2 });
		expect(d.drainIncrements().reduce((n, i) => n + i.counts.timeout, 0)).toBe(1);
	});

	it('cancels what is queued or waiting to retry when the connector is deactivated; what was sent still counts', () => {
		const deactivated = new Set<string>();
		const d = new Dispatcher({ random: () => 0.5, mayReceive: (id) => !deactivated.has(id) });
		d.setConnector(connector('c1', { maxBatchSize: 1, concurrency: 1 }));
		for (let i = 0; i < 3; i++) d.accept(message(i), 0);
		const [sending] = d.takeReady(0);
		deactivated.add('c1');
		d.recheck(10);
		expect(d.accept(message(9), 11)).toBe('refused');
		expect(d.totals).toMatchObject({ cancelled: 2, queued: 0, sending: 1 });
		d.complete(sending!.id, outcome.failed(deliveryError('timeout', null, 'late', { retryable: true })), 3_000);
		// A deactivated connector is not retried: the message ends with its error.
		expect(d.totals).toMatchObject({ errors: 1, waitingRetry: 0, sent: 0 });
		expect(d.takeReady(10_000, true)).toEqual([]);
	});

	it('loses nothing and counts nothing twice, over many seeds with random faults and deactivations', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const random = seededRandom(seed);
			const deactivated = new Set<string>();
			const d = new Dispatcher({ random, mayReceive: (id) => !deactivated.has(id) });
			const ids = ['c1', 'c2', 'c3'];
			for (const id of ids) d.setConnector(connector(id, { maxBatchSize: 1 + Math.floor(random() * 5), concurrency: 1 + Math.floor(random() * 3) }));
			const inFlight: Array<{ batch: Batch; at: number; result: DeliveryOutcome }> = [];
			let now = 0;
			let profile = 0;
			const drawOutcome = (batch: Batch): DeliveryOutcome => {
				const r = random();
				if (r < 0.25) return outcome.failed(deliveryError('partnerError', '2', 'down', { retryable: true }));
				if (r < 0.35) return outcome.failed(deliveryError('invalidCredentials', '190', 'expired'));
				if (r < 0.45) return outcome.failed(deliveryError('timeout', null, 'slow', { retryable: true }));
				const rejected = batch.messages.profileIndexes.map((_, index) => index).filter(() => random() < 0.2);
				return outcome.delivered('ok', rejected.map((index) => ({ index, error: deliveryError('otherError', null, 'bad item') })));
			};
			const step = (flush: boolean) => {
				for (const batch of d.takeReady(now, flush)) inFlight.push({ batch, at: now + Math.floor(random() * 4_000), result: drawOutcome(batch) });
				inFlight.sort((a, b) => a.at - b.at);
				while (inFlight.length > 0 && inFlight[0]!.at <= now) {
					const done = inFlight.shift()!;
					d.complete(done.batch.id, done.result, now);
				}
				assertConserved(d.totals);
			};
			for (let tick = 0; tick < 200; tick++) {
				now += 1_000;
				const arrivals = Math.floor(random() * 6);
				for (let i = 0; i < arrivals; i++) {
					const id = ids[Math.floor(random() * ids.length)]!;
					d.accept({ ...message(profile++, id, random() < 0.3 ? 'remove' : 'add'), identifier: random() < 0.1 ? null : `x${profile}` }, now);
				}
				if (random() < 0.03) {
					const id = ids[Math.floor(random() * ids.length)]!;
					if (random() < 0.5) deactivated.add(id);
					else deactivated.delete(id);
					d.recheck(now);
				}
				step(false);
			}
			deactivated.clear();
			for (let guard = 0; !d.idle || inFlight.length > 0; guard++) {
				if (guard > 10_000) throw new Error(`seed ${seed}: never became idle`);
				now += 1_000;
				step(true);
			}
			const totals = d.totals;
			expect(totals.accepted).toBe(finished(totals));
			const counted = d.drainIncrements().reduce((n, increment) => n + total(increment.counts), 0);
			expect(counted, `seed ${seed}`).toBe(totals.accepted);
			expect(total(emptyCounts())).toBe(0);
		}
	});
});

describe('dispatcher checkpoints', () => {
	it('resumes from a snapshot taken mid-send: the unanswered batch is sent again and counted once', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector(connector('c1'));
		for (let i = 0; i < 5; i++) d.accept(message(i), 0);
		const [sending] = d.takeReady(0);
		const saved = d.snapshot();
		// The tab crashes before the answer is recorded; a new dispatcher resumes.
		const resumed = new Dispatcher({ random: () => 0.5 });
		resumed.setConnector(connector('c1'));
		resumed.restore(saved, 1_000);
		expect(resumed.totals).toMatchObject({ accepted: 5, queued: 2, sending: 0, waitingRetry: 3 });
		const again = resumed.takeReady(1_000, true);
		expect(again.map((b) => b.messages.profileIndexes)).toEqual([
			sending!.messages.profileIndexes,
			[3, 4]
		]);
		for (const b of again) resumed.complete(b.id, outcome.delivered('ok'), 2_000);
		expect(resumed.totals).toMatchObject({ accepted: 5, sent: 5, queued: 0, waitingRetry: 0, sending: 0 });
	});

	it('resumes from a checkpoint saved by an older version, which kept an object per message', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector(connector('c1'));
		for (let i = 0; i < 5; i++) d.accept(message(i), 10 * i);
		d.takeReady(0);
		const saved = d.snapshot();
		const perMessage = (columns: { profileIndexes: number[]; identifiers: string[]; acceptedAt: number[] }) =>
			columns.profileIndexes.map((profileIndex, i) => ({ id: i + 1, profileIndex, identifier: columns.identifiers[i]!, acceptedAt: columns.acceptedAt[i]! }));
		const old = {
			...saved,
			lanes: saved.lanes.map((lane) => ({ ...lane, messages: perMessage(lane.messages) })),
			sending: saved.sending.map((batch) => ({ ...batch, messages: perMessage(batch.messages) }))
		} as unknown as typeof saved;
		const resumed = new Dispatcher({ random: () => 0.5 });
		resumed.setConnector(connector('c1'));
		resumed.restore(old, 1_000);
		const again = resumed.takeReady(1_000, true);
		expect(again.map((b) => b.messages)).toEqual([
			{ profileIndexes: [0, 1, 2], identifiers: ['id-0', 'id-1', 'id-2'], acceptedAt: [0, 10, 20] },
			{ profileIndexes: [3, 4], identifiers: ['id-3', 'id-4'], acceptedAt: [30, 40] }
		]);
		for (const b of again) resumed.complete(b.id, outcome.delivered('ok'), 2_000);
		expect(resumed.totals).toMatchObject({ accepted: 5, sent: 5, queued: 0, waitingRetry: 0, sending: 0 });
	});
});
