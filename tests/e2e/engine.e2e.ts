import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

type Sandbox = {
	controller: {
		role: string;
		progress: { clock: number; running: boolean; totals: { accepted: number; inFlight: number; sent: number; removed: number; errors: number; skipped: number; cancelled: number } } | null;
		start(): Promise<void>;
		pause(): Promise<void>;
		setSpeed(speed: number): Promise<void>;
	};
};

const role = (page: Page) => page.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.role);
const progress = (page: Page) =>
	page.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.progress);

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

describe('the engine in its worker, one per workspace', () => {
	let app: App & { pageErrors: string[] };

	beforeAll(async () => {
		app = await openApp();
	});
	afterAll(async () => {
		await app.close();
	});

	it('runs in one tab; a second tab follows it and takes over when the first closes', async () => {
		const first = app.page;
		await until(async () => (await role(first)) === 'running here' && (await progress(first)) !== null, 'the first tab to run the engine');

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
		await until(async () => ((await progress(first))?.totals.accepted ?? 0) > 0, 'messages accepted by the engine');
		await until(async () => ((await progress(second))?.totals.accepted ?? 0) > 0, 'the second tab to see progress');
		const seen = (await progress(second))!;
		expect(seen.running).toBe(true);
		// Nothing lost, nothing counted twice, at any moment.
		const t = seen.totals;
		expect(t.accepted).toBe(t.sent + t.removed + t.errors + t.skipped + t.cancelled + t.inFlight);

		await first.evaluate(() => (globalThis as unknown as { activationSandbox: Sandbox }).activationSandbox.controller.pause());
		const pausedAt = (await progress(first))!.clock;
		await first.close();
		await until(async () => (await role(second)) === 'running here', 'the second tab to take over the engine');
		await until(async () => (await progress(second)) !== null, 'the engine to open in the second tab');
		// It resumes the saved sandbox clock.
		expect((await progress(second))!.clock).toBeGreaterThanOrEqual(pausedAt - 1000);
		app.page = second;
		expect(app.pageErrors).toEqual([]);
	});
});
