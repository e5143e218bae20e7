import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/**
 * Names with markup, right-to-left text and control characters, typed through the real forms:
 * markup shows as text, right-to-left names read in their own direction, refused names say why
 * and nothing is saved, and the page never throws.
 */
const IMG = '<img src=x onerror=alert(1)>';
const HEBREW = 'מטא ישראל 2';
const ARABIC_MARKUP = 'جمهور <b>VIP</b>';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describe('bad input in names', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	async function rename(connector: string, name: string): Promise<void> {
		await nav(page, 'Server to Server Connectors').click();
		await page.getByRole('link', { name: connector, exact: true }).click();
		await page.getByRole('main').getByRole('link', { name: 'Edit', exact: true }).click();
		await page.getByLabel('Connector name').fill(name);
		await page.getByRole('button', { name: 'Save changes' }).click();
	}

	it('saves a connector named with markup and shows it as text', async () => {
		await rename('DV360 Brand B (US)', IMG);
		await page.getByRole('heading', { level: 1, name: IMG }).waitFor();
		await nav(page, 'Server to Server Connectors').click();
		const link = page.getByRole('link', { name: IMG, exact: true });
		await link.waitFor();
		expect(await link.textContent()).toBe(IMG);
		expect(await link.getAttribute('dir')).toBe('auto');
		expect(await page.locator('main img[src="x"], [onerror]').count()).toBe(0);
	});

	it('saves a Hebrew connector name and shows it right to left, in its own direction', async () => {
		await rename('Meta Retargeting EU', HEBREW);
		await page.getByRole('heading', { level: 1, name: HEBREW }).waitFor();
		await nav(page, 'Server to Server Connectors').click();
		const link = page.getByRole('link', { name: HEBREW, exact: true });
		await link.waitFor();
		expect(await link.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
		// The rest of the row keeps the page's direction.
		expect(await page.getByRole('table').evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
	});

	it('refuses a name with a control character or a right-to-left override, says why, and saves nothing', async () => {
		await rename('DV360 Brand A (EU)', 'Brand\u0007A');
		await page.getByText('Name contains a control character (U+0007 BELL) at position 6.').waitFor();
		await page.getByLabel('Connector name').fill('invoice\u202Efdp.exe');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.getByText(/Name contains an invisible formatting character \(U\+202E RIGHT-TO-LEFT OVERRIDE\) at position 8/).waitFor();
		await nav(page, 'Server to Server Connectors').click();
		await page.getByRole('link', { name: 'DV360 Brand A (EU)', exact: true }).waitFor();
		expect(await page.getByRole('link', { name: 'Brand\u0007A' }).count()).toBe(0);
		expect(await page.getByRole('link', { name: /fdp\.exe/ }).count()).toBe(0);
	});

	it('saves an audience named in Arabic with markup and shows it as text', async () => {
		await nav(page, 'Audiences').click();
		await page.getByRole('link', { name: 'Cart abandoners (7 days)' }).click();
		await page.getByLabel('Audience name').fill(ARABIC_MARKUP);
		await page.getByRole('button', { name: 'Save audience' }).click();
		await page.getByText(/^Saved at/).waitFor();
		await page.getByRole('heading', { level: 1, name: ARABIC_MARKUP }).waitFor();
		expect(await page.getByRole('heading', { level: 1, name: ARABIC_MARKUP }).getAttribute('dir')).toBe('auto');
		await nav(page, 'Audiences').click();
		await page.getByRole('link', { name: ARABIC_MARKUP, exact: true }).waitFor();
		expect(await page.locator('main b').count()).toBe(0);
		await app.screenshot('bad-input-audiences');
		await nav(page, 'Server to Server Connectors').click();
		await page.getByRole('link', { name: HEBREW, exact: true }).waitFor();
		await app.screenshot('bad-input-connectors');
		expect(app.pageErrors).toEqual([]);
	});
});
