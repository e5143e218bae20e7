import { expect, test } from './support/fixtures';

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('the Simulator page', () => {
	test('runs traffic, and an expired Meta token shows as errors for Meta while the page stays responsive', async ({ app }) => {
		const { page } = app;
		await page.getByRole('link', { name: 'Simulator', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
		await page.evaluate(() => {
			// Long main-thread tasks while the engine runs flat out in its worker.
			(globalThis as unknown as { longest: number }).longest = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					const g = globalThis as unknown as { longest: number };
					g.longest = Math.max(g.longest, entry.duration);
				}
			}).observe({ type: 'longtask', buffered: false });
		});
		await page.getByLabel('Speed').selectOption('3600');
		await page.getByRole('button', { name: 'Start' }).click();
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await page.getByLabel('Mock partner behaviour for Meta Retargeting EU').selectOption({ label: 'Expired credentials' });

		const metaRow = page.getByRole('row', { name: /Meta Retargeting EU/ });
		await expect.poll(async () => number(await metaRow.locator('td.errors').textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
		await expect.poll(async () => number(await page.getByRole('row', { name: /Xandr Display Retargeting/ }).locator('td.sent').textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
		// The page answers clicks at once while the engine runs.
		const started = Date.now();
		await page.getByRole('link', { name: 'Server to Server Connectors' }).click();
		await expect(page.getByRole('heading', { name: 'Server to Server Connectors' })).toBeVisible();
		expect(Date.now() - started).toBeLessThan(5_000);
		await page.getByRole('link', { name: 'Simulator', exact: true }).click();
		await expect(page.getByText(/Nothing lost: accepted/)).toBeVisible();
		await app.screenshot('simulator');
		// The errors are counted as Invalid credentials in the statistics of that connector.
		// In the page (an error-rate alert may name the connector too).
		await page.getByRole('main').getByRole('link', { name: 'Meta Retargeting EU' }).click();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.locator('.result', { hasText: 'Invalid credentials' })).toBeVisible();
		const longest = await page.evaluate(() => (globalThis as unknown as { longest?: number }).longest ?? 0);
		console.log(`longest main-thread task while the engine ran: ${Math.round(longest)} ms`);
	});
});
