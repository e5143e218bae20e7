import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '$lib/domain/time';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { HEALTHY_PARTNER } from '$lib/domain/faults';
import { EXPORT_VERSION, formatPath, readExportFile, type ExportFile } from '$lib/domain/export-file';
import { partnerRules } from '$lib/workspaces/partners';
import { emptyCounts } from '$lib/domain/statistics';
import { browserWorkspaces, DEFAULT_DB, NOW } from './support';

/** The demo workspace with a fault, statistics and an engine state, opened through the manager. */
async function demoWithHistory() {
	const browser = await browserWorkspaces();
	const store = await browser.open(DEFAULT_DB);
	await store.workspace.setUpIfNew(() => demoWorkspace({ now: NOW, timeZone: 'Europe/Amsterdam', history: 'skipped' }));
	await store.faults.set('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });
	await store.statistics.commit({
		increments: [{ connectorId: 'demo-meta', hour: NOW - 2 * HOUR_MS, counts: { ...emptyCounts(), sent: 120, partnerErrors: { '190': 3 } } }],
		log: [],
		state: { id: 'engine', clock: NOW + 5 * HOUR_MS, speed: 600, populationSize: 5000, trafficRate: 2, checkpoint: null, updatedAt: NOW },
		timeZone: 'Europe/Amsterdam'
	});
	return { ...browser, store };
}

describe('export and import', () => {
	it('exports without secrets by default; the import lands whole and flags connectors that need credentials', async () => {
		const { manager, store, open } = await demoWithHistory();
		const { fileName, text } = await manager.exportCurrent(store, false);
		expect(fileName).toBe('demo-workspace-2026-11-28.activation-sandbox.json');
		expect(text).not.toContain('EAAGdemoSystemUserToken');
		const file = JSON.parse(text) as ExportFile;
		expect(file).toMatchObject({ version: EXPORT_VERSION, includesSecrets: false, workspace: { name: 'Demo workspace', timeZone: 'Europe/Amsterdam' } });
		expect(file.engine).toEqual({ clock: NOW + 5 * HOUR_MS, speed: 600, populationSize: 5000, trafficRate: 2 });

		const read = manager.readImport(text);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		expect(read.needsCredentials.map((c) => c.name)).toContain('Meta Retargeting EU');
		expect(read.needsCredentials.find((c) => c.id === 'demo-meta')?.fields).toEqual(['accessToken']);

		const entry = await manager.importAsNew(read, await manager.suggestName(file.workspace.name));
		expect(entry).toMatchObject({ name: 'Demo workspace (2)', origin: 'imported' });
		const imported = await open(entry.databaseName);
		const original = await store.connectors.list();
		expect((await imported.connectors.list()).map((c) => c.name)).toEqual(original.map((c) => c.name));
		expect((await imported.connectors.get('demo-meta'))?.config.accessToken).toBe('');
		expect(await imported.audiences.list()).toEqual(await store.audiences.list());
		expect(await imported.journeys.list()).toEqual(await store.journeys.list());
		expect((await imported.faults.get('demo-meta')).credentials).toBe('expired');
		expect(await imported.statistics.daily(['demo-meta'], '2026-11-01', '2026-11-30')).toEqual(await store.statistics.daily(['demo-meta'], '2026-11-01', '2026-11-30'));
		expect(await imported.statistics.engineState()).toMatchObject({ clock: NOW + 5 * HOUR_MS, checkpoint: null });
		expect(await imported.workspace.get()).toMatchObject({ name: 'Demo workspace (2)', history: 'generated' });
		expect((await imported.audit.list()).map((e) => e.action)).toEqual(['imported']);
		imported.close();
	});

	it('carries secrets when asked, and then no connector needs credentials', async () => {
		const { manager, store, open } = await demoWithHistory();
		const { text } = await manager.exportCurrent(store, true);
		expect(text).toContain('EAAGdemoSystemUserToken');
		const read = manager.readImport(text);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		expect(read.needsCredentials).toEqual([]);
		const entry = await manager.importAsNew(read, 'Copy');
		const imported = await open(entry.databaseName);
		expect(await imported.connectors.get('demo-meta')).toEqual(await store.connectors.get('demo-meta'));
		imported.close();
	});

	it('changes nothing when the database refuses part of an import', async () => {
		const { manager, store, registry, databases } = await demoWithHistory();
		const file = JSON.parse((await manager.exportCurrent(store, true)).text) as ExportFile;
		// Two rows for the same connector and hour pass the reader but break the store's key.
		file.statistics.hourly.push(file.statistics.hourly[0]!);
		const read = manager.readImport(JSON.stringify(file));
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		const before = { list: await registry.list(), databases: await databases() };
		await expect(manager.importAsNew(read, 'Broken')).rejects.toThrow();
		expect(await registry.list()).toEqual(before.list);
		expect(await databases()).toEqual(before.databases);
	});

	it('refuses a file from a newer version with a clear message', () => {
		const result = readExportFile(JSON.stringify({ format: 'activation-sandbox-workspace', version: EXPORT_VERSION + 1 }), partnerRules);
		expect(result).toMatchObject({ ok: false, kind: 'newer' });
		expect(!result.ok && result.problems[0]?.message).toMatch(/newer Activation Sandbox \(format version 2\); this one reads versions up to 1/);
	});

	it('migrates a version-0 file to the current version', () => {
		const v0 = {
			version: 0,
			name: 'Preview workspace',
			timeZone: 'Europe/Amsterdam',
			seed: 7,
			exportedAt: NOW,
			connectors: [
				{ id: 'c1', partner: 'meta', name: 'Meta', active: false, config: { adAccountId: 'act_1234567', apiVersion: 'v23.0' }, createdAt: 1, updatedAt: 2 }
			]
		};
		const result = readExportFile(JSON.stringify(v0), partnerRules);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.fromVersion).toBe(0);
		expect(result.file).toMatchObject({
			version: 1,
			workspace: { name: 'Preview workspace', seed: 7 },
			connectors: [{ id: 'c1', partnerId: 'meta', status: 'deactivated', target: 'mock' }],
			statistics: { hourly: [], daily: [] },
			engine: null
		});
		expect(result.needsCredentials).toEqual([{ id: 'c1', name: 'Meta', fields: ['accessToken'] }]);
	});

	it('lists every problem of an invalid file with its path', async () => {
		const { manager, store } = await demoWithHistory();
		const file = JSON.parse((await manager.exportCurrent(store, true)).text) as Record<string, never> & ExportFile;
		(file.connectors[2]!.config as Record<string, unknown>).accessToken = 42;
		(file.connectors[0] as Record<string, unknown>).status = 'sleeping';
		file.audiences[0]!.connectors.push({ connectorId: 'nowhere', settings: {} });
		const result = manager.readImport(JSON.stringify(file));
		expect(result.ok).toBe(false);
		const problems = !result.ok ? result.problems.map((p) => p.path) : [];
		expect(problems).toContain('connectors[0].status');
		// Reference problems are checked once the shapes are right, so fix those and read again.
		(file.connectors[0] as Record<string, unknown>).status = 'active';
		const second = manager.readImport(JSON.stringify(file));
		const paths = !second.ok ? second.problems.map((p) => `${p.path}: ${p.message}`) : [];
		expect(paths).toContainEqual(expect.stringMatching(/^connectors\[2\]\.config\.accessToken: /));
		expect(paths).toContainEqual(expect.stringMatching(/^audiences\[0\]\.connectors\[\d+\]\.connectorId: No connector in the file has the id "nowhere"/));
	});

	it('writes paths the way a reader finds them in the file', () => {
		expect(formatPath(['connectors', 2, 'config', 'accessToken'])).toBe('connectors[2].config.accessToken');
		expect(formatPath(['statistics', 'hourly', 0, 'counts', 'partnerErrors', 'odd key'])).toBe('statistics.hourly[0].counts.partnerErrors["odd key"]');
		expect(formatPath([])).toBe('(the whole file)');
	});
});
