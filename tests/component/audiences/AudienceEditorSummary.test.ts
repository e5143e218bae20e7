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

// Issue 12: the summary above a form that was not saved must count the messages shown now,
// and go once none is left.

const meta: Connector = connector({ id: 'meta', name: 'Meta Retargeting EU', partnerId: 'meta' });

function setup() {
	const lookup = connectorUseLookup([meta]);
	const save = vi.fn(async (draft: AudienceDraft): Promise<AudienceSaveResult> => {
		const checked = checkAudienceDraft(draft, lookup);
		if (!checked.ok) return checked;
		return { ok: true, value: { ...checked.value, id: 'a-1', createdAt: 1, updatedAt: 1 } as Audience };
	});
	const editor = new AudienceEditor(undefined, save);
	render(AudienceEditorForm, {
		props: { editor, connectors: [meta], submitLabel: 'Create audience', onsaved: vi.fn(), cancelHref: '/audiences', connectorHref: (id: string) => `/connectors/${id}` }
	});
	return { user: userEvent.setup(), save };
}

describe('the summary of an audience that was not saved', () => {
	it('counts down as things are fixed and goes once nothing needs attention', async () => {
		const { user } = setup();
		await user.click(screen.getByRole('button', { name: 'Add group' }));
		const group = screen.getByRole('group', { name: 'Audience rules: group 1' });
		// The new group starts with "Country is one of NL": clear it, so it has no value.
		await user.click(within(group).getByRole('checkbox', { name: 'NL' }));
		await user.selectOptions(screen.getByRole('combobox', { name: 'Connector to connect' }), 'Meta Retargeting EU');
		await user.click(screen.getByRole('button', { name: 'Connect' }));
		await user.click(screen.getByRole('button', { name: 'Create audience' }));

		expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was saved: 3 things need attention.');

		await user.type(screen.getByLabelText('Audience name'), 'Benelux buyers');
		expect(screen.getByRole('alert')).toHaveTextContent('Nothing was saved: 2 things need attention.');

		await user.type(screen.getByLabelText(/^Custom Audience ID/), '23851234567890123');
		expect(screen.getByRole('alert')).toHaveTextContent('Nothing was saved: one thing needs attention.');

		await user.click(within(group).getByRole('checkbox', { name: 'BE' }));
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect(screen.queryByText(/Nothing was saved/)).not.toBeInTheDocument();
		expect(screen.queryByText(/0 things/)).not.toBeInTheDocument();
	});
});
