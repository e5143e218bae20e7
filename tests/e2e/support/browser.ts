import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'docs/screenshots';

export interface App {
	page: Page;
	context: BrowserContext;
	/** An absolute URL of the app under test. */
	url(path: string): string;
	/** Saves a screenshot to docs/screenshots/<name>.png. */
	screenshot(name: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * A fresh Chromium profile (so a fresh IndexedDB: the demo workspace is seeded on first
 * visit) pointed at the built app. Errors on the page fail the test that reads them.
 */
export async function openApp(): Promise<App & { pageErrors: string[] }> {
	const profile = mkdtempSync(join(tmpdir(), 'activation-sandbox-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1360, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const pageErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') pageErrors.push(message.text());
	});
	const baseURL = inject('baseURL');
	mkdirSync(SCREENSHOTS, { recursive: true });
	return {
		page,
		context,
		pageErrors,
		url: (path) => new URL(path, baseURL).href,
		screenshot: async (name) => {
			await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
		},
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}
