/**
 * Request bodies of up to 500,000 identifiers, written as JSON text directly. Building an
 * object or array per identifier only to serialise it costs more than the serialising, and
 * the garbage outlives the young generation. The text is the same as JSON.stringify's.
 */

// 1 for characters that stand between JSON quotes as they are: printable ASCII but " and \.
const PLAIN = new Uint8Array(128);
for (let c = 0x20; c < 0x7f; c++) PLAIN[c] = c === 0x22 || c === 0x5c ? 0 : 1;

/** Whether JSON writes this string as it is, between quotes. */
export function plainJsonText(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (PLAIN[value.charCodeAt(i)] !== 1) return false;
	return true;
}

/**
 * The elements of a JSON array, without its brackets: each value as a JSON string between
 * `before` and `after`, separated by commas. `jsonElements(['a'], '[', ']')` is `["a"]`.
 */
export function jsonElements(values: readonly string[], before: string, after: string): string {
	if (values.length === 0) return '';
	// Hashed identifiers are plain as a rule: then one join writes the whole list.
	if (values.every(plainJsonText)) return `${before}"${values.join(`"${after},${before}"`)}"${after}`;
	return values.map((value) => `${before}${JSON.stringify(value)}${after}`).join(',');
}
