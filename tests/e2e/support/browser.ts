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
	/**
	 * Saves a screenshot to docs/screenshots/<name>.png: the whole page by default, or only the
	 * viewport (fullPage: false), which suits an open dialog over its fixed backdrop.
	 */
	screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
	close(): Promise<void>;
}

/**
 * A fresh Chromium profile (so a fresh IndexedDB: the demo workspace is seeded on first
 * visit) pointed at the built app. Errors on the page fail the test that reads them.
 */
export async function openApp(
	options: {
		history?: boolean;
		/** Where the app is served; the e2e run's own server by default. */
		baseURL?: string;
		/** More Chromium switches (say, a host name mapped to the test server). */
		args?: string[];
	} = {}
): Promise<App & { pageErrors: string[]; cspViolations: string[] }> {
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
			'--disable-sync',
			...(options.args ?? [])
		]
	});
	const page = context.pages()[0] ?? (await context.newPage());
	// Waits fail well inside the 60 s test timeout, with Playwright's message on what was awaited.
	context.setDefaultTimeout(15_000);
	const pageErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') pageErrors.push(message.text());
	});
	// Every page reports what the Content-Security-Policy refused; closing the app fails on any.
	const cspViolations: string[] = [];
	await context.exposeBinding('reportCspViolation', (_source, text: string) => void cspViolations.push(text));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (globalThis as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
			report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} on ${location.pathname} (from ${event.sourceFile || 'the page'}:${event.lineNumber})`);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
	});
	const baseURL = (options.baseURL ?? inject('baseURL')).replace(/\/$/, '');
	mkdirSync(SCREENSHOTS, { recursive: true });
	if (!options.history) {
		// The first visit sets up the demo workspace; without this switch it would also start
		// generating 90 days of history in the background, which these tests do not need.
		await page.goto(`${baseURL}/connectors?history=none`);
		await page.waitForFunction(() => 'activationSandbox' in globalThis);
	}
	return {
		page,
		context,
		pageErrors,
		cspViolations,
		// Paths are the app's own: under a sub-path build they sit below its base.
		url: (path) => `${baseURL}${path}`,
		screenshot: async (name, { fullPage = true } = {}) => {
			await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
		},
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
			if (cspViolations.length > 0) throw new Error(`The Content-Security-Policy refused:\n${cspViolations.join('\n')}`);
		}
	};
}
