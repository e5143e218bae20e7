import { errorTotal, type DailyStatistics } from './statistics';
import { dayInZone } from './time';
import { addDays, hoursInDay, longDayLabel, shortDayLabel } from './stats-range';
import { CATEGORY_LABELS, countOf, countsByDay, errorRate, formatRate, seriesFor, type DayRow, type SeriesDefinition, type SeriesKey, type SeriesOptions } from './stats-series';

/**
 * The chart of a connector's statistics as plain data: an ECharts option (the component hands
 * it to ECharts as is) built by pure functions, so what a chart shows is unit-tested without a
 * browser. Nothing here imports ECharts.
 */

/** The subset of ECharts' option this module produces; ECharts accepts it as is. */
export type ChartOption = Record<string, unknown> & { series: BarSeries[] };

export interface BarSeries {
	type: 'bar';
	id: string;
	name: string;
	stack: string;
	data: number[];
	itemStyle: { color: string; decal?: SeriesDefinition['style']['decal'] };
	barMaxWidth: number;
	/** Drawn as one path per series (see `bars`). */
	large?: boolean;
	largeThreshold?: number;
	emphasis?: { focus: 'series' };
}

/** The partner facts a chart needs: whether it reports codes, and what each code means. */
export type ChartPartner = SeriesOptions;

/** Everything one statistics view shows: its days, the counts per day and the series. */
export interface StatisticsView {
	days: string[];
	rows: DayRow[];
	series: SeriesDefinition[];
	/** Hours of each day in the workspace's time zone (23 or 25 on daylight-saving days). */
	hours: number[];
	timeZone: string;
}

/** The view of `range` days ending on `today` (the sandbox's day in the workspace's zone). */
export function statisticsView(statistics: readonly DailyStatistics[], range: number, timeZone: string, partner: ChartPartner, today: string): StatisticsView {
	const days = Array.from({ length: range }, (_, i) => addDays(today, i - range + 1));
	const inRange = statistics.filter((row) => row.day >= days[0]! && row.day <= days[days.length - 1]!);
	return {
		days,
		rows: countsByDay(inRange, days),
		series: seriesFor(inRange, partner),
		hours: days.map((day) => hoursInDay(day, timeZone)),
		timeZone
	};
}

/**
 * A chart's tooltip as data, so the page renders it with its own markup (no HTML strings):
 * a title, an optional note under it, one row per category with its colour and count, a
 * closing total row and a hint on what a click does.
 */
export interface ChartTooltip {
	title: string;
	/** A line under the title (the partner of a connector, a daylight-saving day), or null. */
	note: string | null;
	rows: TooltipRow[];
	/** The closing row, set apart: errors and their rate, or the error rate alone. */
	total: { label: string; value: string };
	/** What clicking a bar does. */
	hint: string;
}

/** One line of a tooltip: a category, its colour in the chart (null if it has no bar) and its count. */
export interface TooltipRow {
	label: string;
	colour: string | null;
	count: number;
	/** Counted but not drawn (skipped, cancelled): shown quieter. */
	muted: boolean;
}

const numbers = new Intl.NumberFormat('en-US');

/** The tooltip of one day: exact counts per category, skipped and cancelled included; null past the view's days. */
export function dayTooltip(view: StatisticsView, index: number): ChartTooltip | null {
	const row = view.rows[index];
	if (!row) return null;
	const hours = view.hours[index]!;
	const drawn: TooltipRow[] = view.series
		.filter((s) => s.kind === 'success' || countOf(row.counts, s.key) > 0)
		.map((s) => ({ label: s.label, colour: s.style.color, count: countOf(row.counts, s.key), muted: false }));
	const side: TooltipRow[] = (['skipped', 'cancelled'] as const).map((key) => ({ label: CATEGORY_LABELS[key], colour: null, count: row.counts[key], muted: true }));
	return {
		title: longDayLabel(row.day),
		note: hours === 24 ? null : `${hours}-hour day: daylight saving`,
		rows: [...drawn, ...side],
		total: { label: `Errors (${formatRate(errorRate(row.counts))})`, value: numbers.format(errorTotal(row.counts)) },
		hint: 'Click a bar for the requests behind it'
	};
}

/** The bar series of a view, in the order of its series (stacked, errors above successes). */
function bars(view: StatisticsView): BarSeries[] {
	// A series with nothing in the range draws nothing: it stays in the legend, table and
	// tooltip, but costs the chart no bars (sent and removed always keep theirs).
	const drawn = view.series.filter((s) => s.kind === 'success' || view.rows.some((row) => countOf(row.counts, s.key) > 0));
	return drawn.map((s) => ({
		type: 'bar',
		id: s.key,
		name: s.label,
		stack: 'messages',
		data: view.rows.map((row) => countOf(row.counts, s.key)),
		itemStyle: s.style.decal ? { color: s.style.color, decal: s.style.decal } : { color: s.style.color },
		barMaxWidth: 28,
		// Each series drawn as one SVG path instead of one element per bar: a 90-day chart with
		// every error series has over a thousand bars, and per-bar elements (each with its hover
		// states) cost ECharts 2-3 times the work. The page finds the bar under the pointer from
		// the chart's frame (chart-frame.ts), not from the elements.
		large: true,
		largeThreshold: 1
	}));
}

/**
 * The ECharts option of a view: stacked daily bars. Plain data, no functions: it is drawn in the
 * chart worker; the page shows the tooltip (`dayTooltip`) itself.
 */
export function chartOptionOf(view: StatisticsView): ChartOption {
	return {
		animation: false,
		grid: { left: 56, right: 12, top: 12, bottom: 28 },
		legend: { show: false },
		xAxis: {
			type: 'category',
			data: view.days.map(shortDayLabel),
			axisTick: { alignWithLabel: true },
			axisLabel: { hideOverlap: true, color: '#4a5261' }
		},
		yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4a5261' }, splitLine: { lineStyle: { color: '#e8ebf0' } } },
		series: bars(view)
	};
}

/**
 * The chart of a connector's statistics over the last `range` days in the workspace's time zone,
 * as an ECharts option. `now` is the sandbox clock (the chart ends on the sandbox's today).
 */
export function chartOption(statistics: readonly DailyStatistics[], range: number, timeZone: string, partner: ChartPartner, now: number): ChartOption {
	return chartOptionOf(statisticsView(statistics, range, timeZone, partner, dayInZone(now, timeZone)));
}

/** Which day and series a clicked bar stands for. */
export function barAt(view: StatisticsView, seriesId: string, dataIndex: number): { day: string; key: SeriesKey } | null {
	const day = view.days[dataIndex];
	const series = view.series.find((s) => s.key === seriesId);
	return day && series ? { day, key: series.key } : null;
}
