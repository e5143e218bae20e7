import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * Issue 12: the dialogs, on the native modal <dialog>. A text selection dragged from a field
 * and released over the backdrop used to close the dialog and lose what was typed, and the
 * page behind scrolled under the wheel. Shown with the New blank workspace dialog.
 */
const opener = (page: Page) => page.getByRole('main').getByRole('button', { name: 'New blank workspace' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'New blank workspace' });
const scrollTop = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollTop);
/** Two frames: long enough for a wheel's scroll to be applied, were it to be. */
const frames = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
/** A point on the backdrop, left of the centred card. */
const backdropPoint = { x: 40, y: 280 };

async function openDialog(page: Page) {
	await page.evaluate(() => document.scrollingElement!.scrollTo(0, 0));
	await opener(page).click();
	await expect(dialog(page).getByLabel('Workspace name')).toBeVisible();
}

test.describe('Dialogs, in Chromium', () => {
	// A short window, so the Workspaces page is taller than it and can scroll.
	test.use({ viewport: { width: 1360, height: 560 } });

	test.beforeEach(async ({ app }) => {
		const { page } = app;
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Workspaces' })).toBeVisible();
		await expect(page.getByRole('table', { name: /Workspaces in this browser/ })).toBeVisible();
	});

	test('keeps the dialog and its text when a selection dragged from the field ends on the backdrop', async ({ app }) => {
		const { page } = app;
		expect(await page.evaluate(() => document.scrollingElement!.scrollHeight > innerHeight)).toBe(true);
		await openDialog(page);
		const field = dialog(page).getByLabel('Workspace name');
		await field.fill('Trainee Ann');

		const box = (await field.boundingBox())!;
		await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 4 });
		await page.mouse.move(backdropPoint.x, backdropPoint.y, { steps: 6 });
		await page.mouse.up();

		await frames(page);
		await expect(dialog(page)).toBeVisible();
		await expect(field).toHaveValue('Trainee Ann');
		// It was a selection: part of the text is selected.
		expect(await field.evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!)).toBeGreaterThan(0);
		await app.screenshot('dialog-new-workspace', { fullPage: false });
	});

	test('does not scroll the page behind with the wheel, over the backdrop or the card', async ({ app }) => {
		const { page } = app;
		await openDialog(page);
		await page.mouse.move(backdropPoint.x, backdropPoint.y);
		await page.mouse.wheel(0, 600);
		const box = (await dialog(page).boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + 20);
		await page.mouse.wheel(0, 600);
		await frames(page);
		expect(await scrollTop(page)).toBe(0);
		await expect(dialog(page)).toBeVisible();
	});

	test('closes on a click on the backdrop, gives focus back to its button, and the page scrolls again', async ({ app }) => {
		const { page } = app;
		await openDialog(page);
		await page.mouse.click(backdropPoint.x, backdropPoint.y);
		await expect(dialog(page)).toHaveCount(0);
		await expect(opener(page)).toBeFocused();

		// The wheel that did nothing while the dialog was open scrolls the page now.
		await page.mouse.move(backdropPoint.x, backdropPoint.y);
		await page.mouse.wheel(0, 600);
		await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
	});

	test('closes on Escape, from the text field too', async ({ app }) => {
		const { page } = app;
		await openDialog(page);
		await dialog(page).getByLabel('Workspace name').fill('Trainee Bob');
		await page.keyboard.press('Escape');
		await expect(dialog(page)).toHaveCount(0);
		await expect(opener(page)).toBeFocused();
	});
});
