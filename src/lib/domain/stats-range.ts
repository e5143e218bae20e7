import { DAY_MS, dayInZone } from './time';

/** The ranges a statistics chart offers, in days; the choice lives in the URL (?range=). */
export const STATISTICS_RANGES = [7, 30, 90] as const;
export type StatisticsRange = (typeof STATISTICS_RANGES)[number];
export const DEFAULT_RANGE: StatisticsRange = 30;

/** The range a `?range=` value asks for, or a message saying why it cannot be used. */
export function parseRange(value: string | null): { range: StatisticsRange; problem: string | null } {
	if (value === null || value === '') return { range: DEFAULT_RANGE, problem: null };
	const found = STATISTICS_RANGES.find((r) => String(r) === value.trim());
	if (found) return { range: found, problem: null };
	return {
		range: DEFAULT_RANGE,
		problem: `"${value}" is not a range the statistics offer (${STATISTICS_RANGES.join(', ')} days); showing the last ${DEFAULT_RANGE} days.`
	};
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ("YYYY-MM-DD") moved by whole days; calendar days have no time zone. */
export function addDays(day: string, days: number): string {
	const match = DAY_PATTERN.exec(day);
	if (!match) throw new Error(`"${day}" is not a day (YYYY-MM-DD).`);
	const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS;
	return new Date(utc).toISOString().slice(0, 10);
}

/** The `range` days ending with the day `now` falls on in the time zone, oldest first. */
export function rangeDays(range: number, now: number, timeZone: string): string[] {
	const today = dayInZone(now, timeZone);
	return Array.from({ length: range }, (_, i) => addDays(today, i - range + 1));
}

const QUARTER_HOUR_MS = 15 * 60_000;

/** Days' lengths already worked out, by zone and day: a chart asks for the same 90 on every redraw. */
const dayLengths = new Map<string, number>();

/**
 * How many hours a day has in a time zone: 24, or 23 and 25 on the days daylight saving starts
 * and ends. Counted in quarter hours so zones with 30- and 45-minute offsets are right too.
 */
export function hoursInDay(day: string, timeZone: string): number {
	const key = `${timeZone}|${day}`;
	const known = dayLengths.get(key);
	if (known !== undefined) return known;
	const match = DAY_PATTERN.exec(day);
	if (!match) throw new Error(`"${day}" is not a day (YYYY-MM-DD).`);
	const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	// Every zone's offset lies within -12 h and +14 h, so the day lies within this window. The
	// day in the zone only moves forward as time does, so where the day starts and where the next
	// one starts are each found by halving the window (16 look-ups instead of 216).
	const from = (midnightUtc - 15 * 3_600_000) / QUARTER_HOUR_MS;
	const to = (midnightUtc + 39 * 3_600_000) / QUARTER_HOUR_MS;
	const firstQuarterWhere = (reached: (zoneDay: string) => boolean) => {
		let low = from;
		let high = to;
		while (low < high) {
			const middle = Math.floor((low + high) / 2);
			if (reached(dayInZone(middle * QUARTER_HOUR_MS, timeZone))) high = middle;
			else low = middle + 1;
		}
		return low;
	};
	const hours = (firstQuarterWhere((zoneDay) => zoneDay > day) - firstQuarterWhere((zoneDay) => zoneDay >= day)) / 4;
	if (dayLengths.size > 10_000) dayLengths.clear();
	dayLengths.set(key, hours);
	return hours;
}

const labelFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "28 Nov" for an axis. */
export function shortDayLabel(day: string): string {
	return labelFormat.format(Date.parse(`${day}T00:00:00Z`));
}

/** "Sat 28 Nov 2026" for a tooltip or a table. */
export function longDayLabel(day: string): string {
	return longFormat.format(Date.parse(`${day}T00:00:00Z`));
}
