import { describe, expect, it } from 'vitest';
import type { JourneyVersion } from '$lib/domain/journey';
import { hasUnpublishedChanges } from '$lib/domain/journey';
import { freshStore, metaConfig } from '../../fixtures/store';

async function withMeta() {
	const store = await freshStore();
	const meta = await store.connectors.create({ partnerId: 'meta', name: 'Meta Retargeting EU', target: 'mock', config: metaConfig });
	if (!meta.ok) throw new Error('fixture');
	return { store, metaId: meta.value.id };
}

const rules = { combinator: 'and' as const, items: [{ operator: 'withinLastDays' as const, attribute: 'lastVisit' as const, days: 7 }] };

function sendsToMeta(metaId: string, audienceId = ''): JourneyVersion {
	return {
		trigger: { kind: 'audienceEntered', audienceId },
		steps: [{ kind: 'destination', id: 's1', connectorId: metaId, operation: 'add', settings: { audienceId: '23851234567890123' } }],
		exitConditions: null
	};
}

describe('audience repository', () => {
	it('creates an audience with its connectors, and writes nothing when a rule cannot match or an External ID is missing', async () => {
		const { store, metaId } = await withMeta();
		const refused = await store.audiences.create({
			name: 'Impossible',
			description: '',
			rules: { combinator: 'and', items: [] },
			exitConditions: null,
			connectors: [{ connectorId: metaId, settings: { audienceId: '' } }]
		});
		expect(refused.ok).toBe(false);
		expect(!refused.ok && Object.keys(refused.error)).toEqual(['rules', 'connectors.0.settings.audienceId']);
		expect(await store.audiences.list()).toEqual([]);

		const created = await store.audiences.create({
			name: 'Recent visitors',
			description: ' Last week ',
			rules,
			exitConditions: null,
			connectors: [{ connectorId: metaId, settings: { audienceId: ' 23851234567890123 ' } }]
		});
		expect(created.ok && created.value).toMatchObject({
			id: 'id-2',
			description: 'Last week',
			connectors: [{ connectorId: metaId, settings: { audienceId: '23851234567890123' } }]
		});
	});

	it('remembers a detached connector with when it was detached, so the connector may be deleted', async () => {
		const { store, metaId } = await withMeta();
		const use = { connectorId: metaId, settings: { audienceId: '23851234567890123' } };
		const created = await store.audiences.create({ name: 'A', description: '', rules, exitConditions: null, connectors: [use] });
		if (!created.ok) throw new Error('fixture');
		expect(created.value.formerConnectors).toBeUndefined();
		const detached = await store.audiences.update(created.value.id, { name: 'A', description: '', rules, exitConditions: null, connectors: [] });
		expect(detached.ok && detached.value.formerConnectors).toEqual([{ ...use, detachedAt: expect.any(Number) }]);
		// Used by nothing now, it may be deleted; its former use goes with it.
		expect(await store.connectors.delete(metaId)).toEqual({ allowed: true });
		expect((await store.audiences.get(created.value.id))?.formerConnectors).toBeUndefined();
	});

	it('forgets a former connector once it is attached again', async () => {
		const { store, metaId } = await withMeta();
		const use = { connectorId: metaId, settings: { audienceId: '23851234567890123' } };
		const created = await store.audiences.create({ name: 'A', description: '', rules, exitConditions: null, connectors: [use] });
		if (!created.ok) throw new Error('fixture');
		await store.audiences.update(created.value.id, { name: 'A', description: '', rules, exitConditions: null, connectors: [] });
		const again = await store.audiences.update(created.value.id, { name: 'A', description: '', rules, exitConditions: null, connectors: [use] });
		expect(again.ok && again.value.formerConnectors).toBeUndefined();
		expect(again.ok && again.value.connectors).toEqual([use]);
	});

	it('refuses to delete an audience a journey starts on, naming the journey', async () => {
		const { store, metaId } = await withMeta();
		const audience = await store.audiences.create({ name: 'A', description: '', rules, exitConditions: null, connectors: [] });
		if (!audience.ok) throw new Error('fixture');
		const journey = await store.journeys.create('Welcome', sendsToMeta(metaId, audience.value.id));
		if (!journey.ok) throw new Error('fixture');
		expect(await store.audiences.delete(audience.value.id)).toEqual({ deleted: false, journeys: [{ id: journey.value.id, name: 'Welcome' }] });
		await store.journeys.delete(journey.value.id);
		expect(await store.audiences.delete(audience.value.id)).toEqual({ deleted: true });
		expect(await store.audiences.list()).toEqual([]);
	});
});

describe('journey versions', () => {
	it('edits the draft, publishes it live, and shows unpublished changes until the next publish', async () => {
		const { store, metaId } = await withMeta();
		const audience = await store.audiences.create({ name: 'A', description: '', rules, exitConditions: null, connectors: [] });
		if (!audience.ok) throw new Error('fixture');
		const v1 = sendsToMeta(metaId, audience.value.id);
		const created = await store.journeys.create('Welcome', v1);
		if (!created.ok) throw new Error('fixture');
		expect(created.value).toMatchObject({ status: 'draft', published: null });
		expect(hasUnpublishedChanges(created.value)).toBe(true);

		const published = await store.journeys.publish(created.value.id, 'Welcome', v1);
		expect(published.ok && published.value).toMatchObject({ status: 'live', published: v1, draft: v1 });
		expect(published.ok && hasUnpublishedChanges(published.value)).toBe(false);

		// Editing changes the draft only: what is live stays as published.
		const v2: JourneyVersion = { ...v1, steps: [{ kind: 'wait', id: 'w', hours: 24 }, ...v1.steps] };
		const saved = await store.journeys.saveDraft(created.value.id, 'Welcome', v2);
		expect(saved.ok && saved.value).toMatchObject({ status: 'live', published: v1, draft: v2 });
		expect(saved.ok && hasUnpublishedChanges(saved.value)).toBe(true);

		// Discarding brings the published version back into the draft.
		const discarded = await store.journeys.discardDraft(created.value.id);
		expect(discarded.ok && discarded.value.draft).toEqual(v1);

		// Pause and resume keep the versions.
		const paused = await store.journeys.setStatus(created.value.id, 'paused');
		expect(paused.ok && paused.value).toMatchObject({ status: 'paused', published: v1 });
		const republished = await store.journeys.publish(created.value.id, 'Welcome', v2);
		expect(republished.ok && republished.value).toMatchObject({ status: 'paused', published: v2 });
		expect((await store.journeys.setStatus(created.value.id, 'live')).ok).toBe(true);
	});

	it('refuses to publish a destination without its External ID, changes nothing, and names the step', async () => {
		const { store, metaId } = await withMeta();
		const draft: JourneyVersion = {
			trigger: { kind: 'event', eventType: 'purchase' },
			steps: [
				{ kind: 'wait', id: 'w1', hours: 1 },
				{ kind: 'wait', id: 'w2', hours: 1 },
				{ kind: 'destination', id: 'd', connectorId: metaId, operation: 'add', settings: { audienceId: '' } }
			],
			exitConditions: null
		};
		const created = await store.journeys.create('Buyers', draft);
		if (!created.ok) throw new Error('fixture');
		const result = await store.journeys.publish(created.value.id, 'Buyers', draft);
		expect(!result.ok && result.error.map((p) => p.message)).toEqual(['Step 3 (Send to Meta Retargeting EU): add the Custom Audience ID.']);
		expect(await store.journeys.get(created.value.id)).toMatchObject({ status: 'draft', published: null });
		// A journey never published cannot be paused or run.
		expect((await store.journeys.setStatus(created.value.id, 'live')).ok).toBe(false);
	});

	it('keeps a connector that only a journey draft uses from being deleted', async () => {
		const { store, metaId } = await withMeta();
		await store.journeys.create('Draft only', { trigger: { kind: 'event', eventType: 'visit' }, steps: sendsToMeta(metaId).steps, exitConditions: null });
		expect(await store.connectors.delete(metaId)).toMatchObject({ allowed: false, usages: [{ kind: 'journey', name: 'Draft only', versions: ['draft'] }] });
	});
});
