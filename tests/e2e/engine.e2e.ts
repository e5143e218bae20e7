import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { Sandbox } from './support/engine';

const role = (page: Page) => page.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.role);
const progress = (page: Page) => page.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.progress);

test.describe('the engine in its worker, one per workspace', () => {
	test('runs in one tab; a second tab follows it and takes over when the first closes', async ({ app }) => {
		const first = app.page;
		await expect.poll(async () => (await role(first)) === 'running here' && (await progress(first)) !== null, { message: 'the first tab to run the engine' }).toBe(true);

		const second = await app.context.newPage();
		await second.goto(app.url('/connectors'));
		await second.waitForFunction(() => 'activationSandbox' in globalThis);
		expect(await role(second)).toBe('running in another tab');

		// A command from the second tab runs the engine in the first; both see its progress.
		await second.evaluate(async () => {
			const { controller } = (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox;
			await controller.setSpeed(3600);
			await controller.start();
		});
		await expect.poll(async () => (await progress(first))?.totals.accepted ?? 0, { message: 'messages accepted by the engine' }).toBeGreaterThan(0);
		await expect.poll(async () => (await progress(second))?.totals.accepted ?? 0, { message: 'the second tab to see progress' }).toBeGreaterThan(0);
		const seen = (await progress(second))!;
		expect(seen.running).toBe(true);
		// Nothing lost, nothing counted twice, at any moment.
		const t = seen.totals;
		expect(t.accepted).toBe(t.sent + t.removed + t.errors + t.skipped + t.cancelled + t.inFlight);

		await first.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.pause());
		const pausedAt = (await progress(first))!.clock;
		await first.close();
		await expect.poll(() => role(second), { message: 'the second tab to take over the engine' }).toBe('running here');
		await expect.poll(() => progress(second), { message: 'the engine to open in the second tab' }).not.toBeNull();
		// It resumes the saved sandbox clock.
		expect((await progress(second))!.clock).toBeGreaterThanOrEqual(pausedAt - 1000);
	});
});
