import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ConnectorForm from '$lib/components/connectors/ConnectorForm.svelte';
import type { Connector } from '$lib/domain/connector';
import { DEFAULT_PAYLOAD_TEMPLATE } from '$lib/partners/custom-http/template';
import { partners, type PartnerId } from '$lib/partners/registry';
import { dv360Config, freshStore, metaConfig } from '../fixtures/store';

type Store = Awaited<ReturnType<typeof freshStore>>;

let opened: Store | undefined;
afterEach(() => {
	opened?.close();
	opened = undefined;
});

async function setup(partnerId: PartnerId, prepare?: (store: Store) => Promise<unknown>) {
	const store = await freshStore();
	opened = store;
	await prepare?.(store);
	const onsaved = vi.fn<(connector: Connector) => void>();
	const user = userEvent.setup();
	render(ConnectorForm, {
		props: {
			partner: partners[partnerId],
			submitLabel: 'Create connector',
			onsave: (draft) => store.connectors.create({ ...draft, partnerId }),
			onsaved,
			cancelHref: '/connectors',
			connectorHref: (id) => `/connectors/${id}`
		}
	});
	return { store, user, onsaved, submit: () => user.click(screen.getByRole('button', { name: 'Create connector' })) };
}

const nameInput = () => screen.getByRole('textbox', { name: 'Connector name' });
/** The summary above the form, announced once a save fails. */
const summary = () => screen.findByRole('alert');

async function fillMeta(user: UserEvent, name: string) {
	await user.type(nameInput(), name);
	await user.type(screen.getByRole('textbox', { name: 'Ad account ID' }), metaConfig.adAccountId);
	await user.type(screen.getByLabelText('System user access token'), metaConfig.accessToken);
}

function expectInvalid(field: HTMLElement, message: string) {
	expect(field).toHaveAttribute('aria-invalid', 'true');
	expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
}

describe('ConnectorForm', () => {
	it('shows the partner fields, with help text, a Cancel link and the submit label', async () => {
		await setup('meta');

		expect(screen.getByRole('group', { name: 'Meta (Facebook) Custom Audiences configuration' })).toBeInTheDocument();
		expect(nameInput()).toHaveAccessibleDescription(/Unique in this workspace/);
		expect(screen.getByRole('textbox', { name: 'Ad account ID' })).toHaveAccessibleDescription(/act_ followed by digits/);
		expect(screen.getByRole('combobox', { name: 'Graph API version' })).toHaveValue('v23.0');
		expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/connectors');
		expect(screen.getByRole('textbox', { name: 'Ad account ID' })).not.toHaveAttribute('aria-invalid');
		// Meta is only ever mocked: no choice of where requests go.
		expect(screen.queryByRole('group', { name: 'Where requests go' })).not.toBeInTheDocument();
	});

	it('puts a message beside each invalid field and stores nothing when submitted empty', async () => {
		const { store, onsaved, submit } = await setup('meta');

		await submit();

		const alert = await summary();
		expect(alert).toHaveTextContent('Nothing was saved: 3 fields need attention.');
		await waitFor(() => expect(alert).toHaveFocus());
		expectInvalid(nameInput(), 'Give the connector a name.');
		expectInvalid(screen.getByRole('textbox', { name: 'Ad account ID' }), 'Enter the ad account ID.');
		expectInvalid(screen.getByLabelText('System user access token'), 'Enter the system user access token.');
		expect(screen.getByRole('combobox', { name: 'Graph API version' })).not.toHaveAttribute('aria-invalid');
		expect(onsaved).not.toHaveBeenCalled();
		expect(await store.connectors.list()).toEqual([]);
	});

	it("explains a value that doesn't fit the partner's format", async () => {
		const { store, user, submit } = await setup('meta');

		await user.type(nameInput(), 'Meta EU');
		await user.type(screen.getByRole('textbox', { name: 'Ad account ID' }), '1234567890');
		await user.type(screen.getByLabelText('System user access token'), 'short');
		await submit();

		expect(await summary()).toHaveTextContent('Nothing was saved: 2 fields need attention.');
		expectInvalid(screen.getByRole('textbox', { name: 'Ad account ID' }), 'An ad account ID is act_ followed by 5 to 20 digits.');
		expectInvalid(screen.getByLabelText('System user access token'), 'The system user access token is at least 20 characters long.');
		expect(nameInput()).not.toHaveAttribute('aria-invalid');
		expect(await store.connectors.list()).toEqual([]);
	});

	it('saves once the fields are fixed and hands the created connector to onsaved', async () => {
		const { store, user, onsaved, submit } = await setup('meta');

		await submit();
		await summary();
		await fillMeta(user, 'Meta EU');
		await user.selectOptions(screen.getByRole('combobox', { name: 'Graph API version' }), 'v22.0');
		await submit();

		await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
		const [saved] = await store.connectors.list();
		expect(onsaved).toHaveBeenCalledWith(saved);
		expect(saved).toMatchObject({
			name: 'Meta EU',
			partnerId: 'meta',
			status: 'active',
			config: { ...metaConfig, apiVersion: 'v22.0' }
		});
	});

	it('shows "Saving…" and blocks a second submit while saving', async () => {
		// A save that never settles, to look at the form while it is under way.
		const onsave = vi.fn(() => new Promise<never>(() => undefined));
		const user = userEvent.setup();
		render(ConnectorForm, {
			props: {
				partner: partners.meta,
				submitLabel: 'Create connector',
				onsave,
				onsaved: vi.fn(),
				cancelHref: '/connectors',
				connectorHref: (id) => `/connectors/${id}`
			}
		});

		await user.click(screen.getByRole('button', { name: 'Create connector' }));

		const saving = await screen.findByRole('button', { name: 'Saving…' });
		expect(saving).toBeDisabled();
		await user.click(saving);
		expect(onsave).toHaveBeenCalledTimes(1);
	});

	it('hides the secret as a password until "Show" reveals it', async () => {
		const { user } = await setup('meta');
		const token = screen.getByLabelText('System user access token');
		await user.type(token, 'EAAG-secret');

		expect(token).toHaveAttribute('type', 'password');
		const show = screen.getByRole('button', { name: 'Show system user access token' });
		expect(show).toHaveAttribute('aria-pressed', 'false');

		await user.click(show);
		expect(token).toHaveAttribute('type', 'text');
		expect(token).toHaveValue('EAAG-secret');
		const hide = screen.getByRole('button', { name: 'Hide system user access token' });
		expect(hide).toHaveAttribute('aria-pressed', 'true');

		await user.click(hide);
		expect(token).toHaveAttribute('type', 'password');
	});

	it('refuses a name that exists already, ignoring case, and links to that connector', async () => {
		const { store, user, onsaved, submit } = await setup('meta', (s) =>
			s.connectors.create({ partnerId: 'dv360', name: 'Meta EU', target: 'mock', config: dv360Config })
		);

		await fillMeta(user, 'meta eu');
		await submit();

		const alert = await summary();
		expect(alert).toHaveTextContent('Nothing was saved: one field needs attention.');
		expect(within(alert).getByRole('link', { name: 'Open "Meta EU"' })).toHaveAttribute('href', '/connectors/id-1');
		expectInvalid(nameInput(), 'A connector named "Meta EU" exists already. Names are unique, ignoring upper and lower case.');
		expect(onsaved).not.toHaveBeenCalled();
		expect(await store.connectors.list()).toHaveLength(1);
	});

	it('refuses a second configuration of a single-configuration partner, linking to the existing one', async () => {
		const { store, user, onsaved, submit } = await setup('meta', (s) =>
			s.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig })
		);

		await fillMeta(user, 'Meta US');
		await submit();

		const alert = await summary();
		expect(alert).toHaveTextContent(
			'Meta (Facebook) Custom Audiences allows one configuration, and "Meta EU" is it. Edit that connector instead of adding a second one.'
		);
		expect(within(alert).getByRole('link', { name: 'Open "Meta EU"' })).toHaveAttribute('href', '/connectors/id-1');
		expect(nameInput()).not.toHaveAttribute('aria-invalid');
		expect(onsaved).not.toHaveBeenCalled();
		expect((await store.connectors.list()).map((c) => c.name)).toEqual(['Meta EU']);
	});
});

describe('ConnectorForm for a custom HTTP webhook', () => {
	async function fillRequired(user: UserEvent) {
		await user.type(nameInput(), 'Webhook');
		await user.type(screen.getByRole('textbox', { name: 'Endpoint URL' }), 'https://hooks.example.com/audiences');
		// The template starts as the default one.
		expect(screen.getByRole('textbox', { name: 'Payload template' })).toHaveValue(DEFAULT_PAYLOAD_TEMPLATE);
	}

	it('adds and removes extra header rows, and stores the rows that remain', async () => {
		const { store, user, onsaved, submit } = await setup('custom-http');
		const headers = within(screen.getByRole('group', { name: /^Extra headers/ }));
		expect(headers.queryByRole('textbox')).not.toBeInTheDocument();

		await user.click(headers.getByRole('button', { name: 'Add extra header' }));
		await user.click(headers.getByRole('button', { name: 'Add extra header' }));
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 1 name' }), 'X-Tenant');
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 1 value' }), 'acme');
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 2 name' }), 'X-Team');
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 2 value' }), 'red');

		await user.click(headers.getByRole('button', { name: 'Remove extra headers 1' }));

		expect(headers.queryByRole('textbox', { name: 'Extra headers 2 name' })).not.toBeInTheDocument();
		expect(headers.getByRole('textbox', { name: 'Extra headers 1 name' })).toHaveValue('X-Team');
		expect(headers.getByRole('textbox', { name: 'Extra headers 1 value' })).toHaveValue('red');

		await fillRequired(user);
		await submit();

		await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
		const [saved] = await store.connectors.list();
		expect(saved?.config.headers).toEqual([{ name: 'X-Team', value: 'red' }]);
	});

	it('marks an invalid header row and explains it', async () => {
		const { store, user, submit } = await setup('custom-http');
		const headers = within(screen.getByRole('group', { name: /^Extra headers/ }));

		await user.click(headers.getByRole('button', { name: 'Add extra header' }));
		await user.type(headers.getByRole('textbox', { name: 'Extra headers 1 name' }), 'X Tenant');
		await fillRequired(user);
		await submit();

		expect(await summary()).toHaveTextContent('Nothing was saved: one field needs attention.');
		expect(headers.getByRole('textbox', { name: 'Extra headers 1 name' })).toHaveAttribute('aria-invalid', 'true');
		expect(headers.getByRole('textbox', { name: 'Extra headers 1 value' })).not.toHaveAttribute('aria-invalid');
		expect(
			screen.getByText('Row 1 (name): A header name uses letters, digits and - only (no spaces or colons).')
		).toBeInTheDocument();
		expect(await store.connectors.list()).toEqual([]);
	});

	it('refuses a header the browser would drop, beside the headers', async () => {
		const { store, user, submit } = await setup('custom-http');
		const group = screen.getByRole('group', { name: /^Extra headers/ });

		await user.click(within(group).getByRole('button', { name: 'Add extra header' }));
		await user.type(within(group).getByRole('textbox', { name: 'Extra headers 1 name' }), 'Cookie');
		await fillRequired(user);
		await submit();

		expect(await summary()).toHaveTextContent('Nothing was saved: one field needs attention.');
		expect(screen.getByText('Browsers do not let a page set the Cookie header; remove it.')).toBeInTheDocument();
		expect(await store.connectors.list()).toEqual([]);
	});

	it('asks for the bearer token beside its field when bearer authentication has none', async () => {
		const { store, user, onsaved, submit } = await setup('custom-http');

		await fillRequired(user);
		await user.selectOptions(screen.getByRole('combobox', { name: 'Authentication' }), 'Bearer token');
		await submit();

		expect(await summary()).toHaveTextContent('Nothing was saved: one field needs attention.');
		const token = screen.getByLabelText(/^Bearer token/);
		expectInvalid(token, 'Enter the bearer token.');
		expect(screen.getByRole('textbox', { name: 'Endpoint URL' })).not.toHaveAttribute('aria-invalid');
		expect(await store.connectors.list()).toEqual([]);

		await user.type(token, 'tok-123');
		await submit();

		await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
		expect((await store.connectors.list())[0]?.config).toMatchObject({ auth: 'bearer', bearerToken: 'tok-123' });
	});

	it('sends to the mock unless a live endpoint is chosen, and warns about a live one', async () => {
		const { store, user, onsaved, submit } = await setup('custom-http');
		const target = within(screen.getByRole('group', { name: 'Where requests go' }));
		expect(target.getByRole('radio', { name: /mock in this sandbox/ })).toBeChecked();
		expect(screen.queryByText(/stored unencrypted/)).not.toBeInTheDocument();

		await user.click(target.getByRole('radio', { name: /A live endpoint/ }));
		expect(screen.getByText(/Its secrets are stored unencrypted in this browser/)).toBeInTheDocument();

		await fillRequired(user);
		await submit();

		await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
		expect((await store.connectors.list())[0]?.target).toBe('live');
	});
});
