import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import AudienceEditorForm from '$lib/components/audiences/AudienceEditor.svelte';
import type { AudienceSaveResult } from '$lib/db';
import type { Audience } from '$lib/domain/audience';
import { checkAudienceDraft, type AudienceDraft } from '$lib/domain/audience-rules';
import type { Connector } from '$lib/domain/connector';
import { connectorUseLookup } from '$lib/partners/use-settings';
import { AudienceEditor } from '$lib/state/audiences.svelte';
import { connector } from '../../fixtures/records';

const meta: Connector = connector({ id: 'meta', name: 'Meta Retargeting EU', partnerId: 'meta' });
const cm360: Connector = connector({ id: 'cm360', name: 'CM360 Floodlight conversions', partnerId: 'cm360' });

/** The editor with the real checks, and a store that keeps what passes them. */
function setup() {
	const lookup = connectorUseLookup([meta, cm360]);
	const saved: AudienceDraft[] = [];
	const save = vi.fn(async (draft: AudienceDraft): Promise<AudienceSaveResult> => {
		const checked = checkAudienceDraft(draft, lookup);
		if (!checked.ok) return checked;
		saved.push(checked.value);
		return { ok: true, value: { ...checked.value, id: 'a-1', createdAt: 1, updatedAt: 1 } as Audience };
	});
	const editor = new AudienceEditor(undefined, save);
	const onsaved = vi.fn();
	render(AudienceEditorForm, {
		props: { editor, connectors: [meta, cm360], submitLabel: 'Create audience', onsaved, cancelHref: '/audiences', connectorHref: (id: string) => `/connectors/${id}` }
	});
	return { user: userEvent.setup(), save, saved, onsaved };
}

describe('the rule builder', () => {
	it('flags a contradictory range before saving and saves nothing', async () => {
		const { user, save, saved, onsaved } = setup();
		await user.type(screen.getByLabelText('Audience name'), 'Mid-value');
		await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]!);
		await user.selectOptions(screen.getByLabelText('Condition 2: attribute'), 'Lifetime value');
		await user.clear(screen.getByLabelText('Condition 2: value'));
		await user.type(screen.getByLabelText('Condition 2: value'), '100');
		await user.click(screen.getAllByRole('button', { name: 'Add condition' })[0]!);
		await user.selectOptions(screen.getByLabelText('Condition 3: attribute'), 'Lifetime value');
		await user.selectOptions(screen.getByLabelText('Condition 3: operator'), 'less than');
		await user.clear(screen.getByLabelText('Condition 3: value'));
		await user.type(screen.getByLabelText('Condition 3: value'), '50');
		await user.click(screen.getByRole('button', { name: 'Create audience' }));

		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Nothing was saved');
		expect(alert).toHaveTextContent('Lifetime value cannot be greater than 100 and less than 50 at once: no profile matches.');
		expect(save).toHaveBeenCalledTimes(1);
		expect(saved).toEqual([]);
		expect(onsaved).not.toHaveBeenCalled();
	});

	it('builds nested AND/OR groups and flags an empty "one of" inside them', async () => {
		const { user, saved, onsaved } = setup();
		await user.type(screen.getByLabelText('Audience name'), 'Benelux or Germany');
		await user.click(screen.getByRole('button', { name: 'Add group' }));
		const group = screen.getByRole('group', { name: 'Audience rules: group 1' });
		await user.selectOptions(within(group).getByLabelText('Group: match all or any'), 'any of these (OR)');
		// The new group starts with "Country is one of NL": clear it, so it has no value.
		await user.click(within(group).getByRole('checkbox', { name: 'NL' }));
		await user.click(screen.getByRole('button', { name: 'Create audience' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('Country is one of: choose at least one value.');

		await user.click(within(group).getByRole('checkbox', { name: 'BE' }));
		await user.click(within(group).getByRole('checkbox', { name: 'DE' }));
		await user.click(within(group).getAllByRole('button', { name: 'Add condition' })[0]!);
		await user.selectOptions(within(group).getByLabelText('Condition 2: attribute'), 'Identifier');
		await user.selectOptions(within(group).getByLabelText('Condition 2: identifier'), 'Mobile advertising ID');
		await user.click(screen.getByRole('button', { name: 'Create audience' }));

		expect(onsaved).toHaveBeenCalledTimes(1);
		expect(saved[0]!.rules).toEqual({
			combinator: 'and',
			items: [
				{ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 },
				{
					combinator: 'or',
					items: [
						{ operator: 'oneOf', attribute: 'country', values: ['BE', 'DE'] },
						{ operator: 'hasIdentifier', identifier: 'mobileAdId' }
					]
				}
			]
		});
	});

	it("connects connectors with their partner's per-use fields and says which one is missing", async () => {
		const { user, saved } = setup();
		await user.type(screen.getByLabelText('Audience name'), 'Converters');
		await user.selectOptions(screen.getByLabelText('Connector to connect'), 'CM360 Floodlight conversions');
		await user.click(screen.getByRole('button', { name: 'Connect' }));
		await user.type(screen.getByLabelText('Floodlight configuration ID for CM360 Floodlight conversions'), '8765432');
		await user.click(screen.getByRole('button', { name: 'Create audience' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('CM360 Floodlight conversions: add the Floodlight activity ID.');
		const activity = screen.getByLabelText('Floodlight activity ID for CM360 Floodlight conversions');
		expect(activity).toHaveAttribute('aria-invalid', 'true');

		await user.type(activity, '12345678');
		await user.click(screen.getByRole('button', { name: 'Create audience' }));
		expect(saved[0]!.connectors).toEqual([{ connectorId: 'cm360', settings: { floodlightConfigurationId: '8765432', floodlightActivityId: '12345678' } }]);
	});
});
