import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * A new user's first visit, each test in a fresh Chromium context of its own (so with the
 * seeded demo workspace): the catalog, creating, refusing, deactivating, deleting and renaming
 * connectors, and all of it still there after a reload. A test that fails keeps its trace in
 * test-results/, with the page's errors attached.
 */

/** The list's table row of a connector, found by its name link. */
const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function openList(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server to Server Connectors' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' })).toBeVisible();
	await expect(page.getByRole('table')).toBeVisible();
}

async function openConnector(page: Page, name: string) {
	await openList(page);
	await row(page, name).getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function openCatalogEntry(page: Page, search: string, name: string) {
	await main(page).getByRole('link', { name: 'New Connector' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New Connector' })).toBeVisible();
	await page.getByLabel('Search connectors').fill(search);
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('Server-to-server connectors, as a new user', () => {
	test('lands on the connectors list with the demo workspace', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/'));
		await page.waitForURL((url) => url.pathname === '/connectors');
		await expect(page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' })).toBeVisible();
		await expect(page.getByRole('table')).toBeVisible();
		await expect(page).toHaveTitle('Server to Server Connectors · Activation Sandbox');

		// Names, each with its partner.
		const expected: Array<[string, string]> = [
			['Meta Retargeting EU', 'Meta (Facebook) Custom Audiences'],
			['DV360 Brand A (EU)', 'Google Display & Video 360 Customer Match'],
			['DV360 Brand B (US)', 'Google Display & Video 360 Customer Match'],
			['Xandr Display Retargeting', 'Xandr (Microsoft Invest) segments'],
			['Clang Newsletter Batch', 'Clang e-mail marketing groups'],
			['Mailchimp Newsletter', 'Mailchimp audiences'],
			['CRM Webhook', 'Custom HTTP webhook']
		];
		for (const [name, partner] of expected) {
			await expect(row(page, name), name).toHaveCount(1);
			await expect(row(page, name), name).toContainText(partner);
		}
		expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(expected.length + 1);

		// Status: the Clang one is deactivated, the others active.
		await expect(row(page, 'Clang Newsletter Batch').getByText('deactivated', { exact: true })).toBeVisible();
		await expect(row(page, 'Meta Retargeting EU').getByText('Active', { exact: true })).toBeVisible();
		await expect(row(page, 'Meta Retargeting EU').getByText('deactivated', { exact: true })).toHaveCount(0);

		// Used by: audiences and journeys by name; unused ones say so.
		const xandrUsage = row(page, 'Xandr Display Retargeting').getByRole('list', { name: /^Used by 1 / });
		await expect(xandrUsage).toContainText('Cart abandoners (7 days)');
		await expect(row(page, 'Meta Retargeting EU')).toContainText('Cart abandoners (7 days)');
		await expect(row(page, 'DV360 Brand A (EU)')).toContainText('High-value customers');
		await expect(row(page, 'Clang Newsletter Batch')).toContainText('Welcome high-value customers');
		await expect(row(page, 'Mailchimp Newsletter').getByText('Not used')).toBeVisible();

		await app.screenshot('connectors-list');
	});

	test('finds partners in the catalog, by name and by kind', async ({ app }) => {
		const { page } = app;
		await main(page).getByRole('link', { name: 'New Connector' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'New Connector' })).toBeVisible();
		const entries = main(page).getByRole('listitem');
		await expect.poll(() => entries.count()).toBeGreaterThan(8);
		const allCount = await entries.count();

		await page.getByLabel('Search connectors').fill('google');
		await expect(page.getByText('connectors match "google"')).toBeVisible();
		await expect(page.getByRole('link', { name: /Google Display & Video 360 Customer Match/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Google Campaign Manager 360 offline conversions/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Google Analytics 4 \(gtag\.js\)/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Meta/ })).toHaveCount(0);
		await app.screenshot('catalog');

		// Tag-based only: the search still applies, then every tag-based entry without it.
		await page.getByRole('radio', { name: 'Tag-based' }).check();
		await expect(entries).toHaveCount(1);
		await expect(entries.first()).toContainText('Google Analytics 4 (gtag.js)');
		await page.getByLabel('Search connectors').fill('');
		await expect.poll(() => entries.count()).toBeGreaterThan(1);
		expect(await entries.count()).toBeLessThan(allCount);
		for (const text of await entries.allTextContents()) {
			expect(text).toContain('Tag-based');
			expect(text).not.toContain('Server-to-server');
		}

		// A tag-based entry explains where it is set up, with no form to fill.
		await page.getByRole('link', { name: /Meta Pixel/ }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Meta Pixel' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'A tag-based connector: nothing to configure here' })).toBeVisible();
		await expect(main(page)).toContainText('set up in tag management');
		await expect(page.locator('form')).toHaveCount(0);
		await expect(main(page).getByRole('textbox')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Create connector' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Back to the catalog' })).toBeVisible();
	});

	test('points at the existing Meta configuration instead of adding a second one', async ({ app }) => {
		const { page } = app;
		await openCatalogEntry(page, 'meta', 'Meta (Facebook) Custom Audiences');
		const notice = page.getByRole('status').filter({ hasText: 'allows one configuration' });
		await expect(notice).toBeVisible();
		await expect(notice).toContainText('"Meta Retargeting EU" is it');
		await expect(page.getByLabel('Connector name')).toHaveCount(0);

		await notice.getByRole('link', { name: 'Open "Meta Retargeting EU"' }).click();
		await expect(page.getByRole('heading', { level: 1, name: /Meta Retargeting EU/ })).toBeVisible();
		expect(new URL(page.url()).pathname).toBe('/connectors/demo-meta');

		// Going straight to the form's address gives the same answer.
		await page.goto(app.url('/connectors/new/meta?step=configure'));
		await expect(page.getByRole('status').filter({ hasText: 'allows one configuration' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Create connector' })).toHaveCount(0);
	});

	test('refuses a name that exists already, ignoring case', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors'));
		await expect(page.getByRole('table')).toBeVisible();
		const before = await page.getByRole('row').count();

		await openCatalogEntry(page, 'webhook', 'Custom HTTP webhook');
		await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
		const name = page.getByLabel('Connector name');
		await expect(name).toBeVisible();
		await name.fill('crm webhook');
		await page.getByLabel('Endpoint URL').fill('https://hooks.example.com/crm');
		await page.getByLabel('Payload template').fill('{ "operation": "{{operation}}", "profiles": {{profiles}} }');
		await page.getByRole('button', { name: 'Create connector' }).click();

		await expect(name).toHaveAttribute('aria-invalid', 'true');
		await expect.poll(() => describedBy(name)).toContain('A connector named "CRM Webhook" exists already');
		const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
		await expect(summary).toContainText('one field needs attention');
		await expect(summary.getByRole('link', { name: 'Open "CRM Webhook"' })).toBeVisible();
		await expect(page).toHaveURL(/\/connectors\/new\/custom-http/);

		await openList(page);
		await expect(page.getByRole('row')).toHaveCount(before);
		await expect(page.getByRole('row').filter({ hasText: /crm webhook/i })).toHaveCount(1);
	});

	test('refuses to delete a connector an audience uses', async ({ app }) => {
		const { page } = app;
		await openConnector(page, 'Xandr Display Retargeting');
		await main(page).getByRole('button', { name: 'Delete', exact: true }).click();
		const dialog = page.getByRole('alertdialog', { name: '"Xandr Display Retargeting" can\'t be deleted' });
		await expect(dialog).toBeVisible();
		await expect(dialog).toContainText('Cart abandoners (7 days)');
		await expect(dialog).toContainText('Remove the connector there first');
		await expect(dialog.getByRole('button', { name: /Delete/ })).toHaveCount(0);
		await app.screenshot('delete-refused', { fullPage: false });

		await dialog.getByRole('button', { name: 'Close' }).click();
		await expect(dialog).toHaveCount(0);
		await openList(page);
		await expect(row(page, 'Xandr Display Retargeting')).toHaveCount(1);
	});

	test('shows a not-found page for an unknown connector', async ({ app }) => {
		const { page } = app;
		await page.goto(app.url('/connectors/does-not-exist'));
		await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
		await expect(main(page)).toContainText('No connector with id "does-not-exist"');
		await expect(page).toHaveTitle(/Not found/);
		await main(page).getByRole('link', { name: 'Go to Server to Server Connectors' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' })).toBeVisible();
	});

	// The changes build on each other and are checked again after a reload: one test, in steps.
	test('creates, deactivates, deletes and renames connectors, and finds everything as it was left after a reload', async ({ app }) => {
		const { page } = app;
		/** The id of the DV360 configuration created in the first step. */
		let createdId = '';

		await test.step('creates a second DV360 configuration after the prerequisites', async () => {
			await openCatalogEntry(page, 'display', 'Google Display & Video 360 Customer Match');
			await expect(page.getByRole('heading', { name: 'Before you connect' })).toBeVisible();
			const prerequisites = page.getByRole('region', { name: 'Before you connect' });
			await expect(prerequisites).toContainText('An active Google account');
			await expect(prerequisites).toContainText('allowlisted');
			await expect(page.getByText('Several allowed')).toBeVisible();

			await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
			await expect(page.getByLabel('Connector name')).toBeVisible();
			expect(new URL(page.url()).searchParams.get('step')).toBe('configure');

			// Submitting the empty form marks every required field, with its own message.
			await page.getByRole('button', { name: 'Create connector' }).click();
			await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
			const name = page.getByLabel('Connector name');
			const advertiser = page.getByLabel('Advertiser ID');
			const token = page.getByLabel('OAuth access token', { exact: true });
			for (const [field, message] of [
				[name, 'Give the connector a name.'],
				[advertiser, 'Enter the advertiser ID.'],
				[token, 'Enter the OAuth access token.']
			] as const) {
				await expect(field).toHaveAttribute('aria-invalid', 'true');
				await expect.poll(() => describedBy(field)).toContain(message);
			}
			await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('3 fields need attention');
			await expect(page).toHaveURL(/step=configure/);
			await app.screenshot('connector-form-errors');

			// A badly formatted advertiser ID and a short token get format messages.
			await advertiser.fill('12-34');
			await token.fill('too-short');
			await page.getByRole('button', { name: 'Create connector' }).click();
			await expect.poll(() => describedBy(advertiser)).toContain('digits only');
			await expect.poll(() => describedBy(token)).toContain('at least 20 characters');

			// Cancel goes back to the prerequisites; continuing again starts a clean form.
			await page.getByRole('link', { name: 'Cancel', exact: true }).click();
			await expect(page.getByRole('heading', { name: 'Before you connect' })).toBeVisible();
			await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
			await expect(name).toBeVisible();
			await expect(name).toHaveValue('');
			await expect(name).not.toHaveAttribute('aria-invalid');

			await name.fill('DV360 Brand C (APAC)');
			await advertiser.fill('6612345');
			await token.fill('ya29.e2e-brand-c-0000000000000000000000000000');
			await expect(page.getByLabel('API version')).toHaveValue('v4');
			await app.screenshot('connector-form');

			await page.getByRole('button', { name: 'Create connector' }).click();
			await page.waitForURL((url) => /^\/connectors\/(?!new)[^/]+$/.test(url.pathname));
			createdId = new URL(page.url()).pathname.split('/').pop()!;
			await expect(page.getByRole('heading', { level: 1, name: /DV360 Brand C \(APAC\)/ })).toBeVisible();
			await expect(h1(page)).toContainText('Active');
			const configuration = page.getByRole('region', { name: 'Configuration', exact: true });
			await expect(configuration).toContainText('6612345');
			// The token is masked, never shown.
			await expect(configuration).not.toContainText('ya29.e2e-brand-c');
			await expect(page.getByText('No audience or journey uses this connector')).toBeVisible();

			await openList(page);
			await expect(row(page, 'DV360 Brand C (APAC)')).toHaveCount(1);
			await expect(row(page, 'DV360 Brand C (APAC)').getByText('Active', { exact: true })).toBeVisible();
		});

		await test.step('deactivates a connector after confirming', async () => {
			await openConnector(page, 'Meta Retargeting EU');
			await main(page).getByRole('button', { name: 'Deactivate', exact: true }).click();
			const dialog = page.getByRole('alertdialog', { name: 'Deactivate "Meta Retargeting EU"?' });
			await expect(dialog).toBeVisible();
			await expect(dialog).toContainText('stays attached');
			await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
			await expect(dialog).toHaveCount(0);

			await expect(h1(page)).toContainText('deactivated');
			await expect(page.getByText('This connector is deactivated')).toBeVisible();
			await expect(main(page).getByRole('button', { name: 'Reactivate' })).toBeVisible();

			await openList(page);
			await expect(row(page, 'Meta Retargeting EU').getByText('deactivated', { exact: true })).toBeVisible();
		});

		await test.step('deletes an unused connector after confirming', async () => {
			await openConnector(page, 'Mailchimp Newsletter');
			await main(page).getByRole('button', { name: 'Delete', exact: true }).click();
			const dialog = page.getByRole('alertdialog', { name: 'Delete "Mailchimp Newsletter"?' });
			await expect(dialog).toBeVisible();
			await expect(dialog).toContainText("can't be undone");
			await dialog.getByRole('button', { name: 'Delete connector' }).click();

			await page.waitForURL((url) => url.pathname === '/connectors');
			await expect(page.getByRole('table')).toBeVisible();
			await expect(row(page, 'Mailchimp Newsletter')).toHaveCount(0);
			await expect(page.getByRole('row').filter({ hasText: 'Mailchimp' })).toHaveCount(0);
		});

		await test.step('renames a connector', async () => {
			await openConnector(page, 'DV360 Brand B (US)');
			await main(page).getByRole('link', { name: 'Edit', exact: true }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Edit DV360 Brand B (US)' })).toBeVisible();
			const name = page.getByLabel('Connector name');
			await expect(name).toHaveValue('DV360 Brand B (US)');
			await expect(page.getByLabel('Advertiser ID')).toHaveValue('5519873');
			await name.fill('DV360 Brand B (North America)');
			await page.getByRole('button', { name: 'Save changes' }).click();

			await page.waitForURL((url) => url.pathname === '/connectors/demo-dv360-brand-b');
			await expect(page.getByRole('heading', { level: 1, name: /DV360 Brand B \(North America\)/ })).toBeVisible();
			await openList(page);
			await expect(row(page, 'DV360 Brand B (North America)')).toHaveCount(1);
			await expect(row(page, 'DV360 Brand B (US)')).toHaveCount(0);
			// Still used where it was.
			await expect(row(page, 'DV360 Brand B (North America)')).toContainText('Welcome high-value customers');
		});

		await test.step('finds everything as it was left after a reload', async () => {
			await page.reload();
			await expect(page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' })).toBeVisible();
			await expect(page.getByRole('table')).toBeVisible();

			await expect(row(page, 'DV360 Brand C (APAC)')).toHaveCount(1);
			await expect(row(page, 'DV360 Brand C (APAC)').getByRole('link')).toHaveAttribute('href', `/connectors/${createdId}`);
			await expect(row(page, 'Meta Retargeting EU').getByText('deactivated', { exact: true })).toBeVisible();
			await expect(row(page, 'Clang Newsletter Batch').getByText('deactivated', { exact: true })).toBeVisible();
			await expect(row(page, 'Mailchimp Newsletter')).toHaveCount(0);
			await expect(row(page, 'DV360 Brand B (North America)')).toHaveCount(1);
			await expect(row(page, 'DV360 Brand B (US)')).toHaveCount(0);
			await expect(row(page, 'Xandr Display Retargeting')).toHaveCount(1);
			await expect(page.getByRole('row').filter({ hasText: /crm webhook/i })).toHaveCount(1);

			// The created connector's own page opens straight from its address.
			await page.goto(app.url(`/connectors/${createdId}`));
			await expect(page.getByRole('heading', { level: 1, name: /DV360 Brand C \(APAC\)/ })).toBeVisible();
		});
	});
});

/** The text of the elements a field's aria-describedby points at (its help and error). */
async function describedBy(field: Locator): Promise<string> {
	return field.evaluate((element) =>
		(element.getAttribute('aria-describedby') ?? '')
			.split(/\s+/)
			.filter(Boolean)
			.map((id) => document.getElementById(id)?.textContent ?? '')
			.join(' ')
	);
}

