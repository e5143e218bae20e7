import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/**
 * Issue 12: the dialogs, on the native modal <dialog>. A text selection dragged from a field
 * and released over the backdrop used to close the dialog and lose what was typed, and the
 * page behind scrolled under the wheel. Shown with the New blank workspace dialog.
 */
describe('Dialogs, in Chromium', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
		// A short window, so the Workspaces page is taller than it and can scroll.
		await page.setViewportSize({ width: 1360, height: 560 });
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
		await page.getByRole('heading', { level: 1, name: 'Workspaces' }).waitFor();
		await page.getByRole('table', { name: /Workspaces in this browser/ }).waitFor();
	});
	afterAll(async () => {
		await app?.close();
	});

	const opener = () => page.getByRole('main').getByRole('button', { name: 'New blank workspace' });
	const dialog = () => page.getByRole('dialog', { name: 'New blank workspace' });
	const scrollTop = () => page.evaluate(() => document.scrollingElement!.scrollTop);
	/** Two frames: long enough for a wheel's scroll to be applied, were it to be. */
	const frames = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
	/** A point on the backdrop, left of the centred card. */
	const backdropPoint = { x: 40, y: 280 };

	async function openDialog() {
		await page.evaluate(() => document.scrollingElement!.scrollTo(0, 0));
		await opener().click();
		await dialog().getByLabel('Workspace name').waitFor();
	}

	it('keeps the dialog and its text when a selection dragged from the field ends on the backdrop', async () => {
		expect(await page.evaluate(() => document.scrollingElement!.scrollHeight > innerHeight)).toBe(true);
		await openDialog();
		const field = dialog().getByLabel('Workspace name');
		await field.fill('Trainee Ann');

		const box = (await field.boundingBox())!;
		await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 4 });
		await page.mouse.move(backdropPoint.x, backdropPoint.y, { steps: 6 });
		await page.mouse.up();

		expect(await dialog().isVisible()).toBe(true);
		expect(await field.inputValue()).toBe('Trainee Ann');
		// It was a selection: part of the text is selected.
		expect(await field.evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!)).toBeGreaterThan(0);
		await app.screenshot('dialog-new-workspace', { fullPage: false });
	});

	it('does not scroll the page behind with the wheel, over the backdrop or the card', async () => {
		expect(await dialog().isVisible()).toBe(true);
		await page.mouse.move(backdropPoint.x, backdropPoint.y);
		await page.mouse.wheel(0, 600);
		const box = (await dialog().boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + 20);
		await page.mouse.wheel(0, 600);
		await frames();
		expect(await scrollTop()).toBe(0);
	});

	it('closes on a click on the backdrop, gives focus back to its button, and the page scrolls again', async () => {
		await page.mouse.click(backdropPoint.x, backdropPoint.y);
		await dialog().waitFor({ state: 'detached' });
		expect(await opener().evaluate((button) => button === document.activeElement)).toBe(true);

		// The wheel that did nothing while the dialog was open scrolls the page now.
		await page.mouse.move(backdropPoint.x, backdropPoint.y);
		await page.mouse.wheel(0, 600);
		await expect.poll(scrollTop).toBeGreaterThan(0);
	});

	it('closes on Escape, from the text field too', async () => {
		await openDialog();
		await dialog().getByLabel('Workspace name').fill('Trainee Bob');
		await page.keyboard.press('Escape');
		await dialog().waitFor({ state: 'detached' });
		expect(await opener().evaluate((button) => button === document.activeElement)).toBe(true);
		expect(app.pageErrors).toEqual([]);
	});
});
