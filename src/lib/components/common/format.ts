// Making a DateTimeFormat costs far more than using one, and a delivery log formats hundreds.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "28 Nov 2026, 15:40" in the user's locale conventions, with a stable English month. */
export function formatDateTime(epochMs: number, timeZone?: string): string {
	const key = timeZone ?? '';
	let format = dateTimeFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
		dateTimeFormats.set(key, format);
	}
	return format.format(epochMs);
}

/** "1,000" style numbers for limits and counts. */
export function formatNumber(value: number): string {
	return value.toLocaleString('en-US');
}
