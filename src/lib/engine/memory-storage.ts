/**
 * Workers have no localStorage, and msw builds a cookie store from it when it loads: this
 * in-memory one is enough for a session. Install it before importing msw.
 */
export function installMemoryStorage(): void {
	if ('localStorage' in globalThis) return;
	const items = new Map<string, string>();
	const storage: Storage = {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
	Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
}
