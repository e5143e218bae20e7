import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConnectorKeepsSending from '$lib/components/journeys/ConnectorKeepsSending.svelte';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { freshStore } from '../../fixtures/store';

async function demoStore() {
	const store = await freshStore();
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: 1_700_000_000_000, timeZone: 'UTC', history: 'skipped' }));
	return store;
}

describe('the connector page warning about journeys that keep sending', () => {
	it('names the live journey with unpublished changes, links to it, and says publishing stops it', async () => {
		const store = await demoStore();
		render(ConnectorKeepsSending, { props: { store, connectorId: 'demo-clang' } });
		const warning = await screen.findByRole('status');
		expect(warning).toHaveTextContent('Still receiving from a live journey.');
		expect(within(warning).getByRole('link', { name: 'Welcome high-value customers' })).toHaveAttribute('href', '/journeys/demo-journey-welcome');
		expect(warning).toHaveTextContent('Publishing the journey stops its sending to this connector.');
	});

	it('goes away once the journey is published', async () => {
		const store = await demoStore();
		render(ConnectorKeepsSending, { props: { store, connectorId: 'demo-clang' } });
		await screen.findByRole('status');
		const journey = (await store.journeys.get('demo-journey-welcome'))!;
		const published = await store.journeys.publish(journey.id, journey.name, journey.draft);
		expect(published.ok).toBe(true);
		await expect.poll(() => screen.queryByRole('status')).toBeNull();
	});

	it('says nothing for an active connector', async () => {
		const store = await demoStore();
		render(ConnectorKeepsSending, { props: { store, connectorId: 'demo-dv360-brand-b' } });
		// Wait for the workspace to be read: the demo's other connector warns, this one does not.
		const other = render(ConnectorKeepsSending, { props: { store, connectorId: 'demo-clang' } });
		await within(other.container).findByRole('status');
		expect(screen.getAllByRole('status')).toHaveLength(1);
	});
});
