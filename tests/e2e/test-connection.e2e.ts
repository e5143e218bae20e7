import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from './support/browser';

describe('Test connection in Chromium', () => {
	let app: App & { pageErrors: string[] };

	beforeAll(async () => {
		app = await openApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('succeeds against the healthy Meta mock, then fails with a chosen partner error', async () => {
		const { page } = app;
		await page.goto(app.url('/connectors/demo-meta'));
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByText('Connection works.').waitFor();
		expect(await page.getByText('Connected to the ad account "Sandbox ad account".').isVisible()).toBe(true);

		await page.getByLabel('Answer every request with').selectOption({ label: '200: no permission to update the audience (not allowlisted)' });
		await page.getByText('Faults are on').waitFor();
		await page.getByRole('button', { name: 'Test connection' }).click();
		const error = page.locator('.result', { hasText: 'Partner error 200:' });
		await error.waitFor();
		expect(await error.textContent()).toContain('(#200) The current user can not update audience');

		// The request behind it is there, with the token masked.
		await page.getByText('The request and its answer').click();
		const url = await page.locator('.exchange .url').first().textContent();
		expect(url).toContain('access_token=••••••••');
		await app.screenshot('test-connection-error');

		// An expired token shows as Invalid credentials, whatever the forced error was.
		await page.getByLabel('Answer every request with').selectOption('');
		await page.getByText('The partner behaves normally.').waitFor();
		await page.getByLabel('Credentials').selectOption('expired');
		// The knob is stored before Test connection reads it.
		await page.getByText('Faults are on').waitFor();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.locator('.result', { hasText: 'Invalid credentials 190/463:' }).waitFor();

		// Back to healthy, and the setting survives a reload.
		await page.reload();
		expect(await page.getByLabel('Credentials').inputValue()).toBe('expired');
		await page.getByRole('button', { name: 'Back to a healthy partner' }).click();
		await page.getByText('The partner behaves normally.').waitFor();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByText('Connection works.').waitFor();
		expect(app.pageErrors).toEqual([]);
	});

	it('tests the values in the form before saving, marking invalid fields instead of sending', async () => {
		const { page } = app;
		await page.goto(app.url('/connectors/new/dv360?step=configure'));
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByText('Nothing was sent: fix the fields marked below first.').waitFor();
		expect(await page.getByLabel('Advertiser ID').getAttribute('aria-invalid')).toBe('true');
		expect(app.pageErrors).toEqual([]);
	});
});
