import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * axe-core (every rule it runs by default, through @axe-core/playwright) on every page of the
 * app, in Chromium against the built app: no serious or critical violation may appear. Each
 * page is checked once its content has loaded.
 */
async function seriousViolations(page: Page): Promise<string[]> {
	// @axe-core/playwright evaluates axe through the DevTools protocol, which the page's
	// Content-Security-Policy does not govern (an inline <script> tag would be refused, as it should be).
	const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}

const pages: Array<{ path: string; ready: (page: Page) => Locator }> = [
	{ path: '/connectors', ready: (p) => p.getByRole('table') },
	{ path: '/connectors/new', ready: (p) => p.getByLabel('Search connectors') },
	{ path: '/connectors/new/meta', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/connectors/new/custom-http', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/connectors/demo-meta', ready: (p) => p.getByRole('heading', { level: 1, name: 'Meta Retargeting EU' }) },
	{ path: '/connectors/demo-meta/edit', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/simulator', ready: (p) => p.getByRole('heading', { level: 2, name: 'Run' }) },
	{ path: '/workspaces', ready: (p) => p.getByRole('table', { name: /Workspaces in this browser/ }) },
	{ path: '/audiences', ready: (p) => p.getByRole('link', { name: 'Cart abandoners (7 days)' }) },
	{ path: '/audiences/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/audiences/demo-audience-cart', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/journeys', ready: (p) => p.getByRole('link', { name: 'Welcome high-value customers' }) },
	{ path: '/journeys/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/journeys/demo-journey-welcome', ready: (p) => p.getByRole('heading', { level: 1 }) },
	{ path: '/overview', ready: (p) => p.getByRole('table') }
];

test.describe('accessibility (axe-core)', () => {
	// Each page is the first one this fresh browser opens: `history=none` sets up the demo
	// workspace without generating its history in the background.
	test.use({ seedDemo: false });
	const firstVisit = (path: string) => `${path}?history=none`;

	for (const { path, ready } of pages) {
		test(`${path} has no serious or critical violations`, async ({ app, page }) => {
			await page.goto(app.url(firstVisit(path)));
			await expect(ready(page)).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
		});
	}

	test('the check finds a violation when there is one (so a pass means something)', async ({ app, page }) => {
		await page.goto(app.url(firstVisit('/connectors')));
		await expect(page.getByRole('table')).toBeVisible();
		await page.evaluate(() => document.querySelector('main')?.append(Object.assign(document.createElement('button'), { className: 'axe-probe' })));
		expect(await seriousViolations(page)).toEqual([expect.stringMatching(/^critical button-name: /)]);
	});

	test('an open dialog has none either', async ({ app, page }) => {
		await page.goto(app.url(firstVisit('/workspaces')));
		await page.getByRole('button', { name: 'New blank workspace' }).click();
		await expect(page.getByRole('dialog', { name: 'New blank workspace' })).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);
	});
});
