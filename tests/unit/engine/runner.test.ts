import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/domain/connector';
import { EngineRunner, type SimMessage, type SimulatorPort } from '$lib/engine/runner';
import { MockTransport } from '$lib/engine/transport';
import { faultBoard, handlers, partnerResponse } from '../../../mocks/handlers';
import { profile, sha256 } from '../../fixtures/delivery';
import { connector } from '../../fixtures/records';

const START = Date.UTC(2026, 10, 28, 9);
const meta: Connector = connector({
	id: 'meta-1',
	name: 'Meta',
	partnerId: 'meta',
	config: { adAccountId: 'act_1029384756', accessToken: 'EAAGtoken000000000000000000001', apiVersion: 'v23.0' }
});

/** A scripted simulator: messages at given times; profile 13 has no e-mail. */
function script(messages: SimMessage[]): SimulatorPort {
	let cursor = 0;
	return {
		advance(to) {
			const out: SimMessage[] = [];
			while (cursor < messages.length && messages[cursor]!.at <= to) out.push(messages[cursor++]!);
			return out;
		},
		profile: (index) => profile(index, index === 13 ? { email: null } : {})
	};
}

const audienceMessage = (profileIndex: number, at: number, operation: 'add' | 'remove' = 'add'): SimMessage => ({
	profileIndex,
	connectorId: 'meta-1',
	operation,
	settings: { audienceId: '23851234567890123' },
	source: { kind: 'audience', id: 'aud-1' },
	at
});

async function runner(messages: SimMessage[], sliceMs?: number) {
	const transport = new MockTransport((request) => partnerResponse(request, handlers));
	const r = new EngineRunner(
		{ simulator: script(messages), transportFor: () => transport, sha256: await sha256(), random: () => 0.5, timeZone: 'Europe/Amsterdam', sliceMs },
		START
	);
	r.setConnectors([meta]);
	return r;
}

afterEach(() => faultBoard.reset());

describe('engine runner', () => {
	it('sends adds and removes through the Meta adapter and mock, skipping a profile without e-mail', async () => {
		const messages = [
			...Array.from({ length: 20 }, (_, i) => audienceMessage(i, START + 1_000 + i)),
			...Array.from({ length: 5 }, (_, i) => audienceMessage(i, START + 120_000 + i, 'remove'))
		];
		const r = await runner(messages);
		await r.advanceTo(START + 10 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ accepted: 25, sent: 19, removed: 5, skipped: 1, errors: 0, queued: 0, sending: 0 });
		const { increments, log } = r.drain();
		expect(increments.reduce((n, i) => n + i.counts.sent, 0)).toBe(19);
		expect(log.map((e) => [e.method, e.category])).toEqual([
			['POST', 'sent'],
			['DELETE', 'removed']
		]);
		expect(log[0]?.url).toContain('access_token=••••••••');
		expect(log[0]?.day).toBe('2026-11-28');
	});

	it('sends no profile before its own time, however long the slice the simulator ran ahead', async () => {
		// One profile early in the hour, three more half an hour later: the first waits its 5
		// seconds and leaves alone; the others leave once they exist, not with it.
		const later = START + 30 * 60_000;
		const messages = [audienceMessage(1, START + 1_000), ...[2, 3, 4].map((i) => audienceMessage(i, later + i))];
		const r = await runner(messages, 60 * 60_000);
		await r.advanceTo(START + 60 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ accepted: 4, sent: 4, queued: 0 });
		const posts = r.drain().log.filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[0]!.at).toBeLessThan(START + 60_000);
		expect(posts[1]!.at).toBeGreaterThanOrEqual(later + 4);
	});

	it('counts Invalid credentials when the token expired, without retrying', async () => {
		faultBoard.set('meta-1', { credentials: 'expired' });
		const r = await runner(Array.from({ length: 10 }, (_, i) => audienceMessage(i, START + i)));
		await r.advanceTo(START + 5 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ accepted: 10, errors: 10, attempts: 1, retries: 0 });
		expect(r.drain().increments[0]?.counts.invalidCredentials).toBe(10);
	});

	it('retries an outage and delivers once the partner recovers', async () => {
		faultBoard.set('meta-1', { outage: 'partnerError' });
		const r = await runner(Array.from({ length: 3 }, (_, i) => audienceMessage(i, START + i)));
		await r.advanceTo(START + 10_000);
		expect(r.dispatcher.totals).toMatchObject({ waitingRetry: 3, sent: 0 });
		expect(r.dispatcher.totals.retries).toBeGreaterThanOrEqual(1);
		faultBoard.reset();
		await r.advanceTo(START + 10 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ sent: 3, errors: 0, waitingRetry: 0 });
	});

	it('ends a slow partner\'s requests as Timeout after the retries run out', async () => {
		faultBoard.set('meta-1', { slow: { medianMs: 10_000, spread: 0 } });
		const r = await runner([audienceMessage(1, START)]);
		await r.advanceTo(START + 60 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ errors: 1, attempts: 5 });
		expect(r.drain().increments.reduce((n, i) => n + i.counts.timeout, 0)).toBe(1);
	});

	it('cancels what is queued when the connector is deactivated mid-run, and accepts nothing more from audiences', async () => {
		faultBoard.set('meta-1', { outage: 'empty500' });
		const r = await runner([...Array.from({ length: 4 }, (_, i) => audienceMessage(i, START + i)), audienceMessage(9, START + 120_000)]);
		await r.advanceTo(START + 10_000);
		expect(r.dispatcher.totals.waitingRetry).toBe(4);
		r.setConnectors([{ ...meta, status: 'deactivated' }]);
		faultBoard.reset();
		await r.advanceTo(START + 10 * 60_000);
		expect(r.dispatcher.totals).toMatchObject({ accepted: 4, cancelled: 4, sent: 0, waitingRetry: 0 });
	});
});
