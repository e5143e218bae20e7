import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * Names with markup, right-to-left text and control characters, typed through the real forms:
 * markup shows as text, right-to-left names read in their own direction, refused names say why
 * and nothing is saved, and the page never throws (the fixtures fail a test on any page error).
 */
const IMG = '<img src=x onerror=alert(1)>';
const HEBREW = 'מטא ישראל 2';
const ARABIC_MARKUP = 'جمهور <b>VIP</b>';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function rename(page: Page, connector: string, name: string): Promise<void> {
	await nav(page, 'Server to Server Connectors').click();
	await page.getByRole('link', { name: connector, exact: true }).click();
	await page.getByRole('main').getByRole('link', { name: 'Edit', exact: true }).click();
	await page.getByLabel('Connector name').fill(name);
	await page.getByRole('button', { name: 'Save changes' }).click();
}

test.describe('bad input in names', () => {
	test('saves a connector named with markup and shows it as text', async ({ app }) => {
		const { page } = app;
		await rename(page, 'DV360 Brand B (US)', IMG);
		await expect(page.getByRole('heading', { level: 1, name: IMG })).toBeVisible();
		await nav(page, 'Server to Server Connectors').click();
		const link = page.getByRole('link', { name: IMG, exact: true });
		await expect(link).toHaveText(IMG);
		await expect(link).toHaveAttribute('dir', 'auto');
		await expect(page.locator('main img[src="x"], [onerror]')).toHaveCount(0);
	});

	test('saves a Hebrew connector name and shows it right to left, in its own direction', async ({ app }) => {
		const { page } = app;
		await rename(page, 'Meta Retargeting EU', HEBREW);
		await expect(page.getByRole('heading', { level: 1, name: HEBREW })).toBeVisible();
		await nav(page, 'Server to Server Connectors').click();
		const link = page.getByRole('link', { name: HEBREW, exact: true });
		await expect(link).toHaveCSS('direction', 'rtl');
		// The rest of the row keeps the page's direction.
		await expect(page.getByRole('table')).toHaveCSS('direction', 'ltr');
	});

	test('refuses a name with a control character or a right-to-left override, says why, and saves nothing', async ({ app }) => {
		const { page } = app;
		await rename(page, 'DV360 Brand A (EU)', 'Brand\u0007A');
		await expect(page.getByText('Name contains a control character (U+0007 BELL) at position 6.')).toBeVisible();
		await page.getByLabel('Connector name').fill('invoice\u202Efdp.exe');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByText(/Name contains an invisible formatting character \(U\+202E RIGHT-TO-LEFT OVERRIDE\) at position 8/)).toBeVisible();
		await nav(page, 'Server to Server Connectors').click();
		await expect(page.getByRole('link', { name: 'DV360 Brand A (EU)', exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Brand\u0007A' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: /fdp\.exe/ })).toHaveCount(0);
	});

	test('saves an audience named in Arabic with markup and shows it as text', async ({ app }) => {
		const { page } = app;
		await nav(page, 'Audiences').click();
		await page.getByRole('link', { name: 'Cart abandoners (7 days)' }).click();
		await page.getByLabel('Audience name').fill(ARABIC_MARKUP);
		await page.getByRole('button', { name: 'Save audience' }).click();
		await expect(page.getByText(/^Saved at/)).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: ARABIC_MARKUP })).toHaveAttribute('dir', 'auto');
		await nav(page, 'Audiences').click();
		await expect(page.getByRole('link', { name: ARABIC_MARKUP, exact: true })).toBeVisible();
		await expect(page.locator('main b')).toHaveCount(0);
		await app.screenshot('bad-input-audiences');
		// The connectors list with the odd names of the tests above, for the screenshot of them all.
		await rename(page, 'DV360 Brand B (US)', IMG);
		await expect(page.getByRole('heading', { level: 1, name: IMG })).toBeVisible();
		await rename(page, 'Meta Retargeting EU', HEBREW);
		await expect(page.getByRole('heading', { level: 1, name: HEBREW })).toBeVisible();
		await nav(page, 'Server to Server Connectors').click();
		await expect(page.getByRole('link', { name: HEBREW, exact: true })).toBeVisible();
		await app.screenshot('bad-input-connectors');
	});
});
