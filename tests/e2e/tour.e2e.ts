import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const tour = (page: Page) => page.getByRole('dialog', { name: /./ }).filter({ hasText: 'Tour · step' });
/** Presses a key once the step has taken focus (it moves there when a step is shown). */
async function press(page: Page, key: string) {
	await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
	await page.keyboard.press(key);
}

/**
 * A new user takes the guided tour with the keyboard, closes it half-way, and resumes it. The
 * steps build on each other (the tour resumes where it was closed): one test, in steps.
 */
test.describe('guided tour', () => {
	test('walks through the tour with the keyboard, closes it half-way and resumes it at the same step, after a reload too', async ({ app }) => {
		const { page } = app;
		await test.step('walks through the connectors, New Connector, a configuration, statistics, deactivation, deletion and the simulator', async () => {
			await page.getByRole('button', { name: 'Take the tour' }).click();
			await expect(tour(page).getByRole('heading')).toHaveText('Server to Server Connectors');
			await app.screenshot('tour-step-1', { fullPage: false });
			// Focus is on the step, so the arrow keys work at once.
			await press(page, 'ArrowRight');
			await expect(page).toHaveURL(/\/connectors\/new$/);
			await expect(tour(page).getByRole('heading')).toHaveText('New Connector');
			await press(page, 'ArrowRight');
			await expect(page).toHaveURL(/\/connectors\/demo-(?!clang)[\w-]+$/);
			await expect(tour(page).getByRole('heading')).toHaveText('A configuration');
			await tour(page).getByRole('button', { name: 'Next' }).click();
			await expect(tour(page).getByText('step 4 of 7')).toHaveCount(1);
			await press(page, 'ArrowRight');
			await expect(page).toHaveURL(/\/connectors\/demo-clang$/);
			await expect(tour(page).getByRole('heading')).toHaveText('Deactivation');
			await app.screenshot('tour-deactivation', { fullPage: false });
		});

		await test.step('closes with Escape and resumes at the same step, after a reload too', async () => {
			await press(page, 'Escape');
			await expect(tour(page)).toHaveCount(0);
			await page.reload();
			await page.getByRole('button', { name: 'Resume the tour' }).click();
			await expect(tour(page).getByRole('heading')).toHaveText('Deactivation');
			await press(page, 'ArrowRight');
			await expect(tour(page).getByRole('heading')).toHaveText('Deletion');
			await press(page, 'ArrowRight');
			await expect(page).toHaveURL(/\/simulator$/);
			await tour(page).getByRole('button', { name: 'Finish' }).click();
			await expect(tour(page)).toHaveCount(0);
			await expect(page.getByRole('button', { name: 'Take the tour again' })).toHaveCount(1);
		});
	});
});
