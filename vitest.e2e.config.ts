import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium with playwright-core against the built app,
// served by `vite preview` (started once in the global setup).
export default defineConfig({
	resolve: { alias: { $lib: new URL('./src/lib', import.meta.url).pathname } },
	test: {
		name: 'e2e',
		environment: 'node',
		include: ['tests/e2e/**/*.e2e.ts'],
		globalSetup: ['tests/e2e/support/server.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// One Chromium at a time: two cores are shared with the preview server.
		fileParallelism: false
	}
});
