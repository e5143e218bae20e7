import { addCounts, emptyCounts, errorTotal, type DailyStatistics, type OutcomeCounts } from './statistics';

/**
 * What a chart's bars, its table and its CSV are made of: one series per outcome category,
 * and for partners that report their own error codes one series per code.
 */

/** A series key: a category, or `code:<partner code>` for one partner error code. */
export type SeriesKey = 'sent' | 'removed' | 'otherError' | 'invalidCredentials' | 'timeout' | 'partnerError' | `code:${string}`;

/** Counted and shown in the tooltip, table and CSV, but never as bars. */
export type SideKey = 'skipped' | 'cancelled';

export interface SeriesStyle {
	color: string;
	/** A pattern over the colour, so the series stay apart for colour-blind readers and in print. */
	decal: { symbol: string; symbolSize: number; rotation: number; dashArrayX: number[]; dashArrayY: number[]; color: string } | null;
}

export interface SeriesDefinition {
	key: SeriesKey;
	/** The legend's words: the category, or the partner's code and its message. */
	label: string;
	kind: 'success' | 'error';
	style: SeriesStyle;
}

/** The reference platform's colours: green for sent, blue for removed. */
export const SENT_COLOR = '#2e8b57';
export const REMOVED_COLOR = '#2f6fdb';

// Okabe-Ito hues (chosen for colour-blind readers) and a few more, each error with its own
// pattern as well, so two errors never differ by hue alone.
const ERROR_HUES = ['#d55e00', '#e69f00', '#6b6b6b', '#cc79a7', '#882255', '#b8a000', '#332288', '#44aa99', '#999933', '#aa4499', '#661100', '#117733'];
const DECALS: Array<Omit<NonNullable<SeriesStyle['decal']>, 'color'>> = [
	{ symbol: 'rect', symbolSize: 1, rotation: Math.PI / 4, dashArrayX: [1, 0], dashArrayY: [2, 4] },
	{ symbol: 'circle', symbolSize: 0.7, rotation: 0, dashArrayX: [4, 4], dashArrayY: [4, 4] },
	{ symbol: 'rect', symbolSize: 1, rotation: -Math.PI / 4, dashArrayX: [1, 0], dashArrayY: [2, 4] },
	{ symbol: 'rect', symbolSize: 1, rotation: 0, dashArrayX: [1, 0], dashArrayY: [2, 4] },
	{ symbol: 'triangle', symbolSize: 0.8, rotation: 0, dashArrayX: [5, 5], dashArrayY: [5, 5] },
	{ symbol: 'rect', symbolSize: 1, rotation: Math.PI / 2, dashArrayX: [1, 0], dashArrayY: [2, 4] }
];
const DECAL_INK = 'rgba(255, 255, 255, 0.6)';

function errorStyle(index: number): SeriesStyle {
	return { color: ERROR_HUES[index % ERROR_HUES.length]!, decal: { ...DECALS[index % DECALS.length]!, color: DECAL_INK } };
}

export const CATEGORY_LABELS: Record<Exclude<SeriesKey, `code:${string}`> | SideKey, string> = {
	sent: 'Successfully sent',
	removed: 'Successfully removed',
	otherError: 'Other error',
	invalidCredentials: 'Invalid credentials',
	timeout: 'Timeout',
	partnerError: 'Partner error',
	skipped: 'Skipped (no identifier)',
	cancelled: 'Cancelled'
};

export interface SeriesOptions {
	/** Whether the partner reports its own error codes (one series per code) or not (one "Partner error"). */
	reportsPartnerErrorCodes: boolean;
	/** The legend's message for a partner code ("no permission (not allowlisted)"). */
	codeMessage: (code: string) => string | null;
}

/** The partner codes that occur in the statistics, most frequent first (ties by code). */
export function partnerCodesIn(statistics: readonly DailyStatistics[]): string[] {
	const totals = new Map<string, number>();
	for (const row of statistics) for (const [code, n] of Object.entries(row.counts.partnerErrors)) if (n > 0) totals.set(code, (totals.get(code) ?? 0) + n);
	return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
}

/**
 * The series of a chart over these statistics: sent, removed and the three error categories
 * always (so the legend reads the same every day), then a series per partner code that occurs.
 */
export function seriesFor(statistics: readonly DailyStatistics[], options: SeriesOptions): SeriesDefinition[] {
	const series: SeriesDefinition[] = [
		{ key: 'sent', label: CATEGORY_LABELS.sent, kind: 'success', style: { color: SENT_COLOR, decal: null } },
		{ key: 'removed', label: CATEGORY_LABELS.removed, kind: 'success', style: { color: REMOVED_COLOR, decal: null } },
		{ key: 'otherError', label: CATEGORY_LABELS.otherError, kind: 'error', style: errorStyle(2) },
		{ key: 'invalidCredentials', label: CATEGORY_LABELS.invalidCredentials, kind: 'error', style: errorStyle(0) },
		{ key: 'timeout', label: CATEGORY_LABELS.timeout, kind: 'error', style: errorStyle(1) }
	];
	const codes = partnerCodesIn(statistics);
	if (options.reportsPartnerErrorCodes) {
		codes.forEach((code, i) => {
			const message = options.codeMessage(code);
			series.push({ key: `code:${code}`, label: message ? `${code}: ${message}` : code, kind: 'error', style: errorStyle(3 + i) });
		});
	} else if (codes.length > 0) {
		series.push({ key: 'partnerError', label: CATEGORY_LABELS.partnerError, kind: 'error', style: errorStyle(3) });
	}
	return series;
}

/** The count of one series in a set of counts. */
export function countOf(counts: OutcomeCounts, key: SeriesKey | SideKey): number {
	if (key.startsWith('code:')) return counts.partnerErrors[key.slice(5)] ?? 0;
	if (key === 'partnerError') return Object.values(counts.partnerErrors).reduce((a, b) => a + b, 0);
	return counts[key as Exclude<SeriesKey | SideKey, 'partnerError' | `code:${string}`>];
}

/** One day of one connector (or of several, added up), in the order of the days asked for. */
export interface DayRow {
	day: string;
	counts: OutcomeCounts;
}

/** The counts of each day asked for, zero where nothing happened, several connectors added up. */
export function countsByDay(statistics: readonly DailyStatistics[], days: readonly string[]): DayRow[] {
	const byDay = new Map<string, OutcomeCounts>();
	for (const day of days) byDay.set(day, emptyCounts());
	for (const row of statistics) {
		const current = byDay.get(row.day);
		if (current) byDay.set(row.day, addCounts(current, row.counts));
	}
	return days.map((day) => ({ day, counts: byDay.get(day)! }));
}

/** Errors among the messages that were sent or tried (skipped and cancelled were never tried). */
export function errorRate(counts: OutcomeCounts): number {
	const errors = errorTotal(counts);
	const tried = counts.sent + counts.removed + errors;
	return tried === 0 ? 0 : errors / tried;
}

/** "4.2 %" (one decimal; "0 %" for none). */
export function formatRate(rate: number): string {
	if (rate === 0) return '0 %';
	if (rate < 0.001) return '< 0.1 %';
	return `${(rate * 100).toFixed(1)} %`;
}

/** Whether a series key names the given chart-click category (used to filter the delivery log). */
export function logCategoryOf(key: SeriesKey | SideKey): { category: string; code: string | null } {
	if (key.startsWith('code:')) return { category: 'partnerError', code: key.slice(5) };
	return { category: key, code: null };
}

/** The one error colour where errors are shown together (the Partners overview). */
export const ERROR_COLOR_OVERVIEW = '#d55e00';
