import { messageOf } from '$lib/domain/message';
import { createContext } from 'svelte';
import { SKIP_WAITING } from '$lib/services/offline-protocol';

/** What the browser offers for offline use; absent pieces mean the browser (or plain HTTP) lacks them. */
export interface OfflineEnvironment {
	/** `navigator.serviceWorker`: only in secure contexts (HTTPS, localhost). */
	serviceWorker: ServiceWorkerContainer | undefined;
	/** Why there is no service worker, when there is none. */
	whyUnavailable: string;
	/** `navigator.storage`: only in secure contexts. */
	storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined;
	/** The service worker's script and scope, under the site's base path. */
	script: string;
	scope: string;
	/** Whether the browser believes it is online now, and a way to hear when that changes. */
	online: () => boolean;
	onConnectivity: (listener: () => void) => () => void;
	/** Loads the page again (the new version then runs it). */
	reload: () => void;
}

/** How ready this browser is to run the sandbox without a network. */
export type OfflineState =
	| { kind: 'checking' }
	| { kind: 'unavailable'; reason: string }
	| { kind: 'installing' }
	| { kind: 'ready' }
	| { kind: 'failed'; reason: string };

/** Whether the browser may clear this site's data under storage pressure. */
export type StoragePersistence = 'persistent' | 'best-effort' | 'unavailable' | 'checking';

/** How often an open tab asks the host whether a new build was published. */
const UPDATE_CHECK_MS = 15 * 60_000;

/**
 * The app's offline life: registers the service worker that keeps the whole build in the
 * browser, says when a new version is waiting (it only takes over when the user reloads into
 * it, never mid-demo), and asks the browser to keep this site's storage.
 */
export class OfflineReadiness {
	#state = $state<OfflineState>({ kind: 'checking' });
	#updateWaiting = $state(false);
	#updatedElsewhere = $state(false);
	#persistence = $state<StoragePersistence>('checking');
	#online = $state(true);
	#registration: ServiceWorkerRegistration | null = null;
	#reloading = false;
	#stops: (() => void)[] = [];

	constructor(private readonly environment: OfflineEnvironment) {}

	get state(): OfflineState {
		return this.#state;
	}

	/** A new version is installed and waits for the user to reload into it. */
	get updateWaiting(): boolean {
		return this.#updateWaiting;
	}

	/** Another tab reloaded into a new version: this tab runs the old one until reloaded. */
	get updatedElsewhere(): boolean {
		return this.#updatedElsewhere;
	}

	get persistence(): StoragePersistence {
		return this.#persistence;
	}

	get online(): boolean {
		return this.#online;
	}

	/** Registers the service worker, watches for new versions and asks for persistent storage. */
	async start(): Promise<void> {
		const env = this.environment;
		this.#online = env.online();
		this.#stops.push(env.onConnectivity(() => (this.#online = env.online())));
		await Promise.all([this.#register(), this.#persist(false)]);
	}

	stop(): void {
		for (const stop of this.#stops.splice(0)) stop();
	}

	/** Hands over to the waiting version; the page reloads once it has taken over. */
	applyUpdate(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) {
			// Taken over already (by another tab): a reload is all that is left.
			this.environment.reload();
			return;
		}
		this.#reloading = true;
		waiting.postMessage({ type: SKIP_WAITING });
	}

	/** Asks the browser again to keep this site's data (after the user chose to). */
	askPersistence(): Promise<void> {
		return this.#persist(true);
	}

	async #persist(ask: boolean): Promise<void> {
		const storage = this.environment.storage;
		if (!storage) {
			this.#persistence = 'unavailable';
			return;
		}
		try {
			let persistent = await storage.persisted();
			// Chromium answers from the site's engagement without a prompt; Firefox asks the user.
			if (!persistent || ask) persistent = await storage.persist();
			this.#persistence = persistent ? 'persistent' : 'best-effort';
		} catch {
			this.#persistence = 'best-effort';
		}
	}

	async #register(): Promise<void> {
		const container = this.environment.serviceWorker;
		if (!container) {
			this.#state = { kind: 'unavailable', reason: this.environment.whyUnavailable };
			return;
		}
		let hadController = container.controller !== null;
		const onControllerChange = () => {
			if (this.#reloading) this.environment.reload();
			// The first version taking over this page is no news; a later one, from another tab, is.
			else if (hadController) this.#updatedElsewhere = true;
			hadController = true;
		};
		container.addEventListener('controllerchange', onControllerChange);
		this.#stops.push(() => container.removeEventListener('controllerchange', onControllerChange));
		// The version kept from an earlier visit answers at once, also without a network; the
		// registration below then only asks the host whether there is a newer one.
		const kept = await container.getRegistration(this.environment.scope).catch(() => undefined);
		if (kept) this.#adopt(kept, container);
		try {
			// `updateViaCache: 'none'`: the browser always asks the host for the worker's script, so
			// a new build is noticed even behind a caching static host.
			const registration = await container.register(this.environment.script, { scope: this.environment.scope, updateViaCache: 'none' });
			if (registration !== this.#registration) this.#adopt(registration, container);
		} catch (error) {
			// Offline, or the host is gone: the version kept in the browser goes on serving.
			if (!kept?.active) this.#state = { kind: 'failed', reason: messageOf(error) };
		}
	}

	#adopt(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer): void {
		const first = this.#registration === null;
		this.#registration = registration;
		this.#follow(registration, container);
		if (!first) return;
		const timer = setInterval(() => void this.#checkForUpdate(), UPDATE_CHECK_MS);
		this.#stops.push(() => clearInterval(timer));
	}

	#follow(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer): void {
		const settle = () => {
			if (registration.active) this.#state = { kind: 'ready' };
			else if (registration.installing || registration.waiting) this.#state = { kind: 'installing' };
			this.#updateWaiting = registration.waiting !== null && container.controller !== null;
		};
		const watch = (worker: ServiceWorker | null) => {
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'redundant' && !registration.active) this.#state = { kind: 'failed', reason: 'the files of this version could not all be stored' };
				else settle();
			});
		};
		watch(registration.installing);
		registration.addEventListener('updatefound', () => {
			watch(registration.installing);
			settle();
		});
		settle();
	}

	async #checkForUpdate(): Promise<void> {
		if (!this.#registration || !this.environment.online()) return;
		try {
			await this.#registration.update();
		} catch {
			// The host is out of reach: the version in hand keeps running.
		}
	}
}

/** The app's one OfflineReadiness, set by the root layout for the pages that show it. */
export const [getOfflineReadiness, setOfflineReadiness] = createContext<OfflineReadiness>();
