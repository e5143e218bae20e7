import type { Page } from '@playwright/test';
import { expect, test, type App } from './support/fixtures';

/** A link of the main navigation (breadcrumbs repeat some names). */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Scrolled to the top first, so the journey editor's sticky bar sits where a user first sees it. */
async function topScreenshot(app: App, name: string): Promise<void> {
	await app.page.evaluate(() => window.scrollTo(0, 0));
	await app.screenshot(name);
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Sent and removed of a connector, read from the summary on its page. */
async function counts(page: Page, connectorName: string): Promise<{ sent: number; removed: number }> {
	await nav(page, 'Server to Server Connectors').click();
	await page.getByRole('link', { name: connectorName, exact: true }).click();
	const summary = page.getByRole('region', { name: 'Messages in the last 24 hours' });
	await expect(summary).toBeVisible();
	return { sent: number(await summary.locator('dd.sent').textContent()), removed: number(await summary.locator('dd.removed').textContent()) };
}

test.describe('Audiences and journeys, as a new user', () => {
	test('builds an audience, connects Meta and DV360 Brand A, runs the simulator and sees adds and removes at both', async ({ app, page }) => {
		await nav(page, 'Audiences').click();
		await expect(page.getByRole('heading', { name: 'Audiences', exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Cart abandoners (7 days)' })).toBeVisible();
		await topScreenshot(app, 'audience-list');
		// A demo audience with exit conditions and two connectors, and its size.
		await page.getByRole('link', { name: 'Cart abandoners (7 days)' }).click();
		await expect.poll(async () => number(await page.locator('.estimate .count').textContent())).toBeGreaterThan(0);
		await topScreenshot(app, 'audience-detail');
		await nav(page, 'Audiences').click();

		await page.getByRole('link', { name: 'New audience' }).first().click();
		await page.getByLabel('Audience name').fill('Visited today');
		// Visitors of the last day: as the clock moves, profiles enter and leave.
		await page.getByLabel('Condition 1: days').fill('1');
		await page.getByLabel('Connector to connect').selectOption({ label: 'Meta Retargeting EU' });
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await page.getByLabel('Connector to connect').selectOption({ label: 'DV360 Brand A (EU)' });
		await page.getByRole('button', { name: 'Connect', exact: true }).click();

		// Without the External IDs nothing is saved, and each field says what it needs.
		await page.getByRole('button', { name: 'Create audience' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
		await expect(page.getByText('Meta Retargeting EU: add the Custom Audience ID.').first()).toBeVisible();
		await expect(page.getByText('DV360 Brand A (EU): add the Customer Match audience ID.').first()).toBeVisible();
		await topScreenshot(app, 'audience-errors');

		await page.getByLabel('Custom Audience ID for Meta Retargeting EU').fill('23851234567890999');
		await page.getByLabel('Customer Match audience ID for DV360 Brand A (EU)').fill('8123456780');
		// The size estimate comes from the simulator's population, off the main thread.
		await expect.poll(async () => number(await page.locator('.estimate .count').textContent())).toBeGreaterThan(0);
		await topScreenshot(app, 'audience-editor');
		await page.getByRole('button', { name: 'Create audience' }).click();
		await expect(page.getByRole('heading', { name: 'Visited today' })).toBeVisible();

		const before = new Map<string, { sent: number; removed: number }>();
		for (const name of ['Meta Retargeting EU', 'DV360 Brand A (EU)']) before.set(name, await counts(page, name));

		// Run the sandbox clock: the new audience's members are added, and leave as their visit ages.
		await nav(page, 'Simulator').click();
		const step = page.getByRole('button', { name: '+1 hour' });
		for (let hour = 0; hour < 6; hour++) {
			await expect(step).toBeEnabled();
			await step.click();
		}
		await expect(step).toBeEnabled();

		for (const name of ['Meta Retargeting EU', 'DV360 Brand A (EU)']) {
			await expect
				.poll(
					async () => {
						const c = await counts(page, name);
						return c.sent > before.get(name)!.sent && c.removed > before.get(name)!.removed;
					},
					{ timeout: 20_000 }
				)
				.toBe(true);
		}
		await topScreenshot(app, 'audience-connector-counts');
	});

	test('shows the live journey that keeps sending to the deactivated Clang connector, and publishing stops it', async ({ app, page }) => {
		await nav(page, 'Journeys').click();
		await expect(page.getByText('Keeps sending to deactivated Clang Newsletter Batch until published')).toBeVisible();
		await topScreenshot(app, 'journey-list');
		await nav(page, 'Server to Server Connectors').click();
		await page.getByRole('link', { name: 'Clang Newsletter Batch', exact: true }).click();
		const warning = page.getByRole('status').filter({ hasText: 'Still receiving from a live journey' });
		await expect(warning).toBeVisible();
		await topScreenshot(app, 'journey-keeps-sending-connector');
		await warning.getByRole('link', { name: 'Welcome high-value customers' }).click();

		await expect(page.getByText('This live journey keeps sending to a deactivated connector')).toBeVisible();
		await expect(page.getByText('Unpublished changes', { exact: true }).first()).toBeVisible();
		await topScreenshot(app, 'journey-editor');

		// A destination step without its External ID cannot be published; the message names the step.
		await page.getByRole('button', { name: 'Add destination step' }).click();
		await page.getByLabel('Step 4: connector').selectOption({ label: 'Meta Retargeting EU' });
		await page.getByRole('button', { name: 'Publish' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Step 4 (Send to Meta Retargeting EU): add the Custom Audience ID.' })).toBeVisible();
		await topScreenshot(app, 'journey-publish-errors');

		await page.getByRole('button', { name: 'Remove Step 4' }).click();
		await page.getByRole('button', { name: 'Publish' }).click();
		await expect(page.getByText('Published: the live journey now runs this version.')).toBeVisible();
		await expect(page.getByText('This live journey keeps sending')).toHaveCount(0);
		await expect(page.getByText('Draft and live version are the same')).toBeVisible();

		await nav(page, 'Journeys').click();
		await expect(page.getByRole('link', { name: 'Post-purchase conversions' })).toBeVisible();
		await expect(page.getByText('Keeps sending to deactivated')).toHaveCount(0);
	});

	test('builds a new journey with a check and a destination, saves it as a draft and publishes it live', async ({ app, page }) => {
		await nav(page, 'Journeys').click();
		await page.getByRole('link', { name: 'New journey' }).first().click();
		await page.getByLabel('Journey name').fill('Win back consenting visitors');
		// A demo audience (each test has a fresh workspace of its own).
		await page.getByLabel('Audience that starts the journey').selectOption({ label: 'Cart abandoners (7 days)' });
		await page.getByRole('button', { name: 'Add wait' }).click();
		await page.getByRole('button', { name: 'Add check' }).click();
		const check = page.getByRole('listitem', { name: /^Step 2: Check/ });
		await check.getByRole('button', { name: 'Add destination' }).first().click();
		await page.getByLabel('Step 2, if yes, step 1: connector').selectOption({ label: 'DV360 Brand A (EU)' });
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.waitForURL(/\/journeys\/(?!new)[^/]+$/);
		await expect(page.getByText('Never published', { exact: true })).toBeVisible();

		await page.getByRole('button', { name: 'Publish' }).click();
		await expect(
			page.getByRole('alert').filter({ hasText: 'Step 2, if yes, step 1 (Send to DV360 Brand A (EU)): add the Customer Match audience ID.' })
		).toBeVisible();
		await page.getByLabel('Customer Match audience ID for DV360 Brand A (EU)').fill('8123456781');
		await page.getByRole('button', { name: 'Publish' }).click();
		await expect(page.getByText('Published: the live journey now runs this version.')).toBeVisible();
		await expect(page.locator('.bar').getByText('Live', { exact: true })).toBeVisible();
		await topScreenshot(app, 'journey-new-published');

		// Unsaved edits are not lost by a stray click: leaving asks first.
		await page.getByLabel('Journey name').fill('Win back consenting visitors (renamed)');
		await nav(page, 'Journeys').click();
		const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
		await ask.getByRole('button', { name: 'Stay and keep editing' }).click();
		await expect(page.getByLabel('Journey name')).toHaveValue('Win back consenting visitors (renamed)');
		await nav(page, 'Journeys').click();
		await ask.getByRole('button', { name: 'Leave without saving' }).click();
		await expect(page.getByRole('link', { name: 'Win back consenting visitors', exact: true })).toBeVisible();
	});
});
