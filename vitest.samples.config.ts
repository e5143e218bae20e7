import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Writes the sample files the site ships (static/samples/) with the app's own code:
// `npm run samples`. Not part of `npm test`; the unit tests check the files that were written.
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		name: 'samples',
		environment: 'node',
		include: ['tests/samples/**/*.write.ts'],
		setupFiles: ['tests/setup/unit.ts'],
		testTimeout: 300_000
	}
});
