import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import JourneyEditorForm from '$lib/components/journeys/JourneyEditor.svelte';
import type { Audience } from '$lib/domain/audience';
import type { Connector } from '$lib/domain/connector';
import type { Journey, JourneyVersion } from '$lib/domain/journey';
import { publishProblems } from '$lib/domain/journey-rules';
import { fail, ok } from '$lib/domain/validation';
import { connectorUseLookup } from '$lib/partners/use-settings';
import { JourneyEditor, type JourneyActions } from '$lib/state/journeys.svelte';
import { audience, connector } from '../../fixtures/records';

// Issue 12: the summary above a journey that was not published kept every message, and its
// count, after the things it named were fixed. It must follow the messages shown now.

const meta: Connector = connector({ id: 'meta', name: 'Meta Retargeting EU', partnerId: 'meta' });
const buyers: Audience = audience('buyers', 'Buyers', []);

function setup() {
	const draft: JourneyVersion = { trigger: { kind: 'audienceEntered', audienceId: '' }, steps: [], exitConditions: null };
	const stored: Journey = { id: 'j-1', name: 'Welcome', status: 'draft', published: null, draft, publishedAt: null, createdAt: 1, updatedAt: 1 };
	const context = { connector: connectorUseLookup([meta]), audiences: [buyers] };
	// Publishing checks with the real rules; nothing passes them in this test.
	const publish = async (id: string, name: string, version: JourneyVersion) => {
		const problems = publishProblems(name, version, context);
		return problems.length > 0 ? fail(problems) : fail([{ key: 'form', message: 'Not stored in this test.' }]);
	};
	const unused = () => Promise.resolve(ok(stored));
	const actions: JourneyActions = { create: unused, saveDraft: unused, publish, discardDraft: unused, setStatus: unused };
	render(JourneyEditorForm, { props: { editor: new JourneyEditor(stored, actions), connectors: [meta], audiences: [buyers] } });
	return { user: userEvent.setup() };
}

describe('the summary of a journey that was not published', () => {
	it('counts down as things are fixed and goes once nothing needs attention', async () => {
		const { user } = setup();
		await user.clear(screen.getByLabelText('Journey name'));
		await user.click(screen.getByRole('button', { name: 'Add destination step' }));
		await user.selectOptions(screen.getByLabelText('Step 1: connector'), 'Meta Retargeting EU');
		await user.click(screen.getByRole('button', { name: 'Publish' }));

		expect(await screen.findByRole('alert')).toHaveTextContent('Not published: 3 things need attention.');
		expect(screen.getByLabelText('Journey name')).toHaveAttribute('aria-invalid', 'true');

		await user.type(screen.getByLabelText('Journey name'), 'Welcome buyers');
		expect(screen.getByRole('alert')).toHaveTextContent('Not published: 2 things need attention.');
		expect(screen.getByLabelText('Journey name')).not.toHaveAttribute('aria-invalid');
		expect(screen.queryByText('Give the journey a name.')).not.toBeInTheDocument();

		await user.selectOptions(screen.getByRole('combobox', { name: 'Audience that starts the journey' }), 'Buyers');
		expect(screen.getByRole('alert')).toHaveTextContent('Not published: one thing needs attention.');

		await user.type(screen.getByLabelText('Custom Audience ID for Meta Retargeting EU'), '23851234567890123');
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect(screen.queryByText(/need(s)? attention/)).not.toBeInTheDocument();
	});
});
