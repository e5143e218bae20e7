import { error } from '@sveltejs/kit';
import { NewerVersionError, openWorkspaceStore, StorageUnavailableError, type WorkspaceStore } from '$lib/db';
import { WorkspaceRegistry, type WorkspaceEntry } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { createEngineClient, type EngineClient } from '$lib/engine/client';
import { ConnectorDirectory } from '$lib/state/connectors.svelte';
import { AlertMonitor } from '$lib/state/alerts.svelte';
import { EngineController } from '$lib/state/engine.svelte';
import { StorageAlerts } from '$lib/state/storage.svelte';
import { blankWorkspace, WorkspaceManager } from '$lib/workspaces/manager';
import { randomId } from '$lib/platform/random-id';

/**
 * The database name of the workspace this browser opened before there were several; it stays
 * the demo workspace's database, so an existing user loses nothing.
 */
export const DEFAULT_WORKSPACE_DB = 'activation-sandbox-demo';

/** The open workspace: its store, and the live directory of its connectors that pages read. */
export interface AppWorkspace {
	store: WorkspaceStore;
	directory: ConnectorDirectory;
	/** The engine in its Web Worker (started on first use). */
	engine: EngineClient;
	/** The engine as every page sees it: run here or in another tab (Web Locks). */
	controller: EngineController;
	/** This browser's workspaces, and which one is open. */
	workspaces: WorkspaceManager;
	/** Error-rate alerts of the open workspace's connectors, watched while the app is open. */
	alerts: AlertMonitor;
	/** Storage problems every page shows: changed in another tab, storage full, interrupted creations. */
	storage: StorageAlerts;
}

/** Why the app has no workspace: storage refused, or data from a newer build that this one must not touch. */
export type StorageErrorKind = 'unavailable' | 'newerVersion';

/** Days of history a new demo workspace generates in the background on its first visit. */
export const HISTORY_DAYS = 90;

export type OpenedWorkspace =
	| (AppWorkspace & { storageError: null; storageErrorKind: null })
	| { store: null; directory: null; engine: null; controller: null; workspaces: null; alerts: null; storage: null; storageError: string; storageErrorKind: StorageErrorKind };

let opening: Promise<OpenedWorkspace> | undefined;

/**
 * Opens this browser's workspace once per page load, setting up the demo workspace the
 * first time, so a sales demo can start at once.
 */
export function openAppWorkspace(options: { skipHistory: boolean }): Promise<OpenedWorkspace> {
	opening ??= open(options);
	return opening;
}

async function open({ skipHistory }: { skipHistory: boolean }): Promise<OpenedWorkspace> {
	try {
		const registry = await WorkspaceRegistry.open();
		const storage = new StorageAlerts();
		storage.listen(globalThis as unknown as Window);
		registry.onInterrupted((error) => storage.report(error));
		const current = await registry.current({ id: 'demo', name: 'Demo workspace', databaseName: DEFAULT_WORKSPACE_DB });
		// Databases of deleted or restored workspaces go once no page of this tab uses them.
		void registry.purgeRetired(current.databaseName).catch(() => undefined);
		const store = await openWorkspaceStore({ name: current.databaseName });
		store.onInterrupted((error) => storage.report(error));
		const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
		await store.workspace.setUpIfNew(() => firstContents(current, timeZone, skipHistory));
		const workspace = (await store.workspace.get())!;
		const engine = createEngineClient();
		// The engine's worker, its Web Lock and its broadcast channel are all named after the
		// open workspace's database, so each workspace has its own engine.
		const controller = new EngineController(
			engine,
			{ databaseName: current.databaseName, timeZone: workspace.timeZone, seed: workspace.seed },
			{
				locks: globalThis.navigator?.locks,
				channel: (name) => new BroadcastChannel(name),
				// Used only where Web Locks are missing (plain HTTP): the tabs elect over a channel.
				election: {
					tabId: randomId(),
					timers: { setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms), clearTimeout: (handle) => globalThis.clearTimeout(handle as number) },
					onPageHide: (listener) => globalThis.addEventListener?.('pagehide', listener)
				}
			}
		);
		// The tab that runs the engine generates a new workspace's history in the background,
		// while the app is already usable.
		controller.connect(async () => {
			const current = await store.workspace.get();
			if (current?.history !== 'pending') return;
			await controller.generateHistory(HISTORY_DAYS);
			if (controller.lastHistory?.completed) await store.workspace.setHistory('generated');
		});
		// A handle for automation (benchmarks, training scripts) in the browser's console.
		Object.assign(globalThis, { activationSandbox: { engine, controller, workspace: current.name } });
		const workspaces = new WorkspaceManager({
			registry,
			current,
			now: () => Date.now(),
			newId: () => randomId(),
			newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0]! & 0x7fffffff,
			timeZone,
			skipHistory,
			locks: globalThis.navigator?.locks
		});
		// Imports and other creations cut short by a reload leave a record: their partial
		// databases are removed here and the user is told.
		void workspaces.removeInterrupted().then(
			(removed) => storage.interrupted(removed.map((r) => r.name)),
			() => undefined
		);
		// One live query for the whole app, kept for the page's lifetime: every page reads it.
		const directory = new ConnectorDirectory(store);
		// Alerts are judged on the sandbox clock, over the connectors that still exist.
		const alerts = new AlertMonitor(store, () => controller.progress?.clock ?? Date.now(), (id) => directory.row(id)?.connector.name);
		alerts.start();
		Object.assign((globalThis as { activationSandbox?: object }).activationSandbox ?? {}, { alerts, store });
		return { store, directory, engine, controller, workspaces, alerts, storage, storageError: null, storageErrorKind: null };
	} catch (caught) {
		const failed = { store: null, directory: null, engine: null, controller: null, workspaces: null, alerts: null, storage: null } as const;
		if (caught instanceof StorageUnavailableError) return { ...failed, storageError: caught.message, storageErrorKind: 'unavailable' };
		// Data from a newer build is left exactly as it is: no page of this build opens it.
		if (caught instanceof NewerVersionError) return { ...failed, storageError: caught.message, storageErrorKind: 'newerVersion' };
		throw caught;
	}
}

/** The open workspace for a page's load; a 503 when the browser refused storage (the layout explains). */
export function requireWorkspace(opened: OpenedWorkspace): AppWorkspace {
	if (opened.store === null) error(503, opened.storageError);
	return {
		store: opened.store,
		directory: opened.directory,
		engine: opened.engine,
		controller: opened.controller,
		workspaces: opened.workspaces,
		alerts: opened.alerts,
		storage: opened.storage
	};
}

/** What a workspace holds the first time it is opened: the demo for the demo workspace, else nothing. */
function firstContents(entry: WorkspaceEntry, timeZone: string, skipHistory: boolean) {
	if (entry.origin === 'demo') return demoWorkspace({ now: Date.now(), timeZone, history: skipHistory ? 'skipped' : 'pending' });
	return blankWorkspace({ name: entry.name, now: Date.now(), timeZone, seed: 1 });
}
