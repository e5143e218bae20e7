import { resolve } from '$app/paths';
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConnectorList from '$lib/components/connectors/ConnectorList.svelte';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import type { ConnectorUsage } from '$lib/domain/usage';
import { partners } from '$lib/partners/registry';
import type { ConnectorRow } from '$lib/state/connectors.svelte';
import { connector } from '../fixtures/records';

const hrefFor = (id: string) => resolve('/connectors/[id]', { id });
const newHref = resolve('/connectors/new');

const audienceUsage = (id: string, name: string): ConnectorUsage => ({ kind: 'audience', id, name });

function rows(): ConnectorRow[] {
	return [
		{
			connector: connector({ id: 'c-meta', name: 'Meta EU', updatedAt: 1_700_000_000_000 }),
			partner: partners.meta.catalog,
			usages: [audienceUsage('a1', 'Loyal customers'), { kind: 'journey', id: 'j1', name: 'Welcome', versions: ['draft'] }],
			faults: HEALTHY_PARTNER
		},
		{
			connector: connector({ id: 'c-dv', name: 'DV360 brand', partnerId: 'dv360', status: 'deactivated' }),
			partner: partners.dv360.catalog,
			usages: [],
			faults: HEALTHY_PARTNER
		},
		{
			connector: connector({ id: 'c-hook', name: 'Webhook', partnerId: 'custom-http' }),
			partner: partners['custom-http'].catalog,
			usages: ['A', 'B', 'C', 'D', 'E'].map((n) => audienceUsage(`a-${n}`, `Audience ${n}`)),
			faults: HEALTHY_PARTNER
		}
	];
}

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}\\b`) });

describe('ConnectorList', () => {
	it('lists every connector as a link to its page, with a caption that counts them', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		expect(screen.getByRole('table', { name: 'Server-to-server connectors, 3 in total' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Meta EU' })).toHaveAttribute('href', '/connectors/c-meta');
		expect(screen.getByRole('link', { name: 'DV360 brand' })).toHaveAttribute('href', '/connectors/c-dv');
		expect(screen.getByRole('link', { name: 'Webhook' })).toHaveAttribute('href', '/connectors/c-hook');
		expect(screen.queryByRole('link', { name: 'New Connector' })).not.toBeInTheDocument();
	});

	it('shows the partner, its partner type and the identifier it matches on', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		const meta = within(rowOf('Meta EU'));
		expect(meta.getByText('Meta (Facebook) Custom Audiences')).toBeInTheDocument();
		expect(meta.getByText('Social advertising')).toBeInTheDocument();
		expect(meta.getByText('Hashed e-mail (SHA-256)')).toBeInTheDocument();

		const hook = within(rowOf('Webhook'));
		expect(hook.getByText('Custom HTTP webhook')).toBeInTheDocument();
		expect(hook.getByText('Custom endpoint')).toBeInTheDocument();
	});

	it('labels a deactivated connector "deactivated" and the others "Active"', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		expect(within(rowOf('DV360 brand')).getByText('deactivated')).toBeInTheDocument();
		expect(within(rowOf('DV360 brand')).queryByText('Active')).not.toBeInTheDocument();
		expect(within(rowOf('Meta EU')).getByText('Active')).toBeInTheDocument();
		expect(within(rowOf('Meta EU')).queryByText('deactivated')).not.toBeInTheDocument();
	});

	it('names the audiences and journeys that use a connector, and "Not used" otherwise', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		const used = within(rowOf('Meta EU')).getByRole('list', { name: 'Used by 2 audiences and journeys' });
		expect(within(used).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
			'Audience: Loyal customers',
			'Journey: Welcome'
		]);
		expect(within(rowOf('DV360 brand')).getByText('Not used')).toBeInTheDocument();
		expect(within(rowOf('Meta EU')).queryByText('Not used')).not.toBeInTheDocument();
	});

	it('shows the first three usages and "and N more" for the rest', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		const used = within(rowOf('Webhook')).getByRole('list', { name: 'Used by 5 audiences and journeys' });
		const items = within(used).getAllByRole('listitem');
		expect(items).toHaveLength(4);
		expect(used).toHaveTextContent('Audience A');
		expect(used).toHaveTextContent('Audience C');
		expect(used).not.toHaveTextContent('Audience D');
		expect(items[3]).toHaveTextContent('and 2 more');
	});

	it('uses singular wording for a connector used once', () => {
		const [first] = rows();
		render(ConnectorList, { props: { rows: [{ ...first!, usages: [audienceUsage('a1', 'Loyal customers')] }], hrefFor, newHref } });

		expect(screen.getByRole('list', { name: 'Used by 1 audience or journey' })).toHaveTextContent('Loyal customers');
	});

	it('shows when each connector was last updated', () => {
		render(ConnectorList, { props: { rows: rows(), hrefFor, newHref } });

		// 1,700,000,000,000 ms is 14 November 2023 (the 15th from UTC+2 eastwards).
		expect(within(rowOf('Meta EU')).getByText(/1[45] Nov 2023/)).toBeInTheDocument();
	});

	it('names a connector whose partner this version no longer knows', () => {
		render(ConnectorList, {
			props: { rows: [{ connector: connector({ id: 'c-old', name: 'Legacy', partnerId: 'gone' }), partner: undefined, usages: [], faults: HEALTHY_PARTNER }], hrefFor, newHref }
		});

		expect(within(rowOf('Legacy')).getByText('Unknown partner (gone)')).toBeInTheDocument();
	});

	it('invites to create the first connector when there are none', () => {
		render(ConnectorList, { props: { rows: [], hrefFor, newHref } });

		expect(screen.getByRole('heading', { name: 'No server-to-server connectors yet' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'New Connector' })).toHaveAttribute('href', '/connectors/new');
		expect(screen.queryByRole('table')).not.toBeInTheDocument();
	});
});
