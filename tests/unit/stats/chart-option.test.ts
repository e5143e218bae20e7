import { describe, expect, it } from 'vitest';
import { barAt, chartOption, dayTooltip, statisticsView } from '$lib/domain/chart-option';
import { csvFileName, viewCsv } from '$lib/domain/stats-csv';
import { helpForCode } from '$lib/domain/stats-help';
import { meta as metaPartner } from '$lib/partners/meta';
import { hoursInDay, parseRange, rangeDays } from '$lib/domain/stats-range';
import { dayInZone } from '$lib/domain/time';
import { errorRate, formatRate, seriesFor, SENT_COLOR, REMOVED_COLOR } from '$lib/domain/stats-series';
import { emptyCounts, type DailyStatistics, type OutcomeCounts } from '$lib/domain/statistics';

const counts = (change: Partial<OutcomeCounts>): OutcomeCounts => ({ ...emptyCounts(), ...change });
const row = (day: string, change: Partial<OutcomeCounts>, connectorId = 'c'): DailyStatistics => ({ connectorId, day, counts: counts(change) });
const meta = { reportsPartnerErrorCodes: true, codeMessage: (code: string) => helpForCode(metaPartner.errorHelp, code)?.title ?? null };
const plain = { reportsPartnerErrorCodes: false, codeMessage: () => null };
const NOW = Date.UTC(2026, 10, 28, 12);

describe('statistics chart option', () => {
	it('draws one stacked bar per day of the range: green sent, blue removed, then the error categories', () => {
		const stats = [row('2026-11-28', { sent: 120, removed: 30, timeout: 4 }), row('2026-11-22', { sent: 9 }), row('2026-11-21', { sent: 1000 })];
		for (const range of [7, 30, 90] as const) {
			const option = chartOption(stats, range, 'UTC', plain, NOW);
			expect((option.xAxis as { data: string[] }).data).toHaveLength(range);
			const sent = option.series.find((s) => s.id === 'sent')!;
			expect(sent.data).toHaveLength(range);
			expect(sent.data.at(-1)).toBe(120);
			// The 21st is outside the last 7 days and inside the last 30.
			expect(sent.data.reduce((a, b) => a + b, 0)).toBe(range === 7 ? 129 : 1129);
			// Error categories without a message in the range draw no bars (the legend keeps them).
			expect(option.series.map((s) => s.id)).toEqual(['sent', 'removed', 'timeout']);
			expect(seriesFor(stats, plain).map((s) => s.key)).toEqual(['sent', 'removed', 'otherError', 'invalidCredentials', 'timeout']);
			expect(option.series.every((s) => s.stack === 'messages')).toBe(true);
		}
		const option = chartOption(stats, 7, 'UTC', plain, NOW);
		expect(option.series[0]!.itemStyle.color).toBe(SENT_COLOR);
		expect(option.series[1]!.itemStyle.color).toBe(REMOVED_COLOR);
		// Errors carry a pattern as well as a colour, for colour-blind readers.
		expect(option.series.slice(2).every((s) => s.itemStyle.decal)).toBe(true);
	});

	it('gives partners that report codes one series per code, with its message in the legend, and others one "Partner error"', () => {
		const stats = [row('2026-11-27', { sent: 10, partnerErrors: { '190': 5, invalid_entry: 2 } }), row('2026-11-28', { partnerErrors: { '190': 1 } })];
		const series = seriesFor(stats, meta);
		expect(series.slice(5).map((s) => [s.key, s.label])).toEqual([
			['code:190', '190: access token expired or invalidated'],
			['code:invalid_entry', 'invalid_entry: Meta could not use a profile’s entry']
		]);
		const option = chartOption(stats, 7, 'UTC', meta, NOW);
		expect(option.series.find((s) => s.id === 'code:190')!.data.slice(-2)).toEqual([5, 1]);
		expect(seriesFor(stats, plain).slice(5).map((s) => s.key)).toEqual(['partnerError']);
	});

	it('never draws skipped or cancelled as bars, but the tooltip, table and CSV count them', () => {
		const stats = [row('2026-11-28', { sent: 3, skipped: 7, cancelled: 2 })];
		const view = statisticsView(stats, 7, 'UTC', plain, '2026-11-28');
		expect(chartOption(stats, 7, 'UTC', plain, NOW).series.map((s) => s.id)).not.toContain('skipped');
		const tooltip = dayTooltip(view, 6)!;
		expect(tooltip.rows).toContainEqual({ label: 'Skipped (no identifier)', colour: null, count: 7, muted: true });
		expect(tooltip.rows).toContainEqual({ label: 'Cancelled', colour: null, count: 2, muted: true });
		const csv = viewCsv(view).split('\r\n');
		expect(csv[0]).toBe('Day,Successfully sent,Successfully removed,Other error,Invalid credentials,Timeout,Skipped (no identifier),Cancelled,Errors,Error rate (%),Hours in day');
		expect(csv[7]).toBe('2026-11-28,3,0,0,0,0,7,2,0,0,24');
		expect(csvFileName('Meta Retargeting EU', view)).toBe('meta-retargeting-eu-statistics-2026-11-22-to-2026-11-28.csv');
	});

	it('counts days in the workspace time zone, 23 and 25 hours on daylight-saving days', () => {
		expect(hoursInDay('2026-03-29', 'Europe/Amsterdam')).toBe(23);
		expect(hoursInDay('2026-10-25', 'Europe/Amsterdam')).toBe(25);
		expect(hoursInDay('2026-10-25', 'UTC')).toBe(24);
		expect(hoursInDay('2026-11-01', 'America/New_York')).toBe(25);
		// 23:30 UTC on the 27th is already the 28th in Amsterdam.
		const late = Date.UTC(2026, 10, 27, 23, 30);
		expect(rangeDays(2, late, 'Europe/Amsterdam')).toEqual(['2026-11-27', '2026-11-28']);
		expect(rangeDays(2, late, 'America/Los_Angeles')).toEqual(['2026-11-26', '2026-11-27']);
		const view = statisticsView([], 7, 'Europe/Amsterdam', plain, '2026-10-28');
		expect(view.hours).toEqual([24, 24, 24, 25, 24, 24, 24]);
		expect(dayTooltip(view, 3)!.note).toContain('25-hour day');
		expect(dayTooltip(view, 2)!.note).toBeNull();
	});

	it('gets every day of a year right in zones with half-hour shifts and skipped days', () => {
		// Lord Howe moves its clocks by 30 minutes; Samoa skipped 30 December 2011 altogether.
		expect(hoursInDay('2026-04-05', 'Australia/Lord_Howe')).toBe(24.5);
		expect(hoursInDay('2026-10-04', 'Australia/Lord_Howe')).toBe(23.5);
		expect(hoursInDay('2011-12-30', 'Pacific/Apia')).toBe(0);
		expect(hoursInDay('2011-12-29', 'Pacific/Apia')).toBe(24);
		// Against counting every quarter hour of the window, one day at a time.
		const counted = (day: string, timeZone: string) => {
			const midnight = Date.parse(`${day}T00:00:00Z`);
			let quarters = 0;
			for (let t = midnight - 15 * 3_600_000; t < midnight + 39 * 3_600_000; t += 900_000) {
				if (dayInZone(t, timeZone) === day) quarters++;
			}
			return quarters / 4;
		};
		for (const zone of ['Europe/Amsterdam', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
			const days = rangeDays(365, Date.UTC(2026, 11, 31, 12), 'UTC');
			expect(days.map((day) => hoursInDay(day, zone))).toEqual(days.map((day) => counted(day, zone)));
		}
	});

	it('tells which day and series a clicked bar stands for, and reads ranges from the URL', () => {
		const view = statisticsView([row('2026-11-28', { sent: 1, timeout: 1 })], 7, 'UTC', plain, '2026-11-28');
		expect(barAt(view, 'timeout', 6)).toEqual({ day: '2026-11-28', key: 'timeout' });
		expect(barAt(view, 'nonsense', 6)).toBeNull();
		expect(parseRange('90')).toEqual({ range: 90, problem: null });
		expect(parseRange(null).range).toBe(30);
		expect(parseRange('365').problem).toMatch(/"365" is not a range/);
	});

	it('keeps markup in partner messages as plain text in the tooltip (the page renders it as text)', () => {
		const evil = { reportsPartnerErrorCodes: true, codeMessage: () => '<img src=x onerror=alert(1)>' };
		const view = statisticsView([row('2026-11-28', { partnerErrors: { X: 1 } })], 7, 'UTC', evil, '2026-11-28');
		expect(dayTooltip(view, 6)!.rows.find((r) => r.count === 1)?.label).toBe('X: <img src=x onerror=alert(1)>');
	});

	it('gives a day’s tooltip as rows: the drawn categories with their colours, then skipped and cancelled, then the errors', () => {
		const view = statisticsView([row('2026-11-28', { sent: 1200, removed: 30, timeout: 4, skipped: 2 })], 7, 'UTC', plain, '2026-11-28');
		expect(dayTooltip(view, 6)).toEqual({
			title: expect.stringContaining('28'),
			note: null,
			rows: [
				{ label: 'Successfully sent', colour: SENT_COLOR, count: 1200, muted: false },
				{ label: 'Successfully removed', colour: REMOVED_COLOR, count: 30, muted: false },
				{ label: 'Timeout', colour: expect.any(String), count: 4, muted: false },
				{ label: 'Skipped (no identifier)', colour: null, count: 2, muted: true },
				{ label: 'Cancelled', colour: null, count: 0, muted: true }
			],
			total: { label: 'Errors (0.3 %)', value: '4' },
			hint: 'Click a bar for the requests behind it'
		});
		// A day with nothing still lists sent and removed; past the range there is no tooltip.
		expect(dayTooltip(view, 0)!.rows.map((r) => r.label)).toEqual(['Successfully sent', 'Successfully removed', 'Skipped (no identifier)', 'Cancelled']);
		expect(dayTooltip(view, 7)).toBeNull();
	});

	it('rates errors among what was tried, not what was skipped', () => {
		expect(errorRate(counts({ sent: 90, timeout: 10, skipped: 1000 }))).toBeCloseTo(0.1);
		expect(formatRate(0)).toBe('0 %');
		expect(formatRate(0.0004)).toBe('< 0.1 %');
		expect(formatRate(0.123)).toBe('12.3 %');
	});
});
