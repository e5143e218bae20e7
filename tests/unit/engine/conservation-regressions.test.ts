import { afterEach, describe, expect, it } from 'vitest';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { Dispatcher } from '$lib/engine/dispatcher';
import { EngineRunner, type SimMessage, type SimulatorPort } from '$lib/engine/runner';
import { MockTransport } from '$lib/engine/transport';
import { outcome } from '$lib/partners/adapter';
import { adapter as meta } from '$lib/partners/meta/adapter';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, profile, sha256 } from '../../fixtures/delivery';

/** Bugs the conservation property (conservation.test.ts) found, one focused test each. */

const START = Date.UTC(2026, 10, 28, 9);
const mocks = createPartnerMocks();

afterEach(() => {
	mocks.reset();
});

describe('a rate-limited connector at the end of a run', () => {
	it('wakes when its bucket holds a token again, not when the batch was due', () => {
		const d = new Dispatcher({ random: () => 0.5 });
		d.setConnector({ id: 'x', maxBatchSize: 10, requestsPerMinute: 1, concurrency: 4, supportsRemoval: true });
		const message = (operation: 'add' | 'remove') => ({
			profileIndex: 1,
			identifier: 'u1',
			connectorId: 'x',
			operation,
			settings: {},
			settingsKey: '',
			source: { kind: 'audience' as const, id: 'a' }
		});
		d.accept(message('add'), 0);
		d.accept(message('remove'), 0);
		const [first] = d.takeReady(5_000);
		d.complete(first!.id, outcome.delivered('ok'), 5_200);
		// The remove is due since 5 s, but the one token a minute went to the add.
		expect(d.takeReady(5_200)).toEqual([]);
		expect(d.nextWakeAt()).toBe(65_000);
		expect(d.takeReady(65_000)).toHaveLength(1);
	});

	it('flushes everything: Xandr\'s add and remove of one moment both end, a minute apart', async () => {
		const xandr = demoWorkspace({ now: START, timeZone: 'UTC', history: 'skipped' }).connectors.find((c) => c.id === 'demo-xandr')!;
		const messages: SimMessage[] = (['add', 'remove'] as const).map((operation, i) => ({
			profileIndex: i,
			connectorId: xandr.id,
			operation,
			settings: { segmentId: '31337', expirationMinutes: '' },
			source: { kind: 'audience', id: 'aud-1' },
			at: START
		}));
		let cursor = 0;
		const simulator: SimulatorPort = {
			advance: (to) => (cursor < messages.length && messages[0]!.at <= to ? messages.slice(cursor, (cursor = messages.length)) : []),
			profile: (index) => profile(index)
		};
		const transport = new MockTransport((request) => mocks.respond(request));
		const runner = new EngineRunner({ simulator, transportFor: () => transport, sha256: await sha256(), random: () => 0.5, timeZone: 'UTC' }, START);
		runner.setConnectors([xandr]);
		await runner.advanceTo(START + 1);
		await runner.flush();
		expect(runner.dispatcher.totals).toMatchObject({ accepted: 2, sent: 1, removed: 1, queued: 0, waitingRetry: 0, sending: 0 });
		expect(runner.now - START).toBeGreaterThanOrEqual(60_000);
	});
});

describe('Meta\'s invalid entries', () => {
	it('rejects one entry per sampled value when a profile is in the batch twice', () => {
		const id = 'a'.repeat(64);
		const other = 'b'.repeat(64);
		const d = delivery('add', [id, other, id].map((identifier, i) => ({ profileId: `p${i}`, identifier, profile: profile(i) })), { adAccountId: 'act_1', accessToken: 'EAAG' + 'x'.repeat(30), apiVersion: 'v23.0' }, { audienceId: '1' });
		const first = meta.begin(d, null);
		if (first.kind !== 'send') throw new Error('Meta sends the batch');
		// Meta refused one of the two rows with that value: it names the value once and counts one.
		const body = JSON.stringify({ audience_id: '1', session_id: '1', num_received: 3, num_invalid_entries: 1, invalid_entry_samples: { [id]: 'No match could be made for this entry' } });
		const step = meta.advance(first.state, { kind: 'response', status: 200, headers: { 'content-type': 'application/json' }, body, latencyMs: 100 });
		if (step.kind !== 'finish') throw new Error('one request');
		expect(step.outcome.batchError).toBeNull();
		expect(step.outcome.rejected.map((r) => r.index)).toEqual([0]);
	});
});
