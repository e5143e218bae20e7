import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test as base, expect, type BrowserContext, type LaunchOptions, type Page, type ViewportSize } from '@playwright/test';
import { serveBuild } from '../../support/static-server';
import { BUILD, SCREENSHOTS } from './paths';

export { expect };

/** The app under test, opened in this test's own fresh browser context. */
export interface App {
	page: Page;
	context: BrowserContext;
	/** Where the app is served, without a trailing slash (under a sub-path build, its base). */
	baseURL: string;
	/** An absolute URL of the app under test (paths are the app's own, below its base). */
	url(path: string): string;
	/**
	 * Saves a screenshot to docs/screenshots/<name>.png: the whole page by default, or only the
	 * viewport (fullPage: false), which suits an open dialog over its fixed backdrop. Of the
	 * test's first page unless another is given.
	 */
	screenshot(name: string, options?: { fullPage?: boolean; page?: Page }): Promise<void>;
}

/** A server of the app. */
export interface Site {
	baseURL: string;
	/** The served copy of the build, for a server of the test's own (a "new build" can be published there). */
	root?: string;
}

export interface Options {
	/**
	 * Where the app comes from: the run's server of `build/` (started in global-setup.ts); the
	 * sub-path build reached over plain HTTP as http://sandbox.test:<port>/sandbox (the test
	 * maps that name in Chromium, see hosting.e2e.ts); or a server of `build/` for this test alone.
	 */
	server: 'build' | 'sandbox-over-lan' | 'own-build';
	/**
	 * The `app` fixture first visits /connectors?history=none, which sets up the demo workspace
	 * without generating 90 days of history in the background (most tests do not need it).
	 * false leaves the first visit to the test.
	 */
	seedDemo: boolean;
	/**
	 * A browser profile on disk (Chromium's persistent context) instead of an incognito context;
	 * still a fresh one per test. With `profileTemplate` it starts as a copy of that profile.
	 */
	persistentProfile: boolean;
	profileTemplate: string | undefined;
	/** Page or console errors a test expects (say, Chromium reporting a refused CORS request). */
	allowedPageErrors: RegExp[];
}

export interface Fixtures {
	site: Site;
	app: App;
	/** Uncaught errors and console errors of every page of the context; the test fails on any not allowed. */
	pageErrors: string[];
	/** What the Content-Security-Policy refused on any page of the context; the test fails on any. */
	cspViolations: string[];
}

function requiredEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`playwright test\` (its global setup serves the builds).`);
	return value;
}

/** Launches Chromium on a profile directory of its own (Chromium refuses --user-data-dir in args). */
export function launchProfile(
	playwright: { chromium: { launchPersistentContext(dir: string, options: object): Promise<BrowserContext> } },
	directory: string,
	options: { launchOptions: LaunchOptions; viewport: ViewportSize | null }
): Promise<BrowserContext> {
	return playwright.chromium.launchPersistentContext(directory, { ...options.launchOptions, viewport: options.viewport });
}

/** A copy of a closed Chromium profile (without the lock files of the browser that used it). */
export function copyProfile(template: string, directory: string): void {
	cpSync(template, directory, { recursive: true, filter: (source) => !basename(source).startsWith('Singleton') });
}

export const test = base.extend<Options & Fixtures>({
	server: ['build', { option: true }],
	seedDemo: [true, { option: true }],
	persistentProfile: [false, { option: true }],
	profileTemplate: [undefined, { option: true }],
	allowedPageErrors: [[], { option: true }],

	site: async ({ server }, use) => {
		if (server === 'build') {
			await use({ baseURL: requiredEnv('E2E_APP_URL') });
		} else if (server === 'sandbox-over-lan') {
			const { port } = new URL(requiredEnv('E2E_SANDBOX_URL'));
			await use({ baseURL: `http://sandbox.test:${port}/sandbox` });
		} else {
			const own = await serveBuild(BUILD);
			await use(own);
			await own.close();
		}
	},

	context: async ({ context, persistentProfile, profileTemplate, playwright, launchOptions, viewport, actionTimeout, navigationTimeout }, use) => {
		if (!persistentProfile) {
			await use(context);
			return;
		}
		const directory = mkdtempSync(join(tmpdir(), 'activation-sandbox-e2e-'));
		if (profileTemplate) copyProfile(profileTemplate, directory);
		const persistent = await launchProfile(playwright, directory, { launchOptions, viewport });
		// The config's timeouts, which Playwright applies only to the contexts it creates itself.
		persistent.setDefaultTimeout(actionTimeout || 15_000);
		persistent.setDefaultNavigationTimeout(navigationTimeout || 15_000);
		await use(persistent);
		await persistent.close();
		rmSync(directory, { recursive: true, force: true });
	},

	// A persistent context opens with a tab already: that one is the test's page.
	page: async ({ context, cspViolations: _csp, pageErrors: _errors }, use) => {
		await use(context.pages()[0] ?? (await context.newPage()));
	},

	cspViolations: [
		async ({ context }, use) => {
			// Every page reports what the Content-Security-Policy refused; the test fails on any.
			const violations: string[] = [];
			await context.exposeBinding('reportCspViolation', (_source, text: string) => void violations.push(text));
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (event) => {
					const report = (globalThis as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
					report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} on ${location.pathname} (from ${event.sourceFile || 'the page'}:${event.lineNumber})`);
				});
			});
			context.on('console', (message) => {
				if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
			});
			await use(violations);
			expect(violations, 'The Content-Security-Policy refused').toEqual([]);
		},
		{ auto: true }
	],

	pageErrors: [
		async ({ context, allowedPageErrors }, use, testInfo) => {
			const errors: string[] = [];
			context.on('weberror', (error) => errors.push(error.error().message));
			context.on('console', (message) => {
				if (message.type() === 'error') errors.push(message.text());
			});
			await use(errors);
			if (errors.length > 0) await testInfo.attach('page errors', { body: errors.join('\n'), contentType: 'text/plain' });
			expect(
				errors.filter((error) => !allowedPageErrors.some((allowed) => allowed.test(error))),
				'uncaught errors or console errors on the page'
			).toEqual([]);
		},
		{ auto: true }
	],

	app: async ({ page, context, site, seedDemo }, use) => {
		const baseURL = site.baseURL.replace(/\/$/, '');
		mkdirSync(SCREENSHOTS, { recursive: true });
		if (seedDemo) {
			await page.goto(`${baseURL}/connectors?history=none`);
			await page.waitForFunction(() => 'activationSandbox' in globalThis);
		}
		await use({
			page,
			context,
			baseURL,
			url: (path) => `${baseURL}${path}`,
			screenshot: async (name, { fullPage = true, page: which = page } = {}) => {
				await which.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
			}
		});
	}
});
