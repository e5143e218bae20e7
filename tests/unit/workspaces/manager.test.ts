import { describe, expect, it } from 'vitest';
import { LastWorkspaceError, WorkspaceNameTakenError } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { browserWorkspaces, DEFAULT_DB, NOW } from './support';

describe('workspaces', () => {
	it("keeps an existing user's database as the demo workspace, with everything in it", async () => {
		const { indexedDB, open } = await browserWorkspaces();
		// The database existed before: fill it, then open the registry afresh as a new version would.
		const before = await open(DEFAULT_DB);
		await before.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' }));
		const count = (await before.connectors.list()).length;
		before.close();
		const { WorkspaceRegistry } = await import('$lib/db/registry');
		const registry = await WorkspaceRegistry.open({ indexedDB });
		const current = await registry.current({ id: 'demo', name: 'Demo workspace', databaseName: DEFAULT_DB });
		expect(current).toMatchObject({ id: 'demo', databaseName: DEFAULT_DB, origin: 'demo' });
		const after = await open(current.databaseName);
		expect(await after.connectors.list()).toHaveLength(count);
		after.close();
	});

	it('creates blank workspaces with their own database, renames, switches and deletes them, never the last', async () => {
		const { manager, registry, open, databases } = await browserWorkspaces();
		const trainee = await manager.createBlank('Trainee Ann');
		expect(trainee).toMatchObject({ name: 'Trainee Ann', origin: 'blank', databaseName: 'activation-sandbox:w1' });
		const store = await open(trainee.databaseName);
		expect(await store.connectors.list()).toEqual([]);
		expect(await store.workspace.get()).toMatchObject({ name: 'Trainee Ann', demo: false, seed: 42, history: 'skipped' });
		store.close();

		await expect(manager.createBlank('trainee ann')).rejects.toThrow(WorkspaceNameTakenError);
		await expect(manager.rename('demo', ' TRAINEE ANN ')).rejects.toThrow(/already exists/);
		await manager.rename(trainee.id, 'Trainee Bob');
		expect((await manager.list()).map((w) => w.name)).toEqual(['Demo workspace', 'Trainee Bob']);

		await manager.switchTo(trainee.id);
		expect(await registry.currentId()).toBe(trainee.id);

		// Deleting the workspace the page has open (the demo, here) is allowed: another becomes current.
		expect(await manager.remove('demo')).toEqual({ wasCurrent: true });
		expect(await registry.currentId()).toBe(trainee.id);
		await expect(manager.remove(trainee.id)).rejects.toThrow(LastWorkspaceError);
		// The removed database is deleted once no page uses it.
		await registry.purgeRetired(trainee.databaseName);
		expect(await databases()).not.toContain(DEFAULT_DB);
		expect(await databases()).toContain(trainee.databaseName);
	});

	it('restores the demo workspace to its first state in a fresh database, history to be generated again', async () => {
		const { manager, registry, open, databases } = await browserWorkspaces();
		const first = await open(DEFAULT_DB);
		await first.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' }));
		await first.workspace.setHistory('generated');
		await first.connectors.delete('demo-mailchimp').catch(() => undefined);
		await first.connectors.setStatus('demo-meta', 'deactivated');
		first.close();
		const other = await manager.createBlank('Trainee');
		await manager.switchTo(other.id);

		const restored = await manager.restoreDemo();
		expect(restored.id).toBe('demo');
		expect(restored.databaseName).not.toBe(DEFAULT_DB);
		expect(await registry.currentId()).toBe('demo');
		const store = await open(restored.databaseName);
		const fresh = demoWorkspace({ now: NOW, timeZone: 'Europe/Amsterdam' });
		expect((await store.connectors.list()).map((c) => [c.id, c.status]).sort()).toEqual(fresh.connectors.map((c) => [c.id, c.status]).sort());
		expect(await store.workspace.get()).toMatchObject({ history: 'pending', demo: true });
		store.close();
		await registry.purgeRetired(restored.databaseName);
		expect(await databases()).not.toContain(DEFAULT_DB);
	});
});

describe('scenarios', () => {
	it('starts a scenario in a new current workspace with its faults and its card, twice under two names', async () => {
		const { manager, registry, open } = await browserWorkspaces();
		const { scenarioById } = await import('$lib/demo/scenarios');
		const scenario = scenarioById('dv360-quota-exhausted')!;
		const first = await manager.startScenario(scenario);
		expect(first).toMatchObject({ name: 'DV360 quota exhausted', origin: 'scenario' });
		expect(await registry.currentId()).toBe(first.id);
		const store = await open(first.databaseName);
		expect(await store.workspace.get()).toMatchObject({ name: 'DV360 quota exhausted', scenario: 'dv360-quota-exhausted', history: 'pending', demo: true });
		expect((await store.faults.all()).get('demo-dv360-brand-a')).toMatchObject({ throttled: true, credentials: 'valid' });
		expect((await store.connectors.list()).length).toBeGreaterThan(5);
		store.close();
		const second = await manager.startScenario(scenario);
		expect(second.name).toBe('DV360 quota exhausted (2)');
		// The demo workspace itself is untouched.
		const demo = await open(DEFAULT_DB);
		expect(await demo.workspace.get()).toBeUndefined();
		demo.close();
	});
});
