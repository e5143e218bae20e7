import { describe, expect, it } from 'vitest';
import { overviewChartOption, overviewRows, overviewTooltip, sortOverview, sparklineSeries } from '$lib/domain/stats-overview';
import { breaches, defaultAlertSettings, lastHour } from '$lib/domain/stats-alerts';
import { emptyCounts, type DailyStatistics, type HourlyStatistics, type OutcomeCounts } from '$lib/domain/statistics';
import { freshStore, metaConfig } from '../../fixtures/store';

const counts = (change: Partial<OutcomeCounts>): OutcomeCounts => ({ ...emptyCounts(), ...change });
const day = (connectorId: string, d: string, change: Partial<OutcomeCounts>): DailyStatistics => ({ connectorId, day: d, counts: counts(change) });
const hour = (connectorId: string, h: number, change: Partial<OutcomeCounts>): HourlyStatistics => ({ connectorId, hour: h, counts: counts(change) });
const H = 3_600_000;
const T = Date.UTC(2026, 10, 28, 12);

describe('partners overview', () => {
	const connectors = [
		{ id: 'a', name: 'Alpha', partnerName: 'Meta' },
		{ id: 'b', name: 'beta', partnerName: 'Xandr' },
		{ id: 'c', name: 'Gamma', partnerName: 'DV360' }
	];
	const stats = [
		day('a', '2026-11-27', { sent: 90, timeout: 10 }),
		day('a', '2026-11-28', { sent: 100 }),
		day('b', '2026-11-28', { sent: 10, removed: 5, partnerErrors: { UNAUTH: 15 } })
	];

	it('totals every connector over the range, zeros for the quiet ones, and sorts by any column', () => {
		const rows = overviewRows(connectors, stats);
		expect(rows.map((r) => [r.name, r.counts.sent, r.errors])).toEqual([
			['Alpha', 190, 10],
			['beta', 10, 15],
			['Gamma', 0, 0]
		]);
		expect(sortOverview(rows, 'errorRate', 'descending').map((r) => r.name)).toEqual(['beta', 'Alpha', 'Gamma']);
		expect(sortOverview(rows, 'name', 'ascending').map((r) => r.name)).toEqual(['Alpha', 'beta', 'Gamma']);
		expect(sortOverview(rows, 'sent', 'ascending').map((r) => r.name)).toEqual(['Gamma', 'beta', 'Alpha']);
		const option = overviewChartOption(rows);
		expect(option.series.map((s) => [s.id, s.data])).toEqual([
			['sent', [190, 10, 0]],
			['removed', [0, 5, 0]],
			['errors', [10, 15, 0]]
		]);
	});

	it('gives each connector’s bar a tooltip as rows: sent, removed and errors with their colours, then the error rate', () => {
		const rows = overviewRows(connectors, stats);
		expect(overviewTooltip(rows, 1)).toEqual({
			title: 'beta',
			note: 'Xandr',
			rows: [
				{ label: 'Successfully sent', colour: expect.any(String), count: 10, muted: false },
				{ label: 'Successfully removed', colour: expect.any(String), count: 5, muted: false },
				{ label: 'Errors', colour: expect.any(String), count: 15, muted: false }
			],
			total: { label: 'Error rate', value: '50.0 %' },
			hint: "Click a bar for the connector's statistics"
		});
		expect(overviewTooltip(rows, 3)).toBeNull();
	});

	it('gives each connector a 7-day sparkline and its error rate', () => {
		const days = ['2026-11-26', '2026-11-27', '2026-11-28'];
		expect(sparklineSeries(stats, 'a', days)).toEqual({ values: [0, 100, 100], errors: [0, 10, 0], errorRate: 10 / 200 });
		expect(sparklineSeries(stats, 'c', days)).toEqual({ values: [0, 0, 0], errors: [0, 0, 0], errorRate: 0 });
	});
});

describe('alerts', () => {
	it('judges the last sandbox hour against the threshold and the minimum number of messages', () => {
		const rule = { ...defaultAlertSettings('a'), thresholdPercent: 20, minimumMessages: 50 };
		// Half an hour into the current hour: the previous hour counts half.
		const now = T + H / 2;
		const window = lastHour([hour('a', T, { sent: 30, invalidCredentials: 30 }), hour('a', T - H, { sent: 100 })], now);
		expect(window).toEqual({ messages: 110, errors: 30, errorRate: 30 / 110 });
		expect(breaches(window, rule)).toBe(true);
		expect(breaches(window, { ...rule, thresholdPercent: 30 })).toBe(false);
		expect(breaches(window, { ...rule, minimumMessages: 500 })).toBe(false);
		expect(breaches(window, { ...rule, enabled: false })).toBe(false);
		expect(lastHour([hour('a', T - 2 * H, { timeout: 99 })], now)).toEqual({ messages: 0, errors: 0, errorRate: 0 });
	});

	it('raises an alert once until it is acknowledged, and refuses an invalid rule with its reason', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		const id = created.value.id;
		const window = { messages: 100, errors: 40, errorRate: 0.4 };
		const [first, second] = await Promise.all([store.alerts.raiseIfNone(id, window, 20, T), store.alerts.raiseIfNone(id, window, 20, T)]);
		expect([first, second].filter(Boolean)).toHaveLength(1);
		expect(await store.alerts.open()).toHaveLength(1);
		await store.alerts.acknowledge(first?.id ?? second!.id, T + H);
		expect(await store.alerts.open()).toEqual([]);
		expect(await store.alerts.raiseIfNone(id, window, 20, T + 2 * H)).not.toBeNull();
		await expect(store.alerts.saveSettings({ connectorId: id, enabled: true, thresholdPercent: 0, minimumMessages: 10 })).rejects.toThrow(/at least 1 %/);
		expect(await store.alerts.settings(id)).toEqual(defaultAlertSettings(id));
		await store.alerts.saveSettings({ connectorId: id, enabled: true, thresholdPercent: 5, minimumMessages: 10 });
		expect((await store.alerts.settings(id)).thresholdPercent).toBe(5);
		store.close();
	});
});
