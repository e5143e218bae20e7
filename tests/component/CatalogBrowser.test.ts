import { resolve } from '$app/paths';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import CatalogBrowser from '$lib/components/catalog/CatalogBrowser.svelte';
import { catalog } from '$lib/partners/registry';
import type { CatalogEntry } from '$lib/partners/types';

const hrefFor = (entry: CatalogEntry) => resolve('/connectors/new/[partnerId]', { partnerId: entry.id });

function setup() {
	const user = userEvent.setup();
	render(CatalogBrowser, { props: { entries: catalog, hrefFor } });
	return { user, search: screen.getByRole('searchbox', { name: 'Search connectors' }) };
}

const kindBadge = { 'server-to-server': 'Server-to-server', 'tag-based': 'Tag-based' } as const;
/** What a screen reader announces for a card's link: the entry's name, then its kind badge. */
const cardName = (entry: CatalogEntry) => `${entry.name} ${kindBadge[entry.kind]}`;

/** Checks the cards shown, in order, by their links' accessible names. */
function expectCards(names: string[]) {
	const links = within(screen.getByRole('list')).getAllByRole('link');
	expect(links.length, 'number of cards').toBe(names.length);
	links.forEach((link, i) => expect(link).toHaveAccessibleName(names[i]));
}

const serverToServer = catalog.filter((e) => e.kind === 'server-to-server');
const tagBased = catalog.filter((e) => e.kind === 'tag-based');

describe('CatalogBrowser', () => {
	it('shows the whole catalog with its count, each card linking to the entry', () => {
		setup();

		expect(screen.getByText(`${catalog.length} connectors`)).toBeInTheDocument();
		expectCards(catalog.map(cardName));
		expect(screen.getByRole('link', { name: /^Meta \(Facebook\) Custom Audiences/ })).toHaveAttribute('href', '/connectors/new/meta');
		expect(screen.getByRole('link', { name: /^Meta Pixel/ })).toHaveAttribute('href', '/connectors/new/meta-pixel');
		expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
	});

	it('badges each card with its kind and describes the link with the summary', () => {
		setup();

		const metaCard = screen.getByRole('link', { name: /^Meta \(Facebook\) Custom Audiences/ }).closest('li')!;
		expect(within(metaCard).getByText('Server-to-server')).toBeInTheDocument();
		const pixel = screen.getByRole('link', { name: /^Meta Pixel/ });
		expect(within(pixel.closest('li')!).getByText('Tag-based')).toBeInTheDocument();
		expect(pixel).toHaveAccessibleDescription(/Reports website events to Meta/);
	});

	it('narrows the cards to the names that match the search and says how many', async () => {
		const { user, search } = setup();

		await user.type(search, 'meta');

		expectCards(['Meta (Facebook) Custom Audiences Server-to-server', 'Meta Pixel Tag-based']);
		expect(screen.getByText('2 connectors match "meta"')).toBeInTheDocument();
	});

	it('matches every word of the search, in any case, against name and vendor', async () => {
		const { user, search } = setup();

		await user.type(search, '  PIXEL meta ');
		expectCards(['Meta Pixel Tag-based']);
		expect(screen.getByText('1 connector match "PIXEL meta"')).toBeInTheDocument();

		await user.clear(search);
		await user.type(search, 'microsoft');
		expectCards(['Xandr (Microsoft Invest) segments Server-to-server', 'Azure Blob Storage audience files Server-to-server']);
	});

	it('filters by kind with the Kind radios', async () => {
		const { user } = setup();
		const kinds = within(screen.getByRole('group', { name: 'Kind' }));

		await user.click(kinds.getByRole('radio', { name: 'Tag-based' }));
		expect(kinds.getByRole('radio', { name: 'Tag-based' })).toBeChecked();
		expectCards(tagBased.map(cardName));
		expect(screen.getByText(`${tagBased.length} connectors`)).toBeInTheDocument();
		expect(within(screen.getByRole('list')).queryByText('Server-to-server')).not.toBeInTheDocument();

		await user.click(kinds.getByRole('radio', { name: 'Server-to-server' }));
		expectCards(serverToServer.map(cardName));
		expect(within(screen.getByRole('list')).getAllByText('Server-to-server')).toHaveLength(serverToServer.length);
		expect(within(screen.getByRole('list')).queryByText('Tag-based')).not.toBeInTheDocument();

		await user.click(kinds.getByRole('radio', { name: 'All' }));
		expectCards(catalog.map(cardName));
	});

	it('combines the search with the kind filter', async () => {
		const { user, search } = setup();

		await user.type(search, 'meta');
		await user.click(screen.getByRole('radio', { name: 'Server-to-server' }));

		expectCards(['Meta (Facebook) Custom Audiences Server-to-server']);
		expect(screen.getByText('1 connector match "meta"')).toBeInTheDocument();
	});

	it('says so when nothing matches', async () => {
		const { user, search } = setup();

		await user.type(search, 'salesforce');

		expect(screen.queryByRole('list')).not.toBeInTheDocument();
		expect(screen.getByText('No connector matches. Try another name, or show all kinds.')).toBeInTheDocument();
		expect(screen.getByText('0 connectors match "salesforce"')).toBeInTheDocument();

		await user.clear(search);
		expectCards(catalog.map(cardName));
		expect(screen.queryByText(/No connector matches/)).not.toBeInTheDocument();
	});
});
