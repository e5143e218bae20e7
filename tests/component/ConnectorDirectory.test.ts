import { render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ConnectorList from '$lib/components/connectors/ConnectorList.svelte';
import type { ConnectorDirectory } from '$lib/state/connectors.svelte';
import { createTestWorkspace } from '$lib/testing';
import { audience, journey } from '../fixtures/records';
import { dv360Config, metaConfig } from '../fixtures/store';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

/** A blank test workspace (the test kit) with a Meta and a DV360 connector, and its directory. */
async function workspace() {
	const kit = await createTestWorkspace(1, { contents: 'blank' });
	const { store } = kit;
	const meta = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
	const dv360 = await store.connectors.create({ partnerId: 'dv360', name: 'DV360 brand', target: 'mock', config: dv360Config });
	if (!meta.ok || !dv360.ok) throw new Error('the fixture connectors are invalid');
	// dispose() stops the directory before closing the database.
	cleanups.push(() => kit.dispose());
	return { store, directory: kit.directory(), metaId: meta.value.id, dv360Id: dv360.value.id };
}

const usageNames = (directory: ConnectorDirectory, id: string) => directory.row(id)?.usages.map((u) => `${u.kind}: ${u.name}`);

describe('ConnectorDirectory', () => {
	it('loads the connectors, sorted by name, with their partner and where each is used', async () => {
		const { store, directory, metaId, dv360Id } = await workspace();
		await store.audiences.put(audience('aud-1', 'Loyal customers', [metaId, dv360Id]));
		await store.journeys.put(journey('jour-1', 'Welcome series', { published: [metaId], draft: [] }));

		await waitFor(() => expect(directory.loaded).toBe(true));
		await waitFor(() => expect(usageNames(directory, metaId)).toEqual(['audience: Loyal customers', 'journey: Welcome series']));
		expect(directory.rows.map((r) => r.connector.name)).toEqual(['DV360 brand', 'Meta EU']);
		expect(directory.row(metaId)?.partner?.name).toBe('Meta (Facebook) Custom Audiences');
		expect(usageNames(directory, dv360Id)).toEqual(['audience: Loyal customers']);
		expect(directory.error).toBeNull();
	});

	it('follows changes to connectors and audiences as they are stored', async () => {
		const { store, directory, metaId, dv360Id } = await workspace();
		await waitFor(() => expect(directory.rows).toHaveLength(2));
		expect(usageNames(directory, metaId)).toEqual([]);

		await store.audiences.put(audience('aud-1', 'Loyal customers', [metaId]));
		await waitFor(() => expect(usageNames(directory, metaId)).toEqual(['audience: Loyal customers']));

		await store.connectors.setStatus(dv360Id, 'deactivated');
		await waitFor(() => expect(directory.row(dv360Id)?.connector.status).toBe('deactivated'));

		await store.audiences.put(audience('aud-1', 'Loyal customers', []));
		await store.connectors.delete(metaId);
		await waitFor(() => expect(directory.rows.map((r) => r.connector.id)).toEqual([dv360Id]));
		expect(directory.ofPartner('meta')).toEqual([]);
		expect(directory.ofPartner('dv360').map((c) => c.name)).toEqual(['DV360 brand']);
	});

	it('stops following the store once destroyed', async () => {
		const { store, directory, metaId } = await workspace();
		await waitFor(() => expect(directory.rows).toHaveLength(2));

		directory.destroy();
		await store.audiences.put(audience('aud-1', 'Loyal customers', [metaId]));
		// Give a live query time to run, had it still been subscribed.
		await new Promise((resolve) => setTimeout(resolve, 50));

		expect(usageNames(directory, metaId)).toEqual([]);
	});
});

describe('the connectors list over a ConnectorDirectory', () => {
	it('updates the list as connectors and audiences change', async () => {
		const { store, directory, metaId } = await workspace();
		// The connectors page passes directory.rows to the list; a getter keeps that binding live.
		render(ConnectorList, {
			props: {
				get rows() {
					return directory.rows;
				},
				hrefFor: (id: string) => `/connectors/${id}`,
				newHref: '/connectors/new'
			}
		});

		const table = await screen.findByRole('table', { name: 'Server-to-server connectors, 2 in total' });
		const metaRow = () => within(table).getByRole('row', { name: /^Meta EU\b/ });
		expect(within(metaRow()).getByText('Not used')).toBeInTheDocument();
		expect(within(metaRow()).getByText('Active')).toBeInTheDocument();

		await store.audiences.put(audience('aud-1', 'Loyal customers', [metaId]));
		await store.connectors.setStatus(metaId, 'deactivated');

		await waitFor(() =>
			expect(within(metaRow()).getByRole('list', { name: 'Used by 1 audience or journey' })).toHaveTextContent('Loyal customers')
		);
		await waitFor(() => expect(within(metaRow()).getByText('deactivated')).toBeInTheDocument());

		const webhook = await store.connectors.create({
			partnerId: 'custom-http',
			name: 'Webhook',
			target: 'mock',
			config: { url: 'https://hooks.example.com/a', method: 'POST', auth: 'none', payloadTemplate: '{"profiles": {{profiles}}}' }
		});
		expect(webhook.ok).toBe(true);
		expect(await screen.findByRole('link', { name: 'Webhook' })).toHaveAttribute('href', '/connectors/id-3');
		expect(screen.getByRole('table')).toHaveAccessibleName('Server-to-server connectors, 3 in total');
	});
});
