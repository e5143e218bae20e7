import { describe, expect, it } from 'vitest';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import { auditChanges, SECRET_MASK } from '$lib/domain/audit';
import { audience, journey } from '../../fixtures/records';
import { freshStore, metaConfig } from '../../fixtures/store';

describe('audit trail', () => {
	it('records every connector change with before and after, secrets masked, per connector and per workspace', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		const id = created.value.id;
		store.tick(1000);
		await store.connectors.update(id, { name: 'Meta Europe', target: 'mock', config: { ...metaConfig, adAccountId: 'act_999999' } });
		store.tick(1000);
		await store.connectors.setStatus(id, 'deactivated');
		store.tick(1000);
		await store.connectors.setStatus(id, 'active');
		store.tick(1000);
		await store.faults.set(id, { ...HEALTHY_PARTNER, throttled: true });
		store.tick(1000);
		await store.connectors.delete(id);

		const trail = await store.audit.forConnector(id);
		expect(trail.map((e) => `${e.subject} ${e.action}`)).toEqual([
			'connector deleted',
			'faults edited',
			'connector reactivated',
			'connector deactivated',
			'connector edited',
			'connector created'
		]);
		expect(trail.map((e) => e.at)).toEqual([5, 4, 3, 2, 1, 0].map((n) => 1_700_000_000_000 + n * 1000));
		const edit = trail[4]!;
		expect(edit.subjectName).toBe('Meta Europe');
		expect(auditChanges(edit.before, edit.after).map((c) => c.path)).toEqual(['config.adAccountId', 'name']);
		// No secret anywhere in the trail; its place is masked.
		expect(JSON.stringify(trail)).not.toContain(metaConfig.accessToken);
		expect((edit.after as { config: Record<string, unknown> }).config.accessToken).toBe(SECRET_MASK);
		expect(trail[1]).toMatchObject({ before: HEALTHY_PARTNER, after: { throttled: true } });
		expect(await store.audit.list()).toHaveLength(6);
	});

	it('records audience and journey saves against the connectors they use, before and after', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		const id = created.value.id;
		await store.audiences.put(audience('a1', 'Loyal', [id]));
		await store.audiences.put(audience('a1', 'Loyal customers', []));
		await store.journeys.put(journey('j1', 'Welcome', { published: null, draft: [id] }));

		const trail = await store.audit.forConnector(id);
		expect(trail.map((e) => `${e.subject} ${e.action} ${e.subjectName}`).sort()).toEqual([
			'audience created Loyal',
			'audience saved Loyal customers',
			'connector created Meta EU',
			'journey created Welcome'
		]);
	});

	it('writes nothing, neither the change nor its entry, when the change is refused', async () => {
		const store = await freshStore();
		await expect(store.audiences.put(audience('a1', '', []))).rejects.toThrow();
		const refused = await store.connectors.create({ partnerId: 'meta', name: '', target: 'mock', config: metaConfig });
		expect(refused.ok).toBe(false);
		expect(await store.audit.list()).toEqual([]);
	});
});

describe('audit trail of journeys and audiences', () => {
	it('records a journey created, saved, published, paused and deleted, in the transaction of each change', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		const connectorId = created.value.id;
		const draft = {
			trigger: { kind: 'event' as const, eventType: 'purchase' as const },
			steps: [{ kind: 'destination' as const, id: 's1', connectorId, operation: 'add' as const, settings: { audienceId: '23851234567890123' } }],
			exitConditions: null
		};
		const made = await store.journeys.create('Buyers to Meta', draft);
		if (!made.ok) throw new Error(JSON.stringify(made.error));
		const id = made.value.id;
		store.tick(1000);
		await store.journeys.saveDraft(id, 'Buyers to Meta', { ...draft, steps: [{ kind: 'wait', id: 'w1', hours: 2 }, ...draft.steps] });
		store.tick(1000);
		await store.journeys.publish(id, 'Buyers to Meta', (await store.journeys.get(id))!.draft);
		store.tick(1000);
		await store.journeys.setStatus(id, 'paused');
		store.tick(1000);
		// A publish that is refused changes nothing and records nothing.
		const refused = await store.journeys.publish(id, 'Buyers to Meta', { ...draft, steps: [{ ...draft.steps[0]!, settings: {} }] });
		expect(refused.ok).toBe(false);
		store.tick(1000);
		await store.journeys.delete(id);
		const trail = (await store.audit.forConnector(connectorId)).filter((e) => e.subject === 'journey');
		expect(trail.map((e) => e.action).reverse()).toEqual(['created', 'saved', 'published', 'paused', 'deleted']);
		expect(trail.every((e) => e.subjectName === 'Buyers to Meta')).toBe(true);
		store.close();
	});
});
