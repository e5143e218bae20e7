import { expect, test } from './support/fixtures';

test.describe('Test connection in Chromium', () => {
	test('succeeds against the healthy Meta mock, then fails with a chosen partner error', async ({ app, page }) => {
		await page.goto(app.url('/connectors/demo-meta'));
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText('Connection works.')).toBeVisible();
		await expect(page.getByText('Connected to the ad account "Sandbox ad account".')).toBeVisible();

		await page.getByLabel('Answer every request with').selectOption({ label: '200: no permission to update the audience (not allowlisted)' });
		await expect(page.getByText('Faults are on')).toBeVisible();
		await page.getByRole('button', { name: 'Test connection' }).click();
		const error = page.locator('.result', { hasText: 'Partner error 200:' });
		await expect(error).toContainText('(#200) The current user can not update audience');

		// The request behind it is there, with the token masked.
		await page.getByText('The request and its answer').click();
		await expect(page.locator('.exchange .url').first()).toContainText('access_token=••••••••');
		await app.screenshot('test-connection-error');

		// An expired token shows as Invalid credentials, whatever the forced error was.
		await page.getByLabel('Answer every request with').selectOption('');
		await expect(page.getByText('The partner behaves normally.')).toBeVisible();
		await page.getByLabel('Credentials').selectOption('expired');
		// The knob is stored before Test connection reads it.
		await expect(page.getByText('Faults are on')).toBeVisible();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.locator('.result', { hasText: 'Invalid credentials 190/463:' })).toBeVisible();

		// Back to healthy, and the setting survives a reload.
		await page.reload();
		await expect(page.getByLabel('Credentials')).toHaveValue('expired');
		await page.getByRole('button', { name: 'Back to a healthy partner' }).click();
		await expect(page.getByText('The partner behaves normally.')).toBeVisible();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText('Connection works.')).toBeVisible();
	});

	test('tests the values in the form before saving, marking invalid fields instead of sending', async ({ app, page }) => {
		await page.goto(app.url('/connectors/new/dv360?step=configure'));
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText('Nothing was sent: fix the fields marked below first.')).toBeVisible();
		await expect(page.getByLabel('Advertiser ID')).toHaveAttribute('aria-invalid', 'true');
	});
});
