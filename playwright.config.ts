import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium';

/**
 * End-to-end tests: @playwright/test drives Debian's Chromium (never a downloaded browser)
 * against the built app, served by the global setup from `build/` and `build-sandbox/`.
 * Fixtures (tests/e2e/support/fixtures.ts) give each test a fresh context, fail it on a page
 * error or a Content-Security-Policy violation, and open the app.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './tests/e2e/support/global-setup.ts',
	// One Chromium at a time: two cores are shared with the static server.
	workers: 1,
	fullyParallel: false,
	// A flaky test is fixed, not retried.
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	timeout: 60_000,
	// Waits fail well inside the test's 60 s, with Playwright's message on what was awaited.
	expect: { timeout: 15_000 },
	outputDir: 'test-results',
	reporter: [['list']],
	use: {
		browserName: 'chromium',
		headless: true,
		launchOptions: CHROMIUM_LAUNCH,
		viewport: { width: 1360, height: 900 },
		actionTimeout: 15_000,
		navigationTimeout: 15_000,
		trace: 'retain-on-failure'
	}
});
