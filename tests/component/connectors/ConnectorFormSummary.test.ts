import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ConnectorForm from '$lib/components/connectors/ConnectorForm.svelte';
import type { Connector } from '$lib/domain/connector';
import { checkConnectorDraft } from '$lib/domain/connector-rules';
import { fail } from '$lib/domain/validation';
import { partners, type PartnerId } from '$lib/partners/registry';
import { connector } from '../../fixtures/records';
import { metaConfig } from '../../fixtures/store';

// Issue 12: the summary above the form kept saying "Nothing was saved: 0 fields need
// attention" (or an old count) after the fields were fixed. It must follow the messages shown.

/** The form with the real checks; nothing passes them here unless a test expects it to. */
function setup(partnerId: PartnerId, existing: Connector[] = []) {
	const partner = partners[partnerId];
	const rules = { id: partnerId, name: partner.catalog.name, multipleConfigurations: partner.catalog.multipleConfigurations, configSchema: partner.configSchema };
	const user = userEvent.setup();
	render(ConnectorForm, {
		props: {
			partner,
			submitLabel: 'Create connector',
			onsave: async (draft) => {
				const checked = checkConnectorDraft(draft, rules, existing);
				return checked.ok ? fail({ kind: 'invalid' as const, fieldErrors: { form: 'Not stored in this test.' } }) : checked;
			},
			onsaved: vi.fn<(connector: Connector) => void>(),
			cancelHref: '/connectors',
			connectorHref: (id) => `/connectors/${id}`
		}
	});
	return { user, submit: () => user.click(screen.getByRole('button', { name: 'Create connector' })) };
}

const nameInput = () => screen.getByRole('textbox', { name: 'Connector name' });
const summary = () => screen.queryByRole('alert');

function expectNoSummary() {
	expect(summary()).not.toBeInTheDocument();
	expect(screen.queryByText(/Nothing was saved/)).not.toBeInTheDocument();
	expect(screen.queryByText(/0 fields/)).not.toBeInTheDocument();
}

describe('the summary of a connector form that was not saved', () => {
	it('counts down as fields are fixed and goes once nothing needs attention', async () => {
		const { user, submit } = setup('meta');

		await submit();
		expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was saved: 3 fields need attention.');

		await user.type(nameInput(), 'Meta EU');
		expect(summary()).toHaveTextContent('Nothing was saved: 2 fields need attention.');

		await user.type(screen.getByRole('textbox', { name: 'Ad account ID' }), metaConfig.adAccountId);
		expect(summary()).toHaveTextContent('Nothing was saved: one field needs attention.');

		await user.type(screen.getByLabelText('System user access token'), metaConfig.accessToken);
		expectNoSummary();
		expect(nameInput()).not.toHaveAttribute('aria-invalid');
	});

	it('goes once a name that exists already is changed', async () => {
		const { user, submit } = setup('meta', [connector({ id: 'dv-1', name: 'Meta EU', partnerId: 'dv360' })]);
		await user.type(nameInput(), 'meta eu');
		await user.type(screen.getByRole('textbox', { name: 'Ad account ID' }), metaConfig.adAccountId);
		await user.type(screen.getByLabelText('System user access token'), metaConfig.accessToken);
		await submit();
		expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was saved: one field needs attention.');

		await user.type(nameInput(), ' 2');
		expectNoSummary();
		expect(screen.queryByRole('link', { name: 'Open "Meta EU"' })).not.toBeInTheDocument();
	});

	it('drops the messages of extra header rows once those rows are edited or removed', async () => {
		const { user, submit } = setup('custom-http');
		const headers = within(screen.getByRole('group', { name: /^Extra headers/ }));
		await user.click(headers.getByRole('button', { name: 'Add extra header' }));
		await user.click(headers.getByRole('button', { name: 'Add extra header' }));
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 1 name' }), 'X Tenant');
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 2 name' }), 'Cookie');
		await submit();
		// The name, the endpoint URL and the two header rows.
		expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was saved: 4 fields need attention.');

		await user.type(nameInput(), 'Webhook');
		expect(summary()).toHaveTextContent('Nothing was saved: 3 fields need attention.');

		// Removing the second row takes its message along; the first row's stays with it.
		await user.click(headers.getByRole('button', { name: 'Remove extra headers 2' }));
		expect(screen.queryByText(/Browsers do not let a page set/)).not.toBeInTheDocument();
		expect(summary()).toHaveTextContent('Nothing was saved: 2 fields need attention.');
		const firstName = headers.getByRole('textbox', { name: 'Extra headers 1 name' });
		expect(firstName).toHaveAttribute('aria-invalid', 'true');

		await user.clear(firstName);
		await user.type(firstName, 'X-Tenant');
		expect(firstName).not.toHaveAttribute('aria-invalid');
		expect(summary()).toHaveTextContent('Nothing was saved: one field needs attention.');

		await user.type(screen.getByRole('textbox', { name: 'Endpoint URL' }), 'https://hooks.example.com/audiences');
		expectNoSummary();
	});
});
