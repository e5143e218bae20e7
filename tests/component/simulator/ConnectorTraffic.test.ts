import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ConnectorTraffic from '$lib/components/simulator/ConnectorTraffic.svelte';
import { HEALTHY_PARTNER, SLOW_PARTNER, type FaultSettings } from '$lib/domain/faults';
import type { ConnectorProgress } from '$lib/engine/protocol';
import { partners } from '$lib/partners/registry';
import type { ConnectorRow } from '$lib/state/connectors.svelte';
import { connector } from '../../fixtures/records';

const errorsByPartner = {
	meta: [
		{ id: 'token-expired', label: '190 / 463: access token expired' },
		{ id: 'permission-200', label: '200: no permission to update the audience (not allowlisted)' }
	]
};

function rows(faults: { meta?: FaultSettings; dv?: FaultSettings } = {}): ConnectorRow[] {
	return [
		{
			connector: connector({ id: 'c-meta', name: 'Meta EU' }),
			partner: partners.meta.catalog,
			usages: [],
			faults: faults.meta ?? HEALTHY_PARTNER
		},
		{
			connector: connector({ id: 'c-dv', name: 'DV360 brand', partnerId: 'dv360', status: 'deactivated' }),
			partner: partners.dv360.catalog,
			usages: [],
			faults: faults.dv ?? HEALTHY_PARTNER
		},
		{
			connector: connector({ id: 'c-live', name: 'Live webhook', partnerId: 'custom-http', target: 'live' }),
			partner: partners['custom-http'].catalog,
			usages: [],
			faults: HEALTHY_PARTNER
		}
	];
}

const progress: ConnectorProgress[] = [
	{ connectorId: 'c-meta', accepted: 5_000, inFlight: 120, sent: 3_000, removed: 1_200, errors: 600, skipped: 70, cancelled: 10, attempts: 40, retries: 3 }
];

function setup(options: { rows?: ConnectorRow[]; onfaults?: (id: string, faults: FaultSettings) => Promise<unknown> } = {}) {
	const onfaults = vi.fn(options.onfaults ?? (() => Promise.resolve()));
	const user = userEvent.setup();
	const view = render(ConnectorTraffic, {
		props: { rows: options.rows ?? rows(), progress, errorsByPartner, hrefFor: (id: string) => `/connectors/${id}`, onfaults }
	});
	return { user, onfaults, ...view };
}

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}\\b`) });
const faultSelect = (name: string) => screen.getByRole('combobox', { name: `Mock partner behaviour for ${name}` });

describe('ConnectorTraffic', () => {
	it('lists each connector with a link, its partner, its status and its counters', () => {
		setup();

		expect(screen.getByRole('link', { name: 'Meta EU' })).toHaveAttribute('href', '/connectors/c-meta');
		const meta = within(rowOf('Meta EU'));
		expect(meta.getByText(partners.meta.catalog.name)).toBeInTheDocument();
		expect(meta.getByText('Active')).toBeInTheDocument();
		const cells = meta.getAllByRole('cell').map((cell) => cell.textContent?.trim());
		expect(cells.slice(1, 8)).toEqual(['5,000', '120', '3,000', '1,200', '600', '70', '10']);

		const dv = within(rowOf('DV360 brand'));
		expect(dv.getByText('deactivated')).toBeInTheDocument();
		// No traffic yet: zeros, not blanks.
		expect(dv.getAllByRole('cell').slice(1, 8).map((cell) => cell.textContent?.trim())).toEqual(['0', '0', '0', '0', '0', '0', '0']);
	});

	it('has no fault knobs for a connector that sends to a live endpoint', () => {
		setup();

		expect(within(rowOf('Live webhook')).getByText('Live endpoint')).toBeInTheDocument();
		expect(screen.queryByRole('combobox', { name: /Live webhook/ })).not.toBeInTheDocument();
	});

	it('offers every preset and the full panel, showing Healthy for a healthy partner', () => {
		setup();

		const select = faultSelect('Meta EU');
		expect(select).toHaveDisplayValue('Healthy');
		expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
			'Healthy',
			'Expired credentials',
			'Invalid credentials',
			'Not allowlisted',
			'Throttled',
			'Outage (partner 5xx)',
			'Empty HTTP 500',
			'Slow partner',
			'HTML error page',
			'Truncated JSON',
			'10% of profiles rejected',
			'A chosen error…'
		]);
	});

	it.each([
		['Expired credentials', { credentials: 'expired' }],
		['Invalid credentials', { credentials: 'invalid' }],
		['Not allowlisted', { notAllowlisted: true }],
		['Throttled', { throttled: true }],
		['Outage (partner 5xx)', { outage: 'partnerError' }],
		['Empty HTTP 500', { outage: 'empty500' }],
		['Slow partner', { slow: { ...SLOW_PARTNER } }],
		['HTML error page', { malformed: 'htmlPage' }],
		['Truncated JSON', { malformed: 'truncatedJson' }],
		['10% of profiles rejected', { rejectionRate: 0.1 }]
	] as Array<[string, Partial<FaultSettings>]>)('writes "%s" as that one knob on a healthy partner', async (label, knob) => {
		const { user, onfaults } = setup();

		await user.selectOptions(faultSelect('Meta EU'), label);

		expect(onfaults).toHaveBeenCalledExactlyOnceWith('c-meta', { ...HEALTHY_PARTNER, ...knob });
	});

	it('writes Healthy back as every knob off', async () => {
		const { user, onfaults } = setup({ rows: rows({ meta: { ...HEALTHY_PARTNER, throttled: true } }) });

		await user.selectOptions(faultSelect('Meta EU'), 'Healthy');

		expect(onfaults).toHaveBeenCalledExactlyOnceWith('c-meta', HEALTHY_PARTNER);
	});

	it('shows the matching preset for the current settings', () => {
		setup({ rows: rows({ meta: { ...HEALTHY_PARTNER, credentials: 'expired' }, dv: { ...HEALTHY_PARTNER, slow: { ...SLOW_PARTNER } } }) });

		expect(faultSelect('Meta EU')).toHaveDisplayValue('Expired credentials');
		expect(faultSelect('DV360 brand')).toHaveDisplayValue('Slow partner');
	});

	it('shows Custom when several knobs are on', () => {
		setup({ rows: rows({ meta: { ...HEALTHY_PARTNER, credentials: 'expired', throttled: true } }) });

		expect(faultSelect('Meta EU')).toHaveDisplayValue('Custom');
		expect(within(faultSelect('Meta EU')).getByRole('option', { name: 'Custom' })).toBeDisabled();
		expect(within(faultSelect('DV360 brand')).queryByRole('option', { name: 'Custom' })).not.toBeInTheDocument();
	});

	it('shows Custom for a setting no preset matches, such as another share of rejections', () => {
		setup({ rows: rows({ meta: { ...HEALTHY_PARTNER, rejectionRate: 0.25 } }) });

		expect(faultSelect('Meta EU')).toHaveDisplayValue('Custom');
	});

	it('names the chosen error when it is the only knob on', () => {
		setup({ rows: rows({ meta: { ...HEALTHY_PARTNER, answerWith: 'token-expired' } }) });

		expect(faultSelect('Meta EU')).toHaveDisplayValue('Answers with 190 / 463: access token expired');
	});

	it('opens the full fault panel in a dialog for "A chosen error…", and writes what is chosen there', async () => {
		const { user, onfaults } = setup();

		await user.selectOptions(faultSelect('Meta EU'), 'A chosen error…');

		expect(onfaults).not.toHaveBeenCalled();
		const dialog = screen.getByRole('dialog', { name: 'Mock partner behaviour for Meta EU' });
		// The select still shows the connector's state, not the action.
		expect(faultSelect('Meta EU')).toHaveDisplayValue('Healthy');

		await user.selectOptions(within(dialog).getByLabelText('Answer every request with'), '190 / 463: access token expired');

		expect(onfaults).toHaveBeenCalledExactlyOnceWith('c-meta', { ...HEALTHY_PARTNER, answerWith: 'token-expired' });

		await user.click(within(dialog).getByRole('button', { name: 'Close' }));
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
	});

	it('shows the latest settings in the open panel', async () => {
		const { user, rerender } = setup();
		await user.selectOptions(faultSelect('Meta EU'), 'A chosen error…');

		await rerender({ rows: rows({ meta: { ...HEALTHY_PARTNER, throttled: true } }) });

		const dialog = screen.getByRole('dialog', { name: 'Mock partner behaviour for Meta EU' });
		expect(within(dialog).getByRole('checkbox', { name: /Throttled/ })).toBeChecked();
	});

	it('says why when a fault could not be set, and keeps showing the current state', async () => {
		const { user } = setup({ onfaults: () => Promise.reject(new Error('The workspace database is closed.')) });

		await user.selectOptions(faultSelect('Meta EU'), 'Throttled');

		expect(await screen.findByRole('alert')).toHaveTextContent('The fault for Meta EU was not set: The workspace database is closed.');
		await waitFor(() => expect(faultSelect('Meta EU')).toHaveDisplayValue('Healthy'));
	});
});
