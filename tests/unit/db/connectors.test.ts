import { describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '$lib/db';
import { audience, journey } from '../../fixtures/records';
import { dv360Config, freshStore, metaConfig } from '../../fixtures/store';

describe('connector repository', () => {
	it('creates an active connector and lists it by name', async () => {
		const store = await freshStore();
		const b = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
		const a = await store.connectors.create({ partnerId: 'dv360', name: 'brand A', target: 'mock', config: dv360Config });
		expect(b.ok && b.value).toMatchObject({ id: 'id-1', status: 'active', name: 'Meta EU', createdAt: 1_700_000_000_000 });
		expect(a.ok).toBe(true);
		expect((await store.connectors.list()).map((c) => c.name)).toEqual(['brand A', 'Meta EU']);
	});

	it('writes nothing when a field is invalid', async () => {
		const store = await freshStore();
		const result = await store.connectors.create({
			partnerId: 'meta',
			name: 'Meta',
			target: 'mock',
			config: { ...metaConfig, adAccountId: '12345' }
		});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error.kind === 'invalid' && result.error.fieldErrors['config.adAccountId']).toMatch(/act_/);
		expect(await store.connectors.list()).toEqual([]);
	});

	it('refuses an unknown partner with a message', async () => {
		const store = await freshStore();
		const result = await store.connectors.create({ partnerId: 'nope', name: 'X', target: 'mock', config: {} });
		expect(!result.ok && result.error.kind === 'invalid' && result.error.fieldErrors.form).toMatch(/not a server-to-server partner/);
	});

	it('keeps two DV360 configurations but only one Meta configuration', async () => {
		const store = await freshStore();
		await store.connectors.create({ partnerId: 'dv360', name: 'DV360 A', target: 'mock', config: dv360Config });
		expect((await store.connectors.create({ partnerId: 'dv360', name: 'DV360 B', target: 'mock', config: dv360Config })).ok).toBe(true);
		await store.connectors.create({ partnerId: 'meta', name: 'Meta 1', target: 'mock', config: metaConfig });
		const second = await store.connectors.create({ partnerId: 'meta', name: 'Meta 2', target: 'mock', config: metaConfig });
		expect(!second.ok && second.error.kind).toBe('singleConfiguration');
		expect(await store.connectors.list()).toHaveLength(3);
	});

	it('updates name and config, refusing a name another connector has', async () => {
		const store = await freshStore();
		await store.connectors.create({ partnerId: 'dv360', name: 'DV360 A', target: 'mock', config: dv360Config });
		const b = await store.connectors.create({ partnerId: 'dv360', name: 'DV360 B', target: 'mock', config: dv360Config });
		if (!b.ok) throw new Error('setup failed');
		store.tick(60_000);
		const clash = await store.connectors.update(b.value.id, { name: 'dv360 a', target: 'mock', config: dv360Config });
		expect(!clash.ok && clash.error.kind).toBe('nameTaken');
		const renamed = await store.connectors.update(b.value.id, {
			name: 'DV360 Brand B',
			target: 'mock',
			config: { ...dv360Config, advertiserId: '7654321' }
		});
		expect(renamed.ok && renamed.value).toMatchObject({ name: 'DV360 Brand B', updatedAt: 1_700_000_060_000, partnerId: 'dv360' });
		expect((await store.connectors.get(b.value.id))?.config.advertiserId).toBe('7654321');
	});

	it('deactivates and reactivates, touching updatedAt', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		store.tick(1000);
		expect((await store.connectors.setStatus(created.value.id, 'deactivated')).status).toBe('deactivated');
		expect((await store.connectors.get(created.value.id))?.updatedAt).toBe(1_700_000_001_000);
		expect((await store.connectors.setStatus(created.value.id, 'active')).status).toBe('active');
		await expect(store.connectors.setStatus('missing', 'active')).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it('refuses to delete a connector an audience or a journey draft uses, and deletes an unused one', async () => {
		const store = await freshStore();
		const used = await store.connectors.create({ partnerId: 'dv360', name: 'Used', target: 'mock', config: dv360Config });
		const draftOnly = await store.connectors.create({ partnerId: 'dv360', name: 'Draft only', target: 'mock', config: dv360Config });
		const unused = await store.connectors.create({ partnerId: 'dv360', name: 'Unused', target: 'mock', config: dv360Config });
		if (!used.ok || !draftOnly.ok || !unused.ok) throw new Error('setup failed');
		await store.audiences.put(audience('a1', 'VIP', [used.value.id]));
		await store.journeys.put(journey('j1', 'Welcome', { published: null, draft: [draftOnly.value.id] }));

		expect(await store.connectors.delete(used.value.id)).toEqual({
			allowed: false,
			usages: [{ kind: 'audience', id: 'a1', name: 'VIP' }]
		});
		expect(await store.connectors.delete(draftOnly.value.id)).toMatchObject({ allowed: false });
		expect(await store.connectors.delete(unused.value.id)).toEqual({ allowed: true });
		expect((await store.connectors.list()).map((c) => c.name)).toEqual(['Draft only', 'Used']);
	});

	it('refuses to store an invalid audience', async () => {
		const store = await freshStore();
		await expect(store.audiences.put({ ...audience('a1', '', []) })).rejects.toThrow(/Give the audience a name/);
		expect(await store.audiences.list()).toEqual([]);
	});
});

describe('fault settings', () => {
	it('are healthy by default, stored per connector, validated, and deleted with the connector', async () => {
		const store = await freshStore();
		const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta', target: 'mock', config: metaConfig });
		if (!created.ok) throw new Error('setup failed');
		const id = created.value.id;
		expect(await store.faults.get(id)).toMatchObject({ credentials: 'valid', rejectionRate: 0 });
		await store.faults.set(id, { ...(await store.faults.get(id)), credentials: 'expired' });
		expect((await store.faults.get(id)).credentials).toBe('expired');
		await expect(store.faults.set(id, { ...(await store.faults.get(id)), rejectionRate: 2 })).rejects.toThrow();
		expect((await store.faults.get(id)).rejectionRate).toBe(0);
		await expect(store.faults.set('missing', await store.faults.get(id))).rejects.toThrow(/No connector with id "missing"/);
		expect(await store.connectors.delete(id)).toEqual({ allowed: true });
		expect((await store.faults.all()).size).toBe(0);
	});
});
