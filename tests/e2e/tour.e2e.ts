import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/** A step's page loads its data before the step shows; on a busy CI machine that takes seconds. */
const NAVIGATION = { timeout: 10_000 };

/** A new user takes the guided tour with the keyboard, closes it half-way, and resumes it. */
describe('guided tour', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	const tour = () => page.getByRole('dialog', { name: /./ }).filter({ hasText: 'Tour · step' });
	/** Presses a key once the step has taken focus (it moves there when a step is shown). */
	async function press(key: string) {
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
		await page.keyboard.press(key);
	}

	it('walks through the connectors, New Connector, a configuration, statistics, deactivation, deletion and the simulator', async () => {
		await page.getByRole('button', { name: 'Take the tour' }).click();
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('Server to Server Connectors');
		await app.screenshot('tour-step-1', { fullPage: false });
		// Focus is on the step, so the arrow keys work at once.
		await press('ArrowRight');
		await expect.poll(() => page.url(), NAVIGATION).toMatch(/\/connectors\/new$/);
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('New Connector');
		await press('ArrowRight');
		await expect.poll(() => page.url(), NAVIGATION).toMatch(/\/connectors\/demo-(?!clang)[\w-]+$/);
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('A configuration');
		await tour().getByRole('button', { name: 'Next' }).click();
		await expect.poll(() => tour().getByText('step 4 of 7').count()).toBe(1);
		await press('ArrowRight');
		await expect.poll(() => page.url(), NAVIGATION).toMatch(/\/connectors\/demo-clang$/);
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('Deactivation');
		await app.screenshot('tour-deactivation', { fullPage: false });
	});

	it('closes with Escape and resumes at the same step, after a reload too', async () => {
		await press('Escape');
		await expect.poll(() => tour().count()).toBe(0);
		await page.reload();
		await page.getByRole('button', { name: 'Resume the tour' }).click();
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('Deactivation');
		await press('ArrowRight');
		await expect.poll(() => tour().getByRole('heading').textContent()).toBe('Deletion');
		await press('ArrowRight');
		await expect.poll(() => page.url(), NAVIGATION).toMatch(/\/simulator$/);
		await tour().getByRole('button', { name: 'Finish' }).click();
		await expect.poll(() => tour().count()).toBe(0);
		await expect.poll(() => page.getByRole('button', { name: 'Take the tour again' }).count()).toBe(1);
		expect(app.pageErrors).toEqual([]);
	});
});
