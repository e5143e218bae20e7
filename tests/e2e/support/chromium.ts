import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, launched as docs/toolchain.md says (Playwright never downloads a browser
 * here). Shared by playwright.config.ts and the tests that launch a browser of their own.
 */
export const CHROMIUM_LAUNCH = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	headless: true,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
} satisfies LaunchOptions;
