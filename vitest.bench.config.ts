import { defineConfig } from 'vitest/config';

// Benchmarks print numbers and write bench-results.json; they never fail on speed.
export default defineConfig({
	resolve: { alias: { $lib: new URL('./src/lib', import.meta.url).pathname } },
	test: {
		name: 'bench',
		environment: 'node',
		include: ['tests/bench/**/*.bench-run.ts'],
		setupFiles: ['tests/setup/unit.ts'],
		fileParallelism: false,
		testTimeout: 600_000
	}
});
