import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import JourneyEditorForm from '$lib/components/journeys/JourneyEditor.svelte';
import type { Journey } from '$lib/domain/journey';
import { JourneyEditor } from '$lib/state/journeys.svelte';
import { freshStore, metaConfig } from '../../fixtures/store';

/** A journey on a real (fake-indexeddb) store: live, one destination step to Meta without its Custom Audience ID in the draft. */
async function setup() {
	const store = await freshStore();
	const meta = await store.connectors.create({ partnerId: 'meta', name: 'Meta Retargeting EU', target: 'mock', config: metaConfig });
	if (!meta.ok) throw new Error('fixture');
	const audience = await store.audiences.create({
		name: 'Buyers',
		description: '',
		rules: { combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastPurchase', days: 30 }] },
		exitConditions: null,
		connectors: []
	});
	if (!audience.ok) throw new Error('fixture');
	const complete = {
		trigger: { kind: 'audienceEntered' as const, audienceId: audience.value.id },
		steps: [{ kind: 'destination' as const, id: 'send', connectorId: meta.value.id, operation: 'add' as const, settings: { audienceId: '23851234567890123' } }],
		exitConditions: null
	};
	const created = await store.journeys.create('Retarget buyers', complete);
	if (!created.ok) throw new Error('fixture');
	const published = await store.journeys.publish(created.value.id, 'Retarget buyers', complete);
	if (!published.ok) throw new Error('fixture');
	const editor = new JourneyEditor(published.value as Journey, store.journeys);
	render(JourneyEditorForm, { props: { editor, connectors: await store.connectors.list(), audiences: await store.audiences.list() } });
	return { user: userEvent.setup(), store, journeyId: created.value.id, editor };
}

describe('the journey editor', () => {
	it('shows no unpublished changes for a freshly published journey, and shows them after an edit', async () => {
		const { user } = await setup();
		expect(screen.getByText('Draft and live version are the same')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();
		await user.click(screen.getByRole('button', { name: 'Add wait' }));
		expect(screen.getByText('Unpublished changes')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Publish' })).toBeEnabled();
	});

	it('refuses to publish a destination without its External ID, naming the step, and publishes once it is filled in', async () => {
		const { user, store, journeyId } = await setup();
		await user.click(screen.getByRole('button', { name: 'Add wait' }));
		const idField = screen.getByLabelText('Custom Audience ID for Meta Retargeting EU');
		await user.clear(idField);
		await user.click(screen.getByRole('button', { name: 'Publish' }));

		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Not published');
		expect(within(alert).getByText('Step 1 (Send to Meta Retargeting EU): add the Custom Audience ID.')).toBeInTheDocument();
		expect(idField).toHaveAttribute('aria-invalid', 'true');
		// Nothing changed in what is stored: the live version still has one step.
		expect((await store.journeys.get(journeyId))!.published!.steps).toHaveLength(1);

		await user.type(idField, '23851234567890999');
		await user.click(screen.getByRole('button', { name: 'Publish' }));
		expect(await screen.findByText('Published: the live journey now runs this version.')).toBeInTheDocument();
		const stored = (await store.journeys.get(journeyId))!;
		expect(stored.published!.steps.map((s) => s.kind)).toEqual(['destination', 'wait']);
		expect(screen.getByText('Draft and live version are the same')).toBeInTheDocument();
	});

	it('saves a draft without touching the live version, and discards it again', async () => {
		const { user, store, journeyId } = await setup();
		await user.click(screen.getByRole('button', { name: 'Add wait' }));
		await user.click(screen.getByRole('button', { name: 'Save draft' }));
		expect(await screen.findByText(/Draft saved/)).toBeInTheDocument();
		let stored = (await store.journeys.get(journeyId))!;
		expect(stored.draft.steps).toHaveLength(2);
		expect(stored.published!.steps).toHaveLength(1);

		await user.click(screen.getByRole('button', { name: 'Discard draft changes' }));
		expect(await screen.findByText(/Draft changes discarded/)).toBeInTheDocument();
		stored = (await store.journeys.get(journeyId))!;
		expect(stored.draft).toEqual(stored.published);
		expect(screen.getAllByRole('listitem', { name: /^Step \d/ })).toHaveLength(1);
	});

	it('pauses and resumes a live journey', async () => {
		const { user, store, journeyId } = await setup();
		await user.click(screen.getByRole('button', { name: 'Pause' }));
		expect(await screen.findByRole('button', { name: 'Resume' })).toBeInTheDocument();
		expect((await store.journeys.get(journeyId))!.status).toBe('paused');
		await user.click(screen.getByRole('button', { name: 'Resume' }));
		expect(await screen.findByRole('button', { name: 'Pause' })).toBeInTheDocument();
		expect((await store.journeys.get(journeyId))!.status).toBe('live');
	});

	it('creates a new journey on its first publish, even when that publish is refused, and moves to it once an action succeeds', async () => {
		const store = await freshStore();
		const meta = await store.connectors.create({ partnerId: 'meta', name: 'Meta Retargeting EU', target: 'mock', config: metaConfig });
		if (!meta.ok) throw new Error('fixture');
		const editor = new JourneyEditor(null, store.journeys, { trigger: { kind: 'event', eventType: 'purchase' }, steps: [], exitConditions: null });
		const oncreated = vi.fn();
		render(JourneyEditorForm, { props: { editor, connectors: await store.connectors.list(), audiences: [], oncreated } });
		const user = userEvent.setup();
		await user.type(screen.getByLabelText('Journey name'), 'Buyers');
		await user.click(screen.getByRole('button', { name: 'Add destination step' }));
		await user.selectOptions(screen.getByLabelText('Step 1: connector'), 'Meta Retargeting EU');
		await user.click(screen.getByRole('button', { name: 'Publish' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('Step 1 (Send to Meta Retargeting EU): add the Custom Audience ID.');
		expect(oncreated).not.toHaveBeenCalled();
		expect(await store.journeys.list()).toMatchObject([{ name: 'Buyers', status: 'draft', published: null }]);

		await user.type(screen.getByLabelText('Custom Audience ID for Meta Retargeting EU'), '23851234567890123');
		await user.click(screen.getByRole('button', { name: 'Publish' }));
		await screen.findByText('Published: the live journey now runs this version.');
		const [journey] = await store.journeys.list();
		expect(journey).toMatchObject({ status: 'live' });
		expect(oncreated).toHaveBeenCalledWith(journey!.id);
	});
});
