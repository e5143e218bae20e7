import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { engineRunningHere } from './support/engine';
import { expect, test } from './support/fixtures';
import { SCREENSHOTS } from './support/paths';

interface Sandbox {
	activationSandbox: { controller: { progress: { clock: number; running: boolean; speed: number } | null; step(ms: number): Promise<void> } };
}

const HOUR_MS = 3_600_000;
const progress = (page: Page) => page.evaluate(() => (globalThis as unknown as Sandbox).activationSandbox.controller.progress!);

/** What a presenter needs in front of an audience: the clock on the keyboard, and charts to take away. */
test.describe('presenter comforts', () => {
	test('drives the Simulator from the keyboard, leaves typing alone, and shows the keys with ?', async ({ app }) => {
		const { page } = app;
		await page.getByRole('link', { name: 'Simulator', exact: true }).click();
		const start = page.getByRole('button', { name: 'Start' });
		await expect(start).toBeVisible();
		// Keys act wherever focus is on the page, except in a field.
		await page.getByRole('heading', { name: 'Simulator', level: 1 }).click();

		// A key does what its button does, and nothing while the button is off (the last command
		// still being carried out): each press waits for the run button, as a presenter would.
		const runButton = page.locator('[aria-keyshortcuts="Space K"]');
		const idle = () => expect(runButton).toBeEnabled();
		await page.keyboard.press('k');
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		expect((await progress(page)).running).toBe(true);
		await idle();
		await page.keyboard.press('Space');
		await expect(start).toBeVisible();
		expect((await progress(page)).running).toBe(false);

		await idle();
		const before = (await progress(page)).clock;
		await page.keyboard.press('s');
		await expect.poll(async () => (await progress(page)).clock - before, { timeout: 10_000 }).toBe(HOUR_MS);

		const speed = page.getByLabel('Speed');
		const initial = Number(await speed.inputValue());
		await idle();
		await page.keyboard.press('+');
		await expect.poll(async () => Number(await speed.inputValue()), { timeout: 5_000 }).toBeGreaterThan(initial);
		await idle();
		await page.keyboard.press('-');
		await expect.poll(async () => Number(await speed.inputValue()), { timeout: 5_000 }).toBe(initial);

		// Typing "k" and "s" into the population field starts and steps nothing.
		const clock = (await progress(page)).clock;
		await page.getByLabel('Population size').click();
		await page.keyboard.type('ks ');
		// A key that acted would have turned the buttons off at once (until its command is carried
		// out): they are on, and the clock is where it was, a rendered frame after the keys.
		await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
		expect(await runButton.isEnabled()).toBe(true);
		expect(await page.getByRole('button', { name: '+1 hour' }).isEnabled()).toBe(true);
		expect(await progress(page)).toMatchObject({ running: false, clock });
		await expect(start).toBeVisible();

		// ? opens the help over the page; Escape closes it and focus goes back where it was.
		await expect(start).toHaveAttribute('aria-keyshortcuts', 'Space K');
		await expect(start).toHaveAttribute('title', 'Start the clock (Space or K)');
		await start.focus();
		await page.keyboard.press('?');
		const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(help).toBeVisible();
		await expect(help).toContainText('Start or pause the clock');
		// While the help is open the clock does not move.
		await page.keyboard.press('k');
		expect((await progress(page)).running).toBe(false);
		await app.screenshot('simulator-shortcuts', { fullPage: false });
		await page.keyboard.press('Escape');
		await expect(help).toBeHidden();
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start');

		// The visible button opens the same help, and Close closes it.
		await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
		await expect(help).toBeVisible();
		await help.getByRole('button', { name: 'Close' }).click();
		await expect(help).toBeHidden();
	});

	test('saves a connector’s chart as a standalone SVG and as a PNG at twice its size', async ({ app }) => {
		const { page } = app;
		// A few sandbox hours of traffic, so the chart has bars to show (once the engine has opened
		// in this page: a step before that would be lost).
		await engineRunningHere(page);
		await page.evaluate((ms) => (globalThis as unknown as Sandbox).activationSandbox.controller.step(ms), 8 * HOUR_MS);
		await page.goto(app.url('/connectors/demo-meta?range=7'));
		const statistics = page.getByRole('region', { name: 'Statistics' });
		await expect(statistics.locator('svg path[fill="#2e8b57"]').first()).toBeAttached();
		const save = statistics.getByRole('group', { name: 'Save chart' });
		const chartWidth = await statistics.locator('.picture svg').evaluate((svg) => Number(svg.getAttribute('width')));

		const [svgDownload] = await Promise.all([page.waitForEvent('download'), save.getByRole('button', { name: 'Save as SVG' }).click()]);
		expect(svgDownload.suggestedFilename()).toBe('meta-retargeting-eu-statistics-7-days.svg');
		const svg = readFileSync((await svgDownload.path())!, 'utf8');
		expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('<title>Meta Retargeting EU: messages per day. Last 7 days');
		expect(svg).toContain('fill="#2e8b57"');
		const size = /<svg xmlns="[^"]+" xmlns:xlink="[^"]+" version="1.1" width="(\d+)" height="(\d+)"/.exec(svg);
		expect(Number(size?.[1])).toBe(chartWidth);
		// The browser opens the file as a picture of that size on its own.
		const opened = await page.evaluate(async (text) => {
			const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
			const image = new Image();
			image.src = url;
			await image.decode();
			URL.revokeObjectURL(url);
			return { width: image.naturalWidth, height: image.naturalHeight };
		}, svg);
		expect(opened).toEqual({ width: chartWidth, height: Number(size?.[2]) });

		const [pngDownload] = await Promise.all([page.waitForEvent('download'), save.getByRole('button', { name: 'Save as PNG' }).click()]);
		expect(pngDownload.suggestedFilename()).toBe('meta-retargeting-eu-statistics-7-days.png');
		const png = readFileSync((await pngDownload.path())!);
		expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.length).toBeGreaterThan(10_000);
		// IHDR: width and height at twice the picture's size.
		expect(png.readUInt32BE(16)).toBe(2 * chartWidth);
		expect(png.readUInt32BE(20)).toBe(2 * Number(size?.[2]));
		copyFileSync((await pngDownload.path())!, join(SCREENSHOTS, 'statistics-saved-chart.png'));

		// The tooltip is page markup built from the day's rows. (The chart is drawn again once the
		// statistics of the stepped hours are in: wait for a bar with a height.)
		const barsDrawn = (region: HTMLElement) =>
			[...(region.querySelector('svg path[fill="#2e8b57"]')?.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)].some((m) => Number(m[4]) < -2);
		await expect.poll(() => statistics.evaluate(barsDrawn)).toBe(true);
		const bar = await statistics.evaluate((region) => {
			const path = region.querySelector<SVGPathElement>('svg path[fill="#2e8b57"]')!;
			const last = [...(path.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)l([\d.]+) 0l0 (-?[\d.]+)/g)].filter((m) => Number(m[4]) < -2).at(-1)!;
			region.scrollIntoView({ block: 'start' });
			const box = path.ownerSVGElement!.getBoundingClientRect();
			return { x: box.left + Number(last[1]) + Number(last[3]) / 2, y: box.top + Number(last[2]) + Number(last[4]) / 2 };
		});
		await page.mouse.move(bar.x, bar.y);
		const tooltip = page.getByText('Click a bar for the requests behind it').locator('xpath=..');
		await expect(tooltip).toHaveText(/Successfully sent[\d,]+Successfully removed[\d,]+/);
		expect(await tooltip.locator('.swatch').first().evaluate((swatch) => getComputedStyle(swatch).backgroundColor)).toBe('rgb(46, 139, 87)');
		await page.mouse.move(5, 5);
		await save.evaluate((group) => group.scrollIntoView({ block: 'end' }));
		await app.screenshot('statistics-save-chart', { fullPage: false });
	});
});
