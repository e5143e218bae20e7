export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The start of the UTC hour a moment falls in. */
export function hourStart(epochMs: number): number {
	return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day ("YYYY-MM-DD") a moment falls on in a time zone. Statistics days are the
 * workspace's days, so a day with a daylight-saving change has its 23 or 25 hours.
 */
export function dayInZone(epochMs: number, timeZone: string): string {
	let format = dayFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dayFormats.set(timeZone, format);
	}
	return format.format(epochMs);
}
