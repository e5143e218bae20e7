import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/** A link of the main navigation (breadcrumbs repeat some names). */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Scrolled to the top first, so the journey editor's sticky bar sits where a user first sees it. */
const top = (app: App) => ({
	screenshot: async (name: string) => {
		await app.page.evaluate(() => window.scrollTo(0, 0));
		await app.screenshot(name);
	}
});

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Sent and removed of a connector, read from the summary on its page. */
async function counts(page: Page, connectorName: string): Promise<{ sent: number; removed: number }> {
	await nav(page, 'Server to Server Connectors').click();
	await page.getByRole('link', { name: connectorName, exact: true }).click();
	const summary = page.getByRole('region', { name: 'Messages in the last 24 hours' });
	await summary.waitFor();
	return { sent: number(await summary.locator('dd.sent').textContent()), removed: number(await summary.locator('dd.removed').textContent()) };
}

describe('Audiences and journeys, as a new user', () => {
	let app: App & { pageErrors: string[] };

	beforeAll(async () => {
		app = await openApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('builds an audience, connects Meta and DV360 Brand A, runs the simulator and sees adds and removes at both', async () => {
		const { page } = app;
		await nav(page, 'Audiences').click();
		await page.getByRole('heading', { name: 'Audiences', exact: true }).waitFor();
		await page.getByRole('link', { name: 'Cart abandoners (7 days)' }).waitFor();
		await top(app).screenshot('audience-list');
		// A demo audience with exit conditions and two connectors, and its size.
		await page.getByRole('link', { name: 'Cart abandoners (7 days)' }).click();
		await expect.poll(async () => number(await page.locator('.estimate .count').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
		await top(app).screenshot('audience-detail');
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
		await page.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
		await page.getByText('Meta Retargeting EU: add the Custom Audience ID.').first().waitFor();
		await page.getByText('DV360 Brand A (EU): add the Customer Match audience ID.').first().waitFor();
		await top(app).screenshot('audience-errors');

		await page.getByLabel('Custom Audience ID for Meta Retargeting EU').fill('23851234567890999');
		await page.getByLabel('Customer Match audience ID for DV360 Brand A (EU)').fill('8123456780');
		// The size estimate comes from the simulator's population, off the main thread.
		await expect.poll(async () => number(await page.locator('.estimate .count').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
		await top(app).screenshot('audience-editor');
		await page.getByRole('button', { name: 'Create audience' }).click();
		await page.getByRole('heading', { name: 'Visited today' }).waitFor();

		const before = new Map<string, { sent: number; removed: number }>();
		for (const name of ['Meta Retargeting EU', 'DV360 Brand A (EU)']) before.set(name, await counts(page, name));

		// Run the sandbox clock: the new audience's members are added, and leave as their visit ages.
		await nav(page, 'Simulator').click();
		for (let hour = 0; hour < 6; hour++) {
			const step = page.getByRole('button', { name: '+1 hour' });
			await expect.poll(() => step.isEnabled(), { timeout: 15_000 }).toBe(true);
			await step.click();
		}
		await expect.poll(() => page.getByRole('button', { name: '+1 hour' }).isEnabled(), { timeout: 15_000 }).toBe(true);

		for (const name of ['Meta Retargeting EU', 'DV360 Brand A (EU)']) {
			await expect
				.poll(async () => {
					const c = await counts(page, name);
					return c.sent > before.get(name)!.sent && c.removed > before.get(name)!.removed;
				}, { timeout: 20_000 })
				.toBe(true);
		}
		await top(app).screenshot('audience-connector-counts');
		expect(app.pageErrors).toEqual([]);
	});

	it('shows the live journey that keeps sending to the deactivated Clang connector, and publishing stops it', async () => {
		const { page } = app;
		await nav(page, 'Journeys').click();
		await page.getByText('Keeps sending to deactivated Clang Newsletter Batch until published').waitFor();
		await top(app).screenshot('journey-list');
		await nav(page, 'Server to Server Connectors').click();
		await page.getByRole('link', { name: 'Clang Newsletter Batch', exact: true }).click();
		const warning = page.getByRole('status').filter({ hasText: 'Still receiving from a live journey' });
		await warning.waitFor();
		await top(app).screenshot('journey-keeps-sending-connector');
		await warning.getByRole('link', { name: 'Welcome high-value customers' }).click();

		await page.getByText('This live journey keeps sending to a deactivated connector').waitFor();
		await page.getByText('Unpublished changes', { exact: true }).first().waitFor();
		await top(app).screenshot('journey-editor');

		// A destination step without its External ID cannot be published; the message names the step.
		await page.getByRole('button', { name: 'Add destination step' }).click();
		await page.getByLabel('Step 4: connector').selectOption({ label: 'Meta Retargeting EU' });
		await page.getByRole('button', { name: 'Publish' }).click();
		await page.getByRole('alert').filter({ hasText: 'Step 4 (Send to Meta Retargeting EU): add the Custom Audience ID.' }).waitFor();
		await top(app).screenshot('journey-publish-errors');

		await page.getByRole('button', { name: 'Remove Step 4' }).click();
		await page.getByRole('button', { name: 'Publish' }).click();
		await page.getByText('Published: the live journey now runs this version.').waitFor();
		await expect.poll(() => page.getByText('This live journey keeps sending').count()).toBe(0);
		await page.getByText('Draft and live version are the same').waitFor();

		await nav(page, 'Journeys').click();
		await page.getByRole('link', { name: 'Post-purchase conversions' }).waitFor();
		expect(await page.getByText('Keeps sending to deactivated').count()).toBe(0);
		expect(app.pageErrors).toEqual([]);
	});

	it('builds a new journey with a check and a destination, saves it as a draft and publishes it live', async () => {
		const { page } = app;
		await nav(page, 'Journeys').click();
		await page.getByRole('link', { name: 'New journey' }).first().click();
		await page.getByLabel('Journey name').fill('Win back consenting visitors');
		await page.getByLabel('Audience that starts the journey').selectOption({ label: 'Visited today' });
		await page.getByRole('button', { name: 'Add wait' }).click();
		await page.getByRole('button', { name: 'Add check' }).click();
		const check = page.getByRole('listitem', { name: /^Step 2: Check/ });
		await check.getByRole('button', { name: 'Add destination' }).first().click();
		await page.getByLabel('Step 2, if yes, step 1: connector').selectOption({ label: 'DV360 Brand A (EU)' });
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.waitForURL(/\/journeys\/(?!new)[^/]+$/);
		await page.getByText('Never published', { exact: true }).waitFor();

		await page.getByRole('button', { name: 'Publish' }).click();
		await page
			.getByRole('alert')
			.filter({ hasText: 'Step 2, if yes, step 1 (Send to DV360 Brand A (EU)): add the Customer Match audience ID.' })
			.waitFor();
		await page.getByLabel('Customer Match audience ID for DV360 Brand A (EU)').fill('8123456781');
		await page.getByRole('button', { name: 'Publish' }).click();
		await page.getByText('Published: the live journey now runs this version.').waitFor();
		await page.locator('.bar').getByText('Live', { exact: true }).waitFor();
		await top(app).screenshot('journey-new-published');

		// Unsaved edits are not lost by a stray click: leaving asks first.
		await page.getByLabel('Journey name').fill('Win back consenting visitors (renamed)');
		await nav(page, 'Journeys').click();
		const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
		await ask.getByRole('button', { name: 'Stay and keep editing' }).click();
		expect(await page.getByLabel('Journey name').inputValue()).toBe('Win back consenting visitors (renamed)');
		await nav(page, 'Journeys').click();
		await ask.getByRole('button', { name: 'Leave without saving' }).click();
		await page.getByRole('link', { name: 'Win back consenting visitors', exact: true }).waitFor();
		expect(app.pageErrors).toEqual([]);
	});
});
