import { proxy, releaseProxy, wrap, type Endpoint, type ProxyMethods, type Remote } from 'comlink';
import type { EngineApi } from './protocol';

/**
 * The page's handle on the engine: every command of `EngineApi` as Comlink's `Remote<EngineApi>`,
 * typed from the protocol and not declared again here; the client owns the proxy's plumbing.
 */
export type EngineClient = Omit<Remote<EngineApi>, keyof ProxyMethods> & {
	/** Releases the proxy and terminates the engine's worker; the next command starts a fresh one. */
	dispose(): void;
};

/**
 * Every command of the protocol, and how the client forwards it: as it is, or with a behaviour
 * of its own. Typed against `EngineApi`, so a command added there and missing here (or named
 * here and gone there) is a compile error; its signature comes from the protocol alone.
 */
const COMMANDS = {
	testConnection: 'restartOnFailure',
	open: 'forward',
	start: 'forward',
	pause: 'forward',
	step: 'forward',
	setSpeed: 'forward',
	setPopulation: 'forward',
	setFaults: 'forward',
	reset: 'forward',
	generateHistory: 'forward',
	cancelHistory: 'forward',
	subscribe: 'listener',
	benchmark: 'forward',
	estimateAudience: 'forward'
} as const satisfies Record<keyof EngineApi, 'forward' | 'listener' | 'restartOnFailure'>;

/**
 * Creates the engine's client: the only place that creates the engine's Worker (on the first
 * command). Tests pass an endpoint instead (one end of a MessageChannel with the engine API
 * exposed on the other).
 */
export function createEngineClient(endpoint?: Endpoint): EngineClient {
	let worker: Worker | undefined;
	let remote: Remote<EngineApi> | undefined;
	const api = (): Remote<EngineApi> => {
		if (!remote) {
			if (endpoint) {
				remote = wrap<EngineApi>(endpoint);
			} else {
				worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'activation-engine' });
				remote = wrap<EngineApi>(worker);
			}
		}
		return remote;
	};
	const dispose = () => {
		remote?.[releaseProxy]();
		worker?.terminate();
		remote = undefined;
		worker = undefined;
	};
	const call = (name: keyof EngineApi, args: unknown[]) => (api()[name] as (...args: unknown[]) => Promise<unknown>)(...args);
	const behaviours = {
		forward: (name: keyof EngineApi) => (...args: unknown[]) => call(name, args),
		// Progress listeners cross as Comlink proxies: the worker calls back into this page.
		listener: (name: keyof EngineApi) => (listener: unknown) => call(name, [proxy(listener as object)]),
		// A worker whose module failed to load stays broken: start a fresh one next time.
		restartOnFailure: (name: keyof EngineApi) => async (...args: unknown[]) => {
			try {
				return await call(name, args);
			} catch (error) {
				if (!endpoint) dispose();
				throw error;
			}
		}
	};
	const commands = Object.entries(COMMANDS).map(([name, behaviour]) => [name, behaviours[behaviour](name as keyof EngineApi)]);
	return { ...(Object.fromEntries(commands) as Omit<EngineClient, 'dispose'>), dispose };
}
