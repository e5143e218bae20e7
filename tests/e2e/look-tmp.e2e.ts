import { it } from 'vitest';
import { openApp } from './support/browser';

it('look', { timeout: 120_000 }, async () => {
	const app = await openApp({ history: true });
	const page = app.page;
	await page.goto(app.url('/connectors'));
	await page.waitForFunction(() => (globalThis as any).activationSandbox?.controller?.progress?.history === null && (globalThis as any).activationSandbox?.controller?.lastHistory?.completed === true, undefined, { timeout: 90_000 });
	await page.goto(app.url('/connectors/demo-meta?range=90'));
	await page.getByRole('heading', { name: 'Statistics' }).waitFor();
	await page.waitForTimeout(1500);
	await page.screenshot({ path: '/tmp/stats-meta.png', fullPage: true });
	await page.goto(app.url('/connectors/demo-xandr?range=30'));
	await page.waitForTimeout(1500);
	await page.screenshot({ path: '/tmp/stats-xandr.png', fullPage: false });
	await page.goto(app.url('/overview?range=90'));
	await page.waitForTimeout(1500);
	await page.screenshot({ path: '/tmp/overview.png', fullPage: true });
	await page.goto(app.url('/connectors'));
	await page.waitForTimeout(1500);
	await page.screenshot({ path: '/tmp/list.png', fullPage: false });
	console.log('errors', app.pageErrors);
	await app.close();
});
