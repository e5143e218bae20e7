import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, type App } from './support/browser';

/**
 * A new user's first visit, in one fresh Chromium profile: the seeded demo workspace, the
 * catalog, creating, refusing, deactivating, deleting and renaming connectors, and all of it
 * still there after a reload. The steps share the profile, so they run in order.
 */
/** For state that follows a click through IndexedDB and the live query. */
const POLL = { timeout: 5_000 };

describe('Server-to-server connectors, as a new user', () => {
	let app: App & { pageErrors: string[] };
	let page: Page;
	/** The id of the DV360 configuration the user creates in step 3. */
	let createdId = '';

	beforeAll(async () => {
		app = await openApp();
		page = app.page;
	});
	afterAll(async () => {
		await app?.close();
	});

	// Each step builds on the ones before it, so after a failure the later steps would only
	// wait out their timeouts: they are skipped, except the last one, which lists the page's
	// errors (usually the cause). The failing page is kept as a screenshot outside the repo.
	let failedStep: string | null = null;
	beforeEach((context) => {
		if (failedStep && !context.task.name.startsWith('12.')) context.skip(`skipped: step "${failedStep}" failed`);
	});
	afterEach(async (context) => {
		if (context.task.result?.state !== 'fail' || failedStep) return;
		failedStep = context.task.name;
		const dir = join(tmpdir(), 'activation-sandbox-e2e-failures');
		mkdirSync(dir, { recursive: true });
		const path = join(dir, `connectors-step-${context.task.name.split('.')[0]}.png`);
		await page.screenshot({ path, fullPage: true }).catch(() => undefined);
		console.error(`Step "${failedStep}" failed at ${page.url()}; screenshot: ${path}; page errors: ${JSON.stringify(app.pageErrors, null, 2)}`);
	});

	/** The list's table row of a connector, found by its name link. */
	const row = (name: string) =>
		page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
	const main = () => page.getByRole('main');
	const h1 = () => page.getByRole('heading', { level: 1 });

	async function openList() {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server to Server Connectors' }).click();
		await page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' }).waitFor();
		await page.getByRole('table').waitFor();
	}

	async function openConnector(name: string) {
		await openList();
		await row(name).getByRole('link', { name, exact: true }).click();
		await page.getByRole('heading', { level: 1, name }).waitFor();
	}

	async function openCatalogEntry(search: string, name: string) {
		await main().getByRole('link', { name: 'New Connector' }).click();
		await page.getByRole('heading', { level: 1, name: 'New Connector' }).waitFor();
		await page.getByLabel('Search connectors').fill(search);
		await page.getByRole('link', { name }).click();
		await page.getByRole('heading', { level: 1, name }).waitFor();
	}

	it('1. lands on the connectors list with the demo workspace', async () => {
		await page.goto(app.url('/'));
		await page.waitForURL((url) => url.pathname === '/connectors');
		await page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' }).waitFor();
		await page.getByRole('table').waitFor();
		expect(await page.title()).toBe('Server to Server Connectors · Activation Sandbox');

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
			expect(await row(name).count(), name).toBe(1);
			expect(await row(name).textContent(), name).toContain(partner);
		}
		expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(expected.length + 1);

		// Status: the Clang one is deactivated, the others active.
		expect(await row('Clang Newsletter Batch').getByText('deactivated', { exact: true }).isVisible()).toBe(true);
		expect(await row('Meta Retargeting EU').getByText('Active', { exact: true }).isVisible()).toBe(true);
		expect(await row('Meta Retargeting EU').getByText('deactivated', { exact: true }).count()).toBe(0);

		// Used by: audiences and journeys by name; unused ones say so.
		const xandrUsage = row('Xandr Display Retargeting').getByRole('list', { name: /^Used by 1 / });
		expect(await xandrUsage.textContent()).toContain('Cart abandoners (7 days)');
		expect(await row('Meta Retargeting EU').textContent()).toContain('Cart abandoners (7 days)');
		expect(await row('DV360 Brand A (EU)').textContent()).toContain('High-value customers');
		expect(await row('Clang Newsletter Batch').textContent()).toContain('Welcome high-value customers');
		expect(await row('Mailchimp Newsletter').getByText('Not used').isVisible()).toBe(true);

		await app.screenshot('connectors-list');
	});

	it('2. finds partners in the catalog, by name and by kind', async () => {
		await main().getByRole('link', { name: 'New Connector' }).click();
		await page.getByRole('heading', { level: 1, name: 'New Connector' }).waitFor();
		const entries = main().getByRole('listitem');
		const allCount = await entries.count();
		expect(allCount).toBeGreaterThan(8);

		await page.getByLabel('Search connectors').fill('google');
		await page.getByText('connectors match "google"').waitFor();
		expect(await page.getByRole('link', { name: /Google Display & Video 360 Customer Match/ }).isVisible()).toBe(true);
		expect(await page.getByRole('link', { name: /Google Campaign Manager 360 offline conversions/ }).isVisible()).toBe(true);
		expect(await page.getByRole('link', { name: /Google Analytics 4 \(gtag\.js\)/ }).isVisible()).toBe(true);
		expect(await page.getByRole('link', { name: /Meta/ }).count()).toBe(0);
		await app.screenshot('catalog');

		// Tag-based only: the search still applies, then every tag-based entry without it.
		await page.getByRole('radio', { name: 'Tag-based' }).check();
		await expect.poll(() => entries.count(), POLL).toBe(1);
		expect(await entries.first().textContent()).toContain('Google Analytics 4 (gtag.js)');
		await page.getByLabel('Search connectors').fill('');
		await expect.poll(() => entries.count(), POLL).toBeGreaterThan(1);
		expect(await entries.count()).toBeLessThan(allCount);
		for (const text of await entries.allTextContents()) {
			expect(text).toContain('Tag-based');
			expect(text).not.toContain('Server-to-server');
		}

		// A tag-based entry explains where it is set up, with no form to fill.
		await page.getByRole('link', { name: /Meta Pixel/ }).click();
		await page.getByRole('heading', { level: 1, name: 'Meta Pixel' }).waitFor();
		await page.getByRole('heading', { name: 'A tag-based connector: nothing to configure here' }).waitFor();
		expect(await main().textContent()).toContain('set up in tag management');
		expect(await page.locator('form').count()).toBe(0);
		expect(await main().getByRole('textbox').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Create connector' }).count()).toBe(0);
		expect(await page.getByRole('link', { name: 'Back to the catalog' }).isVisible()).toBe(true);
	});

	it('3. creates a second DV360 configuration after the prerequisites', async () => {
		await openCatalogEntry('display', 'Google Display & Video 360 Customer Match');
		await page.getByRole('heading', { name: 'Before you connect' }).waitFor();
		const prerequisites = await page.getByRole('region', { name: 'Before you connect' }).textContent();
		expect(prerequisites).toContain('An active Google account');
		expect(prerequisites).toContain('allowlisted');
		expect(await page.getByText('Several allowed').isVisible()).toBe(true);

		await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
		await page.getByLabel('Connector name').waitFor();
		expect(new URL(page.url()).searchParams.get('step')).toBe('configure');

		// Submitting the empty form marks every required field, with its own message.
		await page.getByRole('button', { name: 'Create connector' }).click();
		await page.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
		const name = page.getByLabel('Connector name');
		const advertiser = page.getByLabel('Advertiser ID');
		const token = page.getByLabel('OAuth access token', { exact: true });
		for (const [field, message] of [
			[name, 'Give the connector a name.'],
			[advertiser, 'Enter the advertiser ID.'],
			[token, 'Enter the OAuth access token.']
		] as const) {
			expect(await field.getAttribute('aria-invalid')).toBe('true');
			expect(await describedBy(field)).toContain(message);
		}
		expect(await page.getByRole('alert').filter({ hasText: 'Nothing was saved' }).textContent()).toContain('3 fields need attention');
		expect(page.url()).toContain('step=configure');
		await app.screenshot('connector-form-errors');

		// A badly formatted advertiser ID and a short token get format messages.
		await advertiser.fill('12-34');
		await token.fill('too-short');
		await page.getByRole('button', { name: 'Create connector' }).click();
		await expect.poll(() => describedBy(advertiser), POLL).toContain('digits only');
		expect(await describedBy(token)).toContain('at least 20 characters');

		// Cancel goes back to the prerequisites; continuing again starts a clean form.
		await page.getByRole('link', { name: 'Cancel', exact: true }).click();
		await page.getByRole('heading', { name: 'Before you connect' }).waitFor();
		await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
		await name.waitFor();
		expect(await name.inputValue()).toBe('');
		expect(await name.getAttribute('aria-invalid')).toBeNull();

		await name.fill('DV360 Brand C (APAC)');
		await advertiser.fill('6612345');
		await token.fill('ya29.e2e-brand-c-0000000000000000000000000000');
		expect(await page.getByLabel('API version').inputValue()).toBe('v4');
		await app.screenshot('connector-form');

		await page.getByRole('button', { name: 'Create connector' }).click();
		await page.waitForURL((url) => /^\/connectors\/(?!new)[^/]+$/.test(url.pathname));
		createdId = new URL(page.url()).pathname.split('/').pop()!;
		await page.getByRole('heading', { level: 1, name: /DV360 Brand C \(APAC\)/ }).waitFor();
		expect(await h1().textContent()).toContain('Active');
		const configuration = await page.getByRole('region', { name: 'Configuration', exact: true }).textContent();
		expect(configuration).toContain('6612345');
		// The token is masked, never shown.
		expect(configuration).not.toContain('ya29.e2e-brand-c');
		expect(await page.getByText('No audience or journey uses this connector').isVisible()).toBe(true);

		await openList();
		expect(await row('DV360 Brand C (APAC)').count()).toBe(1);
		expect(await row('DV360 Brand C (APAC)').getByText('Active', { exact: true }).isVisible()).toBe(true);
	});

	it('4. points at the existing Meta configuration instead of adding a second one', async () => {
		await openCatalogEntry('meta', 'Meta (Facebook) Custom Audiences');
		const notice = page.getByRole('status').filter({ hasText: 'allows one configuration' });
		await notice.waitFor();
		expect(await notice.textContent()).toContain('"Meta Retargeting EU" is it');
		expect(await page.getByLabel('Connector name').count()).toBe(0);

		await notice.getByRole('link', { name: 'Open "Meta Retargeting EU"' }).click();
		await page.getByRole('heading', { level: 1, name: /Meta Retargeting EU/ }).waitFor();
		expect(new URL(page.url()).pathname).toBe('/connectors/demo-meta');

		// Going straight to the form's address gives the same answer.
		await page.goto(app.url('/connectors/new/meta?step=configure'));
		await page.getByRole('status').filter({ hasText: 'allows one configuration' }).waitFor();
		expect(await page.getByRole('button', { name: 'Create connector' }).count()).toBe(0);
	});

	it('5. refuses a name that exists already, ignoring case', async () => {
		await page.goto(app.url('/connectors'));
		await page.getByRole('table').waitFor();
		const before = await page.getByRole('row').count();

		await openCatalogEntry('webhook', 'Custom HTTP webhook');
		await page.getByRole('link', { name: 'I have these, continue to configuration' }).click();
		const name = page.getByLabel('Connector name');
		await name.waitFor();
		await name.fill('crm webhook');
		await page.getByLabel('Endpoint URL').fill('https://hooks.example.com/crm');
		await page.getByLabel('Payload template').fill('{ "operation": "{{operation}}", "profiles": {{profiles}} }');
		await page.getByRole('button', { name: 'Create connector' }).click();

		await expect.poll(() => name.getAttribute('aria-invalid'), POLL).toBe('true');
		expect(await describedBy(name)).toContain('A connector named "CRM Webhook" exists already');
		const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
		expect(await summary.textContent()).toContain('one field needs attention');
		expect(await summary.getByRole('link', { name: 'Open "CRM Webhook"' }).isVisible()).toBe(true);
		expect(page.url()).toContain('/connectors/new/custom-http');

		await openList();
		expect(await page.getByRole('row').count()).toBe(before);
		expect(await page.getByRole('row').filter({ hasText: /crm webhook/i }).count()).toBe(1);
	});

	it('6. deactivates a connector after confirming', async () => {
		await openConnector('Meta Retargeting EU');
		await main().getByRole('button', { name: 'Deactivate', exact: true }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Deactivate "Meta Retargeting EU"?' });
		await dialog.waitFor();
		expect(await dialog.textContent()).toContain('stays attached');
		await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
		await dialog.waitFor({ state: 'detached' });

		await expect.poll(() => h1().textContent(), POLL).toContain('deactivated');
		expect(await page.getByText('This connector is deactivated').isVisible()).toBe(true);
		expect(await main().getByRole('button', { name: 'Reactivate' }).isVisible()).toBe(true);

		await openList();
		expect(await row('Meta Retargeting EU').getByText('deactivated', { exact: true }).isVisible()).toBe(true);
	});

	it('7. refuses to delete a connector an audience uses', async () => {
		await openConnector('Xandr Display Retargeting');
		await main().getByRole('button', { name: 'Delete', exact: true }).click();
		const dialog = page.getByRole('alertdialog', { name: '"Xandr Display Retargeting" can\'t be deleted' });
		await dialog.waitFor();
		const text = await dialog.textContent();
		expect(text).toContain('Cart abandoners (7 days)');
		expect(text).toContain('Remove the connector there first');
		expect(await dialog.getByRole('button', { name: /Delete/ }).count()).toBe(0);
		await app.screenshot('delete-refused', { fullPage: false });

		await dialog.getByRole('button', { name: 'Close' }).click();
		await dialog.waitFor({ state: 'detached' });
		await openList();
		expect(await row('Xandr Display Retargeting').count()).toBe(1);
	});

	it('8. deletes an unused connector after confirming', async () => {
		await openConnector('Mailchimp Newsletter');
		await main().getByRole('button', { name: 'Delete', exact: true }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Delete "Mailchimp Newsletter"?' });
		await dialog.waitFor();
		expect(await dialog.textContent()).toContain("can't be undone");
		await dialog.getByRole('button', { name: 'Delete connector' }).click();

		await page.waitForURL((url) => url.pathname === '/connectors');
		await page.getByRole('table').waitFor();
		await expect.poll(() => row('Mailchimp Newsletter').count(), POLL).toBe(0);
		expect(await page.getByRole('row').filter({ hasText: 'Mailchimp' }).count()).toBe(0);
	});

	it('9. renames a connector', async () => {
		await openConnector('DV360 Brand B (US)');
		await main().getByRole('link', { name: 'Edit', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Edit DV360 Brand B (US)' }).waitFor();
		const name = page.getByLabel('Connector name');
		expect(await name.inputValue()).toBe('DV360 Brand B (US)');
		expect(await page.getByLabel('Advertiser ID').inputValue()).toBe('5519873');
		await name.fill('DV360 Brand B (North America)');
		await page.getByRole('button', { name: 'Save changes' }).click();

		await page.waitForURL((url) => url.pathname === '/connectors/demo-dv360-brand-b');
		await page.getByRole('heading', { level: 1, name: /DV360 Brand B \(North America\)/ }).waitFor();
		await openList();
		expect(await row('DV360 Brand B (North America)').count()).toBe(1);
		expect(await row('DV360 Brand B (US)').count()).toBe(0);
		// Still used where it was.
		expect(await row('DV360 Brand B (North America)').textContent()).toContain('Welcome high-value customers');
	});

	it('10. finds everything as it was left after a reload', async () => {
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' }).waitFor();
		await page.getByRole('table').waitFor();

		expect(await row('DV360 Brand C (APAC)').count()).toBe(1);
		expect(await row('DV360 Brand C (APAC)').getByRole('link').getAttribute('href')).toBe(`/connectors/${createdId}`);
		expect(await row('Meta Retargeting EU').getByText('deactivated', { exact: true }).isVisible()).toBe(true);
		expect(await row('Clang Newsletter Batch').getByText('deactivated', { exact: true }).isVisible()).toBe(true);
		expect(await row('Mailchimp Newsletter').count()).toBe(0);
		expect(await row('DV360 Brand B (North America)').count()).toBe(1);
		expect(await row('DV360 Brand B (US)').count()).toBe(0);
		expect(await row('Xandr Display Retargeting').count()).toBe(1);
		expect(await page.getByRole('row').filter({ hasText: /crm webhook/i }).count()).toBe(1);

		// The created connector's own page opens straight from its address.
		await page.goto(app.url(`/connectors/${createdId}`));
		await page.getByRole('heading', { level: 1, name: /DV360 Brand C \(APAC\)/ }).waitFor();
	});

	it('11. shows a not-found page for an unknown connector', async () => {
		await page.goto(app.url('/connectors/does-not-exist'));
		await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
		expect(await main().textContent()).toContain('No connector with id "does-not-exist"');
		expect(await page.title()).toContain('Not found');
		await main().getByRole('link', { name: 'Go to Server to Server Connectors' }).click();
		await page.getByRole('heading', { level: 1, name: 'Server to Server Connectors' }).waitFor();
	});

	it('12. raised no uncaught errors or console errors', () => {
		expect(app.pageErrors).toEqual([]);
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
