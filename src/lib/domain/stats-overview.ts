import { addCounts, emptyCounts, errorTotal, type DailyStatistics, type OutcomeCounts } from './statistics';
import { errorRate, ERROR_COLOR_OVERVIEW, formatRate, REMOVED_COLOR, SENT_COLOR } from './stats-series';
import type { ChartOption, ChartTooltip } from './chart-option';

/** One connector's totals over a range, for the Partners overview. */
export interface OverviewRow {
	connectorId: string;
	name: string;
	partnerName: string;
	counts: OutcomeCounts;
	errors: number;
	errorRate: number;
}

export const OVERVIEW_SORT_KEYS = ['name', 'partnerName', 'sent', 'removed', 'errors', 'skipped', 'cancelled', 'errorRate'] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

/** Totals per connector (every connector listed, with zeros where nothing happened). */
export function overviewRows(connectors: ReadonlyArray<{ id: string; name: string; partnerName: string }>, statistics: readonly DailyStatistics[]): OverviewRow[] {
	const totals = new Map<string, OutcomeCounts>();
	for (const row of statistics) totals.set(row.connectorId, addCounts(totals.get(row.connectorId) ?? emptyCounts(), row.counts));
	return connectors.map((c) => {
		const counts = totals.get(c.id) ?? emptyCounts();
		return { connectorId: c.id, name: c.name, partnerName: c.partnerName, counts, errors: errorTotal(counts), errorRate: errorRate(counts) };
	});
}

function sortValue(row: OverviewRow, key: OverviewSortKey): string | number {
	switch (key) {
		case 'name':
		case 'partnerName':
			return row[key].toLocaleLowerCase('en');
		case 'errors':
		case 'errorRate':
			return row[key];
		default:
			return row.counts[key];
	}
}

/** Rows sorted by a column; ties keep the connectors' names in order. */
export function sortOverview(rows: readonly OverviewRow[], key: OverviewSortKey, direction: 'ascending' | 'descending'): OverviewRow[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = sortValue(a, key);
		const y = sortValue(b, key);
		const order = x < y ? -1 : x > y ? 1 : 0;
		return order * sign || a.name.localeCompare(b.name, 'en');
	});
}

/** A stacked bar per connector: sent, removed, errors. */
export function overviewChartOption(rows: readonly OverviewRow[]): ChartOption {
	const bar = (id: string, name: string, color: string, data: number[], decal = false) => ({
		type: 'bar' as const,
		id,
		name,
		stack: 'messages',
		data,
		itemStyle: decal
			? { color, decal: { symbol: 'rect', symbolSize: 1, rotation: Math.PI / 4, dashArrayX: [1, 0], dashArrayY: [2, 4], color: 'rgba(255, 255, 255, 0.6)' } }
			: { color },
		emphasis: { focus: 'series' as const },
		barMaxWidth: 22
	});
	return {
		animation: false,
		// Room for the connectors' names (cut at 200 px) and the value labels.
		grid: { left: 212, right: 28, top: 32, bottom: 28 },
		legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: ['Successfully sent', 'Successfully removed', 'Errors'] },
		yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { color: '#4a5261', width: 200, overflow: 'truncate' } },
		xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4a5261' }, splitLine: { lineStyle: { color: '#e8ebf0' } } },
		series: [
			bar('sent', 'Successfully sent', SENT_COLOR, rows.map((r) => r.counts.sent)),
			bar('removed', 'Successfully removed', REMOVED_COLOR, rows.map((r) => r.counts.removed)),
			bar('errors', 'Errors', ERROR_COLOR_OVERVIEW, rows.map((r) => r.errors), true)
		]
	};
}

/** The tooltip of one connector's bar on the overview: its totals and error rate; null past the rows. */
export function overviewTooltip(rows: readonly OverviewRow[], index: number): ChartTooltip | null {
	const row = rows[index];
	if (!row) return null;
	return {
		title: row.name,
		note: row.partnerName,
		rows: [
			{ label: 'Successfully sent', colour: SENT_COLOR, count: row.counts.sent, muted: false },
			{ label: 'Successfully removed', colour: REMOVED_COLOR, count: row.counts.removed, muted: false },
			{ label: 'Errors', colour: ERROR_COLOR_OVERVIEW, count: row.errors, muted: false }
		],
		total: { label: 'Error rate', value: formatRate(row.errorRate) },
		hint: "Click a bar for the connector's statistics"
	};
}

/** The 7 daily totals of messages and the error rate behind a connector's sparkline. */
export function sparklineSeries(statistics: readonly DailyStatistics[], connectorId: string, days: readonly string[]): { values: number[]; errors: number[]; errorRate: number } {
	const byDay = new Map<string, OutcomeCounts>();
	for (const row of statistics) if (row.connectorId === connectorId) byDay.set(row.day, row.counts);
	let total = emptyCounts();
	const values: number[] = [];
	const errors: number[] = [];
	for (const day of days) {
		const counts = byDay.get(day) ?? emptyCounts();
		total = addCounts(total, counts);
		errors.push(errorTotal(counts));
		values.push(counts.sent + counts.removed + errorTotal(counts));
	}
	return { values, errors, errorRate: errorRate(total) };
}
