import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceStore, type WorkspaceStore } from '$lib/db';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { HOUR_MS } from '$lib/domain/time';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import type { OutcomeCounts } from '$lib/domain/statistics';
import { seededRandom } from '$lib/engine/random';
import type { SimMessage } from '$lib/engine/runner';
import { EngineService, type Simulation, type SimulationFactory } from '$lib/engine/service';
import { MockTransport } from '$lib/engine/transport';
import { faultBoard, handlers, partnerResponse } from '../../../mocks/handlers';
import { profile, sha256 } from '../../fixtures/delivery';
import { simulateQuota } from '../db/quota';

const NOW = Date.UTC(2026, 10, 28, 12);

/** A simulation that adds ten profiles to the Meta connector every hour; resumable from a snapshot. */
const fakeSimulation: SimulationFactory = ({ now }) => {
	let cursor = now;
	let next = 0;
	const simulation: Simulation = {
		advance(to) {
			const out: SimMessage[] = [];
			for (let hour = Math.floor(cursor / HOUR_MS) + 1; hour * HOUR_MS <= to; hour++) {
				for (let i = 0; i < 10; i++)
					out.push({
						profileIndex: next++,
						connectorId: 'demo-meta',
						operation: 'add',
						settings: { audienceId: '23851234567890123' },
						source: { kind: 'audience', id: 'demo-audience-cart' },
						at: hour * HOUR_MS
					});
			}
			cursor = to;
			return out;
		},
		profile: (index) => profile(index),
		updateDefinitions() {},
		snapshot: () => ({ cursor, next }),
		restore(snapshot) {
			({ cursor, next } = snapshot as { cursor: number; next: number });
		}
	};
	return simulation;
};

/** A simulation that adds one profile an hour to every connector its audiences use, as they are defined. */
const followingAudiences: SimulationFactory = ({ now, audiences }) => {
	let cursor = now;
	let next = 0;
	let uses = audiences.flatMap((a) => a.connectors.map((use) => ({ audienceId: a.id, ...use })));
	return {
		advance(to) {
			const out: SimMessage[] = [];
			for (let hour = Math.floor(cursor / HOUR_MS) + 1; hour * HOUR_MS <= to; hour++) {
				for (const use of uses)
					out.push({ profileIndex: next++, connectorId: use.connectorId, operation: 'add', settings: use.settings, source: { kind: 'audience', id: use.audienceId }, at: hour * HOUR_MS });
			}
			cursor = to;
			return out;
		},
		profile: (index) => profile(index),
		updateDefinitions(changed) {
			uses = changed.flatMap((a) => a.connectors.map((use) => ({ audienceId: a.id, ...use })));
		},
		snapshot: () => ({ cursor, next }),
		restore() {}
	};
};

async function service(name: string, createSimulation: SimulationFactory = fakeSimulation): Promise<{ service: EngineService; store: WorkspaceStore }> {
	const store = await openWorkspaceStore({ name });
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'Europe/Amsterdam', history: 'skipped' }));
	const hash = await sha256();
	const engine = new EngineService({
		openStore: async () => store,
		mockTransport: async () => new MockTransport((request) => partnerResponse(request, handlers)),
		liveTransport: { send: () => Promise.reject(new Error('no live endpoint in this test')) },
		setFaults: (id, faults) => void faultBoard.set(id, faults),
		createSimulation,
		sha256: async () => hash,
		random: seededRandom,
		realNow: () => performance.now(),
		wallClock: () => NOW,
		yieldToEvents: async () => {}
	});
	await engine.open({ databaseName: name, timeZone: 'Europe/Amsterdam', seed: 7 });
	return { service: engine, store };
}

afterEach(() => faultBoard.reset());

describe('engine service', () => {
	it('steps the sandbox clock, commits statistics with its checkpoint, and resumes after a reload', async () => {
		const name = `service-${Date.now()}-1`;
		const first = await service(name);
		await first.service.step(3 * HOUR_MS);
		expect(first.service.progress()).toMatchObject({ clock: NOW + 3 * HOUR_MS, totals: { accepted: 30 } });
		const daily = await first.store.statistics.daily(['demo-meta'], '2026-11-28', '2026-11-28');
		const committed = daily[0]!.counts.sent + daily[0]!.counts.skipped;
		const { accepted, inFlight } = first.service.progress().totals;
		expect(committed + inFlight).toBe(accepted);
		first.service.close();

		// A reload: a new service over the same database continues where the last commit left off.
		const second = await service(name);
		expect(second.service.progress().clock).toBe(NOW + 3 * HOUR_MS);
		await second.service.step(2 * HOUR_MS);
		const totals = second.service.progress().totals;
		expect(totals.accepted).toBe(50);
		const after = await second.store.statistics.daily(['demo-meta'], '2026-11-28', '2026-11-28');
		expect(after[0]!.counts.sent + after[0]!.counts.skipped + totals.inFlight).toBe(50);
		second.service.close();
	});

	it('keeps the counts of a commit the full storage refused, and stores them with the next one', async () => {
		const name = `service-${Date.now()}-quota`;
		const { service: engine, store } = await service(name);
		const quota = simulateQuota();
		try {
			await engine.step(HOUR_MS);
			quota.full = true;
			await expect(engine.step(2 * HOUR_MS)).rejects.toThrow();
			quota.full = false;
			await engine.step(HOUR_MS);
		} finally {
			quota.restore();
		}
		// Everything the engine finished is in the stored statistics, the refused hours included.
		const { accepted, inFlight } = engine.progress().totals;
		expect(accepted).toBe(40);
		const daily = await store.statistics.daily(['demo-meta'], '2026-11-28', '2026-11-28');
		expect(daily[0]!.counts.sent + daily[0]!.counts.skipped + inFlight).toBe(accepted);
		engine.close();
	});

	it('says after a reload that a history generation was cut short, until history is generated again', async () => {
		const name = `service-${Date.now()}-history-cut`;
		const first = await service(name);
		const quota = simulateQuota();
		try {
			// The storage fills up after the first day: the generation stops there, as a killed worker would.
			first.service.subscribe((p) => {
				if (p.history && p.history.done >= 1) quota.full = true;
			});
			await expect(first.service.generateHistory({ days: 3 })).rejects.toThrow();
		} finally {
			quota.restore();
		}
		first.service.close();

		const second = await service(name);
		expect(second.service.progress().problem).toMatch(/^Generating 3 days of history was interrupted after [0-2] of them .*Generate history again to replace it\.$/);
		expect(await second.service.generateHistory({ days: 3 })).toMatchObject({ completed: true });
		expect(second.service.progress().problem).toBeNull();
		second.service.close();
	});

	it('generates history day by day with progress, replacing earlier statistics', async () => {
		const name = `service-${Date.now()}-2`;
		const { service: engine, store } = await service(name);
		const seen: number[] = [];
		engine.subscribe((p) => p.history && seen.push(p.history.done));
		const result = await engine.generateHistory({ days: 3 });
		expect(result).toMatchObject({ completed: true, messages: 720 });
		expect(seen).toContain(3);
		const days = await store.statistics.daily(['demo-meta'], '2026-11-01', '2026-11-30');
		expect(days.map((d) => d.day).sort()).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
		const total = days.reduce((n, d) => n + d.counts.sent + d.counts.skipped + d.counts.otherError + Object.values(d.counts.partnerErrors).reduce((a, b) => a + b, 0), 0);
		expect(total).toBe(720);
		// The live clock did not move.
		expect(engine.progress().clock).toBe(NOW);
		engine.close();
	});

	it('sends in the history to connectors detached since, until the moment they were detached', async () => {
		const name = `service-${Date.now()}-history-detached`;
		const { service: engine, store } = await service(name, followingAudiences);
		// The demo's newsletter audience sent to Mailchimp until twelve days ago.
		const newsletter = (await store.audiences.get('demo-audience-newsletter'))!;
		const detachedAt = newsletter.formerConnectors![0]!.detachedAt;
		expect(detachedAt).toBe(NOW - 12 * 24 * HOUR_MS);
		expect((await engine.generateHistory({ days: 14 })).completed).toBe(true);
		const hours = await store.statistics.hourly('demo-mailchimp', NOW - 14 * 24 * HOUR_MS, NOW);
		// Every message counts, whatever its outcome (the history's Mailchimp refuses a few).
		const outcomes = (c: OutcomeCounts) => c.sent + c.removed + c.otherError + c.invalidCredentials + c.timeout + c.skipped + c.cancelled + Object.values(c.partnerErrors).reduce((a, b) => a + b, 0);
		const sentBetween = (from: number, to: number) => hours.filter((h) => h.hour >= from && h.hour < to).reduce((n, h) => n + outcomes(h.counts), 0);
		// One profile an hour for the two days before the detachment, and none after it (the last
		// batch goes out within the history's batch wait, and counts when it is sent).
		expect(sentBetween(NOW - 14 * 24 * HOUR_MS, NOW)).toBe(48);
		expect(sentBetween(detachedAt + 6 * HOUR_MS, NOW)).toBe(0);
		// Audiences that still use their connectors sent all along.
		const azure = await store.statistics.hourly('demo-azure', NOW - 24 * HOUR_MS, NOW);
		expect(azure.reduce((n, h) => n + h.counts.sent, 0)).toBeGreaterThan(0);
		engine.close();
	});

	it('ends the history with the faults set now: a token that expired shows on the last day only', async () => {
		const name = `service-${Date.now()}-history-present`;
		const { service: engine, store } = await service(name);
		await store.faults.set('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });
		const result = await engine.generateHistory({ days: 3 });
		expect(result).toMatchObject({ completed: true, messages: 720 });
		const hours = await store.statistics.hourly('demo-meta', NOW - 3 * 24 * HOUR_MS, NOW);
		const lastDayStart = NOW - 24 * HOUR_MS;
		const failed = (from: number, to: number) =>
			hours.filter((h) => h.hour >= from && h.hour < to).reduce((n, h) => n + h.counts.invalidCredentials, 0);
		const sent = (from: number, to: number) => hours.filter((h) => h.hour >= from && h.hour < to).reduce((n, h) => n + h.counts.sent, 0);
		expect(failed(NOW - 3 * 24 * HOUR_MS, lastDayStart)).toBe(0);
		expect(sent(NOW - 3 * 24 * HOUR_MS, lastDayStart)).toBeGreaterThan(0);
		expect(failed(lastDayStart, NOW)).toBeGreaterThan(0);
		expect(sent(lastDayStart + HOUR_MS, NOW)).toBe(0);
		// Afterwards the knob is as the user set it.
		expect((await store.faults.all()).get('demo-meta')?.credentials).toBe('expired');
		engine.close();
	});
});
