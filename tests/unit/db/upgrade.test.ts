import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SandboxDatabase, SCHEMA_VERSIONS } from '$lib/db/database';
import { audience, journey } from '../../fixtures/records';

describe('schema upgrades', () => {
	it('brings a version-1 database with data to the current version without losing a record', async () => {
		const name = `upgrade-${Date.now()}`;
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_VERSIONS[0].stores);
		await v1.open();
		// Version-1 connectors had no nameKey or target, and names could differ only in case.
		await v1.table('connectors').bulkAdd([
			{ id: 'c1', partnerId: 'meta', name: 'Meta', status: 'active', config: { adAccountId: 'act_123456' }, createdAt: 1, updatedAt: 2 },
			{ id: 'c2', partnerId: 'dv360', name: 'DV360', status: 'deactivated', config: {}, createdAt: 1, updatedAt: 2 },
			{ id: 'c3', partnerId: 'dv360', name: 'dv360', status: 'active', config: {}, createdAt: 1, updatedAt: 2 }
		]);
		await v1.table('audiences').add(audience('a1', 'VIP', ['c1']));
		await v1.table('journeys').add(journey('j1', 'Welcome', { published: ['c2'], draft: ['c2'] }));
		await v1.table('hourlyStatistics').add({ connectorId: 'c1', hour: 3_600_000, counts: { sent: 5 } });
		await v1.table('deliveryLog').add({ id: 'l1', connectorId: 'c1', at: 5 });
		await v1.table('workspace').add({ id: 'workspace', name: 'Demo' });
		v1.close();

		const db = new SandboxDatabase(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		const connectors = await db.connectors.orderBy('id').toArray();
		expect(connectors.map((c) => [c.id, c.name, c.nameKey, c.target, c.status])).toEqual([
			['c1', 'Meta', 'meta', 'mock', 'active'],
			['c2', 'DV360', 'dv360', 'mock', 'deactivated'],
			['c3', 'dv360 (2)', 'dv360 (2)', 'mock', 'active']
		]);
		expect(connectors[0]?.config).toEqual({ adAccountId: 'act_123456' });
		expect(await db.audiences.get('a1')).toEqual(audience('a1', 'VIP', ['c1']));
		expect((await db.journeys.get('j1'))?.name).toBe('Welcome');
		expect(await db.hourlyStatistics.count()).toBe(1);
		expect(await db.deliveryLog.count()).toBe(1);
		expect(await db.workspace.get('workspace')).toMatchObject({ name: 'Demo' });
		// The new unique index now guards names ignoring case.
		await expect(db.connectors.add({ ...connectors[0]!, id: 'c4' })).rejects.toThrow();
		db.close();
	});
});
