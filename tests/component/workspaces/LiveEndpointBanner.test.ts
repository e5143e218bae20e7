import { resolve } from '$app/paths';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LiveEndpointBanner from '$lib/components/workspaces/LiveEndpointBanner.svelte';
import { connector } from '../../fixtures/records';

const hrefFor = (id: string) => resolve('/connectors/[id]', { id });

describe('LiveEndpointBanner', () => {
	it('says nothing while every connector sends to its mock', () => {
		render(LiveEndpointBanner, { props: { connectors: [connector({ id: 'c1', name: 'Meta EU' })], hrefFor } });
		expect(screen.queryByRole('region', { name: 'Live endpoints' })).not.toBeInTheDocument();
	});

	it('names the live connectors and says plainly what that means', () => {
		render(LiveEndpointBanner, {
			props: {
				connectors: [connector({ id: 'c1', name: 'Meta EU' }), connector({ id: 'c2', name: 'CRM hook', partnerId: 'custom-http', target: 'live' })],
				hrefFor
			}
		});
		const banner = screen.getByRole('region', { name: 'Live endpoints' });
		expect(banner).toHaveTextContent('A connector sends to a live endpoint: CRM hook.');
		expect(banner).toHaveTextContent('stored unencrypted in this browser');
		expect(banner).toHaveTextContent('requests really leave the browser');
		expect(banner).toHaveTextContent('only synthetic profiles');
		expect(screen.getByRole('link', { name: 'CRM hook' })).toHaveAttribute('href', '/connectors/c2');
		expect(screen.queryByRole('link', { name: 'Meta EU' })).not.toBeInTheDocument();
	});
});
