import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import ConnectorForm from '$lib/components/connectors/ConnectorForm.svelte';
import type { Connector } from '$lib/domain/connector';
import { StorageFullError } from '$lib/db/errors';
import { partners } from '$lib/partners/registry';
import { metaConfig } from '../../fixtures/store';

it('says in the form that nothing was saved when the storage is full, keeping what was typed', async () => {
	const onsaved = vi.fn<(connector: Connector) => void>();
	const user = userEvent.setup();
	render(ConnectorForm, {
		props: {
			partner: partners.meta,
			submitLabel: 'Create connector',
			onsave: () => Promise.reject(new StorageFullError('the connector was not saved')),
			onsaved,
			cancelHref: '/connectors',
			connectorHref: (id) => `/connectors/${id}`
		}
	});
	await user.type(screen.getByRole('textbox', { name: 'Connector name' }), 'Meta EU');
	await user.type(screen.getByRole('textbox', { name: 'Ad account ID' }), metaConfig.adAccountId);
	await user.click(screen.getByRole('button', { name: 'Create connector' }));
	expect(await screen.findByRole('alert')).toHaveTextContent(
		"Nothing was saved: The browser's storage for this site is full: the connector was not saved, and everything stored before is kept as it was."
	);
	expect(screen.getByRole('textbox', { name: 'Connector name' })).toHaveValue('Meta EU');
	expect(screen.getByRole('button', { name: 'Create connector' })).toBeEnabled();
	expect(onsaved).not.toHaveBeenCalled();
});
