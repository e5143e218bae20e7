import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

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
	await statistics.locator(selector).first().waitFor({ state: 'attached' });
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
 * A connector's statistics as a user reads them, in one profile with the demo's 90 days of
 * history: ranges, the tooltip, the requests behind a bar, the help, the CSV, the overview and
 * an alert. The steps share the profile, so they run in order.
 */
describe('partner data statistics', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;
	const main = () => page.getByRole('main');

	beforeAll(async () => {
		app = await openApp({ history: true });
		page = app.page;
		await page.goto(app.url('/connectors'));
		// The demo's history is generated in the background on the first visit.
		await page.waitForFunction(() => (globalThis as unknown as Partial<Sandbox>).activationSandbox?.controller.lastHistory?.completed === true, undefined, {
			timeout: 120_000
		});
	}, 150_000);
	afterAll(async () => {
		await app?.close();
	});

	it('1. shows 90 days of green, blue and error bars, and switches to 30 and 7 days in the URL', async () => {
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		const statistics = page.getByRole('region', { name: 'Statistics' });
		await statistics.locator('svg path[fill="#2e8b57"]').first().waitFor({ state: 'attached' });
		expect(await statistics.getByRole('link', { name: '90 days' }).getAttribute('aria-current')).toBe('true');
		const legend = statistics.getByRole('list', { name: 'Legend' });
		await expect.poll(() => legend.textContent()).toContain('Successfully sent');
		// The two days of history with an expired token count as Invalid credentials; Meta's
		// refused entries as its own code.
		expect(await legend.getByRole('listitem').filter({ hasText: 'Invalid credentials' }).textContent()).toMatch(/[1-9]/);
		expect(await legend.textContent()).toContain('invalid_entry: Meta could not use');
		await app.screenshot('statistics-connector');
		await statistics.getByRole('link', { name: '7 days' }).click();
		await page.waitForURL((url) => url.searchParams.get('range') === '7');
		await statistics.getByText('Show the numbers as a table').click();
		await expect.poll(() => statistics.getByRole('table').locator('tbody tr').count()).toBe(7);
		await statistics.getByRole('link', { name: '30 days' }).click();
		await expect.poll(() => statistics.getByRole('table').locator('tbody tr').count()).toBe(30);
	});

	it('2. gives exact counts in the tooltip, and the requests behind a clicked bar', async () => {
		const bar = await lastBar(page, '#2e8b57');
		await page.mouse.move(bar.x, bar.y);
		const tooltip = page.getByText('Click a bar for the requests behind it').locator('xpath=..');
		await tooltip.waitFor();
		expect(await tooltip.textContent()).toMatch(/Successfully sent[\d,]+/);
		expect(await tooltip.textContent()).toContain('Skipped (no identifier)');
		await app.screenshot('statistics-tooltip', { fullPage: false });
		await page.mouse.click(bar.x, bar.y);
		const log = page.getByRole('region', { name: 'Delivery log' });
		await expect.poll(() => log.getByRole('heading').textContent()).toMatch(/^Requests behind successfully sent on /);
		await log.locator('summary').first().click();
		expect(await log.textContent()).toContain('graph.facebook.com');
		// Secrets never show in the log.
		expect(await log.textContent()).not.toContain('EAAGdemoSystemUserToken');
		await app.screenshot('statistics-log');
	});

	it('3. opens the help of an error from the legend', async () => {
		const statistics = page.getByRole('region', { name: 'Statistics' });
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		await statistics.getByRole('list', { name: 'Legend' }).getByRole('link', { name: 'Invalid credentials' }).click();
		const entry = page.locator('#help-category-invalidCredentials');
		await expect.poll(() => entry.isVisible()).toBe(true);
		expect(await entry.textContent()).toContain('Renew the token');
		await app.screenshot('statistics-help', { fullPage: false });
	});

	it('3b. shows the history of a connector used by nothing now, up to the day it was detached', async () => {
		await page.goto(app.url('/connectors/demo-mailchimp?range=90'));
		await main().getByText('it sent for the audience').waitFor();
		expect(await main().getByRole('link', { name: 'Newsletter subscribers' }).getAttribute('href')).toBe('/audiences/demo-audience-newsletter');
		const bar = await lastBar(page, '#2e8b57');
		expect(bar.x).toBeGreaterThan(0);
		const legend = page.getByRole('region', { name: 'Statistics' }).getByRole('list', { name: 'Legend' });
		expect(await legend.getByRole('listitem').filter({ hasText: 'Successfully sent' }).textContent()).toMatch(/[1-9]/);
	});

	it('4. exports the shown statistics as CSV, skipped and cancelled included', async () => {
		await page.goto(app.url('/connectors/demo-meta?range=90'));
		// The statistics are read (the chart is drawn from them) before they are exported.
		await page.getByRole('region', { name: 'Statistics' }).locator('svg path[fill="#2e8b57"]').first().waitFor({ state: 'attached' });
		const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Export CSV' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^meta-retargeting-eu-statistics-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
		const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
		expect(lines[0]).toMatch(/^Day,Successfully sent,Successfully removed,.*Skipped \(no identifier\),Cancelled,Errors,Error rate \(%\),Hours in day$/);
		expect(lines).toHaveLength(91);
	});

	it('5. compares every connector on the Partners overview, sortable', async () => {
		await page.getByRole('link', { name: 'Partners overview' }).click();
		const table = page.getByRole('table');
		await table.waitFor();
		await page.locator('svg path[fill="#2e8b57"]').first().waitFor({ state: 'attached' });
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

	it('6. raises an alert when the error rate of the last hour passes the threshold, until acknowledged', async () => {
		await page.goto(app.url('/connectors/demo-meta'));
		await main().getByLabel('Credentials').selectOption('expired');
		await main().getByText('Faults are on').waitFor();
		// The engine has opened in this page (it reopens on each load) before the clock is stepped.
		await page.waitForFunction(() => (globalThis as unknown as { activationSandbox: { controller: { progress: unknown } } }).activationSandbox.controller.progress !== null);
		await page.evaluate(() => (globalThis as unknown as Sandbox).activationSandbox.controller.step(2 * 3_600_000));
		const toast = page.getByRole('status').filter({ hasText: 'Alert: Meta Retargeting EU' });
		await toast.waitFor({ timeout: 30_000 });
		await app.screenshot('statistics-alert', { fullPage: false });
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server to Server Connectors' }).click();
		const badge = page.getByRole('row', { name: /Meta Retargeting EU/ }).getByTitle(/errors in the last hour/);
		await badge.waitFor();
		await toast.getByRole('button', { name: 'Acknowledge' }).click();
		await expect.poll(() => badge.count()).toBe(0);
		expect(app.pageErrors).toEqual([]);
	});
});
