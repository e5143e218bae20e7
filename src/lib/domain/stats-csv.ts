import { errorTotal } from './statistics';
import type { StatisticsView } from './chart-option';
import { CATEGORY_LABELS, countOf, errorRate } from './stats-series';

/** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
export function csvField(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines of CSV from rows of fields, CRLF line ends as RFC 4180 asks. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
	return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The header and one row per day of a statistics view, skipped and cancelled included. */
export function viewTable(view: StatisticsView): { header: string[]; rows: Array<Array<string | number>> } {
	const header = ['Day', ...view.series.map((s) => s.label), CATEGORY_LABELS.skipped, CATEGORY_LABELS.cancelled, 'Errors', 'Error rate (%)', 'Hours in day'];
	const rows = view.rows.map((row, i) => [
		row.day,
		...view.series.map((s) => countOf(row.counts, s.key)),
		row.counts.skipped,
		row.counts.cancelled,
		errorTotal(row.counts),
		Number((errorRate(row.counts) * 100).toFixed(2)),
		view.hours[i]!
	]);
	return { header, rows };
}

/** The statistics a view shows, as CSV (days in the workspace's time zone). */
export function viewCsv(view: StatisticsView): string {
	const { header, rows } = viewTable(view);
	return toCsv([header, ...rows]);
}

/** A file name for an export: "meta-retargeting-eu-statistics-2026-08-31-to-2026-11-28.csv". */
export function csvFileName(connectorName: string, view: Pick<StatisticsView, 'days'>): string {
	const slug = connectorName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'connector';
	return `${slug}-statistics-${view.days[0]}-to-${view.days[view.days.length - 1]}.csv`;
}
