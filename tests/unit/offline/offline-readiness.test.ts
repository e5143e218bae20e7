import { describe, expect, it, vi } from 'vitest';
import { SKIP_WAITING } from '$lib/services/offline-protocol';
import { OfflineReadiness, type OfflineEnvironment } from '$lib/state/offline.svelte';

/** A service worker as the page sees it: a state, and `statechange` when it moves on. */
class FakeWorker extends EventTarget {
	readonly messages: unknown[] = [];
	constructor(public state: ServiceWorkerState) {
		super();
	}
	postMessage(message: unknown) {
		this.messages.push(message);
	}
	moveTo(state: ServiceWorkerState) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

class FakeRegistration extends EventTarget {
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	active: FakeWorker | null = null;
	update = vi.fn(async () => undefined);
}

class FakeContainer extends EventTarget {
	controller: FakeWorker | null = null;
	constructor(readonly registration: FakeRegistration) {
		super();
	}
	register = vi.fn(async () => this.registration);
	/** What an earlier visit registered, if anything (set by a test). */
	kept: FakeRegistration | undefined = undefined;
	getRegistration = vi.fn(async () => this.kept);
	/** The browser hands the page to another worker. */
	takeOver(worker: FakeWorker) {
		this.controller = worker;
		this.dispatchEvent(new Event('controllerchange'));
	}
}

function environment(overrides: Partial<OfflineEnvironment> = {}) {
	const reload = vi.fn();
	const env: OfflineEnvironment = {
		serviceWorker: undefined,
		whyUnavailable: 'Only over HTTPS or from localhost.',
		storage: { persisted: async () => true, persist: async () => true },
		script: '/sandbox/service-worker.js',
		scope: '/sandbox/',
		online: () => true,
		onConnectivity: () => () => undefined,
		reload,
		...overrides
	};
	return { env, reload };
}

/** A page served by the version an earlier visit stored, as most page loads are. */
async function servedByAnEarlierVersion() {
	const registration = new FakeRegistration();
	const container = new FakeContainer(registration);
	registration.active = new FakeWorker('activated');
	container.controller = registration.active;
	const { env, reload } = environment({ serviceWorker: container as unknown as ServiceWorkerContainer });
	const offline = new OfflineReadiness(env);
	await offline.start();
	return { registration, container, reload, offline };
}

const settled = () => new Promise((done) => setTimeout(done, 0));

describe('OfflineReadiness', () => {
	it('says why there is no offline use and no storage answer where the browser has neither (plain HTTP)', async () => {
		const { env } = environment({ storage: undefined });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(offline.state).toEqual({ kind: 'unavailable', reason: 'Only over HTTPS or from localhost.' });
		expect(offline.persistence).toBe('unavailable');
		expect(offline.updateWaiting).toBe(false);
	});

	it('registers the worker at the base path, and is ready once the first version is active, with no update to offer', async () => {
		const registration = new FakeRegistration();
		const container = new FakeContainer(registration);
		const first = new FakeWorker('installing');
		registration.installing = first;
		const { env } = environment({ serviceWorker: container as unknown as ServiceWorkerContainer });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(container.register).toHaveBeenCalledWith('/sandbox/service-worker.js', { scope: '/sandbox/', updateViaCache: 'none' });
		expect(offline.state.kind).toBe('installing');

		registration.installing = null;
		registration.active = first;
		first.moveTo('activated');
		container.takeOver(first);
		expect(offline.state.kind).toBe('ready');
		expect(offline.updateWaiting).toBe(false);
		expect(offline.updatedElsewhere).toBe(false);
	});

	it('offers a new version once it is installed, and reloads only after handing over to it', async () => {
		const { registration, container, reload, offline } = await servedByAnEarlierVersion();
		expect(offline.state.kind).toBe('ready');

		const next = new FakeWorker('installing');
		registration.installing = next;
		registration.dispatchEvent(new Event('updatefound'));
		expect(offline.updateWaiting).toBe(false);
		registration.installing = null;
		registration.waiting = next;
		next.moveTo('installed');
		expect(offline.updateWaiting).toBe(true);
		expect(reload).not.toHaveBeenCalled();

		offline.applyUpdate();
		expect(next.messages).toEqual([{ type: SKIP_WAITING }]);
		expect(reload).not.toHaveBeenCalled();
		container.takeOver(next);
		expect(reload).toHaveBeenCalledOnce();
	});

	it('tells a tab that another tab moved to a new version, without reloading it', async () => {
		const { container, reload, offline } = await servedByAnEarlierVersion();
		container.takeOver(new FakeWorker('activated'));
		expect(offline.updatedElsewhere).toBe(true);
		expect(reload).not.toHaveBeenCalled();
		// Nothing waits any more: "Reload now" simply reloads.
		offline.applyUpdate();
		expect(reload).toHaveBeenCalledOnce();
	});

	it('says when storing the app failed', async () => {
		const registration = new FakeRegistration();
		const container = new FakeContainer(registration);
		const first = new FakeWorker('installing');
		registration.installing = first;
		const { env } = environment({ serviceWorker: container as unknown as ServiceWorkerContainer });
		const offline = new OfflineReadiness(env);
		await offline.start();
		registration.installing = null;
		first.moveTo('redundant');
		expect(offline.state).toEqual({ kind: 'failed', reason: 'the files of this version could not all be stored' });
	});

	it('keeps serving the version stored on an earlier visit when the host cannot be reached', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		const container = new FakeContainer(registration);
		container.kept = registration;
		container.controller = registration.active;
		container.register.mockRejectedValueOnce(new TypeError('Failed to register a ServiceWorker: An unknown error occurred when fetching the script.'));
		const { env } = environment({ serviceWorker: container as unknown as ServiceWorkerContainer, online: () => false });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(offline.state.kind).toBe('ready');
		expect(offline.online).toBe(false);
	});

	it('says when registering failed', async () => {
		const container = new FakeContainer(new FakeRegistration());
		container.register.mockRejectedValueOnce(new Error('The script has an unsupported MIME type'));
		const { env } = environment({ serviceWorker: container as unknown as ServiceWorkerContainer });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(offline.state).toEqual({ kind: 'failed', reason: 'The script has an unsupported MIME type' });
	});

	it('asks for persistent storage, reports the answer, and asks again when told to', async () => {
		const persist = vi.fn<() => Promise<boolean>>().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
		const { env } = environment({ storage: { persisted: async () => false, persist } });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(offline.persistence).toBe('best-effort');
		await offline.askPersistence();
		expect(offline.persistence).toBe('persistent');
		expect(persist).toHaveBeenCalledTimes(2);
	});

	it('follows the network going away and coming back', async () => {
		let online = true;
		let listener = () => undefined as void;
		const { env } = environment({ online: () => online, onConnectivity: (l) => ((listener = l), () => undefined) });
		const offline = new OfflineReadiness(env);
		await offline.start();
		expect(offline.online).toBe(true);
		online = false;
		listener();
		await settled();
		expect(offline.online).toBe(false);
	});
});
