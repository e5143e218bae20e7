import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, launchProfile, test as base } from './support/fixtures';

interface Sandbox {
	activationSandbox: { controller: { lastHistory: { completed: boolean } | null; step(ms: number): Promise<void> } };
}

/**
 * The centre, in page coordinates, of the last day's bar of the series drawn in `fill`. Each
 * series is one SVG path of rectangles ("M x y l w 0 l 0 h l -w 0 Z" per day), so a bar is found
 * in the path's data, not as an element of its own.
 */
async function lastBar(page: Page, fill: string): Promise<{ x: number; y: number }> {
	const selector = `svg path[fill="${fill}"]`;
	const statistics = page.getByRole('region', { name: 'Statistics' });
	await expect(statistics.locator(selector).first()).toBeAttached();
	// Read in one step in the page: a live redraw swaps the whole SVG, so an element found in one
	// call may be gone by the next.
	const found = await statistics.evaluate((region, selector) => {
		const path = region.querySelector(selector) as SVGPathElement | null;
		if (!path) return null;
		path.ownerSVGElement!.scrollIntoView({ block: 'center' });
		const box = path.ownerSVGElement!.getBoundingClientRect();
		return { d: path.getAttribute('d') ?? '', left: box.left, top: box.top };
	}, selector);
	if (!found) throw new Error(`No ${fill} series drawn`);
	const bars = [...found.d.matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)].map(([, x, y, w, h]) => ({ x: Number(x), y: Number(y), w: Number(w), h: Number(h) }));
	const bar = bars.filter((b) => b.h < -2).at(-1);
	if (!bar) throw new Error(`No ${fill} bar with a height in: ${found.d.slice(0, 200)}`);
	return { x: found.left + bar.x + bar.w / 2, y: found.top + bar.y + bar.h / 2 };
}

/**
 * A Chromium profile holding the demo workspace with its 90 days of history, generated once for
 * the tests of this file (it takes up to two minutes); each test opens a fresh copy of it.
 */
const test = base.extend<object, { historyProfile: string }>({
	historyProfile: [
		async ({ playwright, launchOptions }, use) => {
			const directory = mkdtempSync(join(tmpdir(), 'activation-sandbox-e2e-history-'));
			const context = await launchProfile(playwright, directory, { launchOptions, viewport: { width: 1360, height: 900 } });
			// This visit is checked as a test's are: no page error, nothing the Content-Security-Policy refused.
			const problems: string[] = [];
			context.on('weberror', (error) => problems.push(error.error().message));
			context.on('console', (message) => {
				if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
			});
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${process.env.E2E_APP_URL}/connectors`);
			// The demo's history is generated in the background on the first visit.
			await page.waitForFunction(() => (globalThis as unknown as Partial<Sandbox>).activationSandbox?.controller.lastHistory?.completed === true, undefined, {
				timeout: 120_000
			});
			await context.close();
			if (problems.length > 0) throw new Error(`Generating the demo's history:\n${problems.join('\n')}`);
			await use(directory);
			rmSync(directory, { recursive: true, force: true });
		},
		{ scope: 'worker', timeout: 150_000 }
	],
	profileTemplate: async ({ historyProfile }, use) => {
		await use(historyProfile);
	}
});

/**
 * A connector's statistics as a user reads them, with the demo's 90 days of history: ranges,
 * the tooltip, the requests behind a bar, the help, the CSV, the overview and an alert. Each
 * test opens its own copy of the profile that holds the history.
 */
test.describe('partner data statistics', () => {
	test.use({ persistentProfile: true, seedDemo: false });

	test('shows 90 days of green, blue and error bars, and switches to 30 and 7 days in the URL', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		const statistics = page.getByRole('region', { name: 'Statistics' });
		await expect(statistics.locator('svg path[fill="#2e8b57"]').first()).toBeAttached();
		await expect(statistics.getByRole('link', { name: '90 days' })).toHaveAttribute('aria-current', 'true');
		const legend = statistics.getByRole('list', { name: 'Legend' });
		await expect(legend).toContainText('Successfully sent');
		// The two days of history with an expired token count as Invalid credentials; Meta's
		// refused entries as its own code.
		await expect(legend.getByRole('listitem').filter({ hasText: 'Invalid credentials' })).toHaveText(/[1-9]/);
		await expect(legend).toContainText('invalid_entry: Meta could not use');
		await app.screenshot('statistics-connector');
		await statistics.getByRole('link', { name: '7 days' }).click();
		await page.waitForURL((url) => url.searchParams.get('range') === '7');
		await statistics.getByText('Show the numbers as a table').click();
		await expect(statistics.getByRole('table').locator('tbody tr')).toHaveCount(7);
		await statistics.getByRole('link', { name: '30 days' }).click();
		await expect(statistics.getByRole('table').locator('tbody tr')).toHaveCount(30);
	});

	test('gives exact counts in the tooltip, and the requests behind a clicked bar', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors/demo-meta?range=30'));
		const bar = await lastBar(page, '#2e8b57');
		await page.mouse.move(bar.x, bar.y);
		const tooltip = page.getByText('Click a bar for the requests behind it').locator('xpath=..');
		await expect(tooltip).toBeVisible();
		await expect(tooltip).toHaveText(/Successfully sent[\d,]+/);
		await expect(tooltip).toContainText('Skipped (no identifier)');
		await app.screenshot('statistics-tooltip', { fullPage: false });
		await page.mouse.click(bar.x, bar.y);
		const log = page.getByRole('region', { name: 'Delivery log' });
		await expect(log.getByRole('heading')).toHaveText(/^Requests behind successfully sent on /);
		await log.locator('summary').first().click();
		await expect(log).toContainText('graph.facebook.com');
		// Secrets never show in the log.
		await expect(log).not.toContainText('EAAGdemoSystemUserToken');
		await app.screenshot('statistics-log');
	});

	test('opens the help of an error from the legend', async ({ app }) => {
		const { page } = app;
		const statistics = page.getByRole('region', { name: 'Statistics' });
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		await statistics.getByRole('list', { name: 'Legend' }).getByRole('link', { name: 'Invalid credentials' }).click();
		const entry = page.locator('#help-category-invalidCredentials');
		await expect(entry).toBeVisible();
		await expect(entry).toContainText('Renew the token');
		await app.screenshot('statistics-help', { fullPage: false });
	});

	test('shows the history of a connector used by nothing now, up to the day it was detached', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await page.goto(app.url('/connectors/demo-mailchimp?range=90'));
		await expect(main().getByText('it sent for the audience')).toBeVisible();
		await expect(main().getByRole('link', { name: 'Newsletter subscribers' })).toHaveAttribute('href', '/audiences/demo-audience-newsletter');
		const bar = await lastBar(page, '#2e8b57');
		expect(bar.x).toBeGreaterThan(0);
		const legend = page.getByRole('region', { name: 'Statistics' }).getByRole('list', { name: 'Legend' });
		await expect(legend.getByRole('listitem').filter({ hasText: 'Successfully sent' })).toHaveText(/[1-9]/);
	});

	test('exports the shown statistics as CSV, skipped and cancelled included', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		// The statistics are read (the chart is drawn from them) before they are exported.
		await expect(page.getByRole('region', { name: 'Statistics' }).locator('svg path[fill="#2e8b57"]').first()).toBeAttached();
		const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Export CSV' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^meta-retargeting-eu-statistics-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
		const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
		expect(lines[0]).toMatch(/^Day,Successfully sent,Successfully removed,.*Skipped \(no identifier\),Cancelled,Errors,Error rate \(%\),Hours in day$/);
		expect(lines).toHaveLength(91);
	});

	test('compares every connector on the Partners overview, sortable', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors'));
		await page.getByRole('link', { name: 'Partners overview' }).click();
		const table = page.getByRole('table');
		await expect(table).toBeVisible();
		await expect(page.locator('svg path[fill="#2e8b57"]').first()).toBeAttached();
		await table.getByRole('button', { name: /^Sent/ }).click();
		const first = () => table.locator('tbody tr').first().locator('th').textContent();
		expect(await first()).toBe('Meta Retargeting EU');
		// The picture is drawn at its card's width (and again when the card's width changes).
		await expect
			.poll(() => page.locator('.chart').evaluate((chart) => Number(chart.querySelector('svg')?.getAttribute('width')) - chart.clientWidth))
			.toBe(0);
		await app.screenshot('statistics-overview');
		// The list shows a 7-day sparkline and an error rate per connector.
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server to Server Connectors' }).click();
		await expect.poll(() => page.getByRole('row', { name: /Meta Retargeting EU/ }).getByRole('img').getAttribute('aria-label')).toMatch(/messages in the last 7 days/);
	});

	test('raises an alert when the error rate of the last hour passes the threshold, until acknowledged', async ({ app }) => {
		const { page } = app;
		const main = () => page.getByRole('main');
		await page.goto(app.url('/connectors/demo-meta'));
		await main().getByLabel('Credentials').selectOption('expired');
		await expect(main().getByText('Faults are on')).toBeVisible();
		// The engine has opened in this page (it reopens on each load) before the clock is stepped.
		await page.waitForFunction(() => (globalThis as unknown as { activationSandbox: { controller: { progress: unknown } } }).activationSandbox.controller.progress !== null);
		await page.evaluate(() => (globalThis as unknown as Sandbox).activationSandbox.controller.step(2 * 3_600_000));
		const toast = page.getByRole('status').filter({ hasText: 'Alert: Meta Retargeting EU' });
		await expect(toast).toBeVisible({ timeout: 30_000 });
		await app.screenshot('statistics-alert', { fullPage: false });
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server to Server Connectors' }).click();
		const badge = page.getByRole('row', { name: /Meta Retargeting EU/ }).getByTitle(/errors in the last hour/);
		await expect(badge).toBeVisible();
		await toast.getByRole('button', { name: 'Acknowledge' }).click();
		await expect(badge).toHaveCount(0);
	});
});
