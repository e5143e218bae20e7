/**
 * A stable text for a definition, so the simulator can tell whether audience rules or a
 * journey's published version really changed: key order must not matter, since definitions
 * come back from storage with their keys in any order.
 */
export function definitionKey(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}
