import { resolve } from '$app/paths';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConnectorList from '$lib/components/connectors/ConnectorList.svelte';
import UsageList from '$lib/components/connectors/UsageList.svelte';
import WorkspaceBadge from '$lib/components/workspaces/WorkspaceBadge.svelte';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import { partners } from '$lib/partners/registry';
import { connector } from '../../fixtures/records';

/**
 * Names are shown as the text they are, whatever they hold: markup stays characters, and a
 * right-to-left name sits in an element with dir="auto", so a Hebrew or Arabic name reads in
 * its own direction without reordering the rest of its row.
 */
const IMG = '<img src=x onerror=alert(1)>';
const HEBREW = 'מטא ישראל 2';
const ARABIC = 'ميتا مصر';

const hrefFor = (id: string) => resolve('/connectors/[id]', { id });

describe('hostile and right-to-left names', () => {
	it('a connector list shows a markup name as text and each name in its own direction', () => {
		const { container } = render(ConnectorList, {
			props: {
				rows: [
					{ connector: connector({ id: 'c1', name: IMG }), partner: partners.meta.catalog, usages: [], faults: HEALTHY_PARTNER },
					{
						connector: connector({ id: 'c2', name: HEBREW, partnerId: 'dv360' }),
						partner: partners.dv360.catalog,
						usages: [{ kind: 'audience', id: 'a1', name: ARABIC }],
						faults: HEALTHY_PARTNER
					}
				],
				hrefFor,
				newHref: resolve('/connectors/new')
			}
		});
		const markup = screen.getByRole('link', { name: IMG });
		expect(markup.textContent).toBe(IMG);
		expect(container.querySelector('img, [onerror]')).toBeNull();
		const hebrew = screen.getByRole('link', { name: HEBREW });
		expect(hebrew).toHaveAttribute('dir', 'auto');
		expect(markup).toHaveAttribute('dir', 'auto');
		expect(screen.getByText(ARABIC)).toHaveAttribute('dir', 'auto');
	});

	it('usage lists and the workspace badge give user text dir="auto"', () => {
		render(UsageList, { props: { usages: [{ kind: 'journey', id: 'j1', name: HEBREW, versions: ['draft'] }, { kind: 'audience', id: 'a1', name: IMG }] } });
		expect(screen.getByRole('link', { name: HEBREW })).toHaveAttribute('dir', 'auto');
		expect(screen.getByRole('link', { name: IMG })).toHaveAttribute('dir', 'auto');
		render(WorkspaceBadge, { props: { name: ARABIC, href: resolve('/workspaces') } });
		expect(screen.getByText(ARABIC)).toHaveAttribute('dir', 'auto');
	});
});
