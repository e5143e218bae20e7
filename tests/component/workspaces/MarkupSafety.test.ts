import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ConnectorList from '$lib/components/connectors/ConnectorList.svelte';
import TestConnection from '$lib/components/connectors/TestConnection.svelte';
import AuditTrail from '$lib/components/workspaces/AuditTrail.svelte';
import LiveEndpointBanner from '$lib/components/workspaces/LiveEndpointBanner.svelte';
import ProblemList from '$lib/components/workspaces/ProblemList.svelte';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import { partners } from '$lib/partners/registry';
import { connector } from '../../fixtures/records';

/**
 * Names typed by users and messages written by partners are data: markup in them is shown as
 * the characters it is made of, never parsed into elements or run. (No component uses {@html}
 * or innerHTML; these tests keep it that way.)
 */
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert("partner")</script>';

function expectNoInjectedElements(container: HTMLElement): void {
	expect(container.querySelector('img, script, iframe')).toBeNull();
	expect(container.querySelector('[onerror], [onload]')).toBeNull();
}

describe('markup in names and messages shows as text', () => {
	it('a connector named like an image tag is a link with that text', () => {
		const { container } = render(ConnectorList, {
			props: {
				rows: [{ connector: connector({ id: 'c1', name: IMG }), partner: partners.meta.catalog, usages: [], faults: HEALTHY_PARTNER }],
				hrefFor: (id: string) => `/connectors/${id}`,
				newHref: '/connectors/new'
			}
		});
		expect(screen.getByRole('link', { name: IMG })).toHaveTextContent(IMG);
		expectNoInjectedElements(container);
	});

	it("a partner's error message with a script shows as text after Test connection", async () => {
		const user = userEvent.setup();
		const { container } = render(TestConnection, {
			props: {
				targetLabel: 'the Meta mock',
				run: async () => ({ ok: false, error: { category: 'partnerError', code: '190', message: SCRIPT, retryable: false, retryAfterMs: null }, exchanges: [] })
			}
		});
		await user.click(screen.getByRole('button', { name: 'Test connection' }));
		expect(await screen.findByText(SCRIPT, { exact: false })).toBeInTheDocument();
		expectNoInjectedElements(container);
	});

	it('the audit trail, the live-endpoint banner and the import problems keep markup as text', () => {
		const { container } = render(AuditTrail, {
			props: {
				label: 'Changes',
				entries: [
					{ id: 'a1', at: 1, subject: 'connector', subjectId: 'c1', subjectName: IMG, action: 'edited', connectorIds: ['c1'], before: { name: 'Meta' }, after: { name: SCRIPT } }
				]
			}
		});
		expect(screen.getByRole('cell', { name: new RegExp(`Connector ${IMG.replace(/[()]/g, '\\$&')}`) })).toBeInTheDocument();
		expect(container.textContent).toContain(SCRIPT);
		expectNoInjectedElements(container);

		const banner = render(LiveEndpointBanner, { props: { connectors: [connector({ id: 'c2', name: IMG, target: 'live' })], hrefFor: (id: string) => `/connectors/${id}` } });
		expect(screen.getByRole('link', { name: IMG })).toBeInTheDocument();
		expectNoInjectedElements(banner.container);

		const problems = render(ProblemList, { props: { fileName: `${IMG}.json`, problems: [{ path: 'connectors[1].partnerId', message: `"${SCRIPT}" is not a server-to-server partner of this sandbox.` }], more: 0, newer: false } });
		expect(problems.container.textContent).toContain(`${IMG}.json cannot be imported`);
		expectNoInjectedElements(problems.container);
	});
});
