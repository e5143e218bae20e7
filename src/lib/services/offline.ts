import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import type { OfflineEnvironment } from '$lib/state/offline.svelte';

/**
 * This browser's offline pieces. The service worker sits at the site's base path (SvelteKit
 * writes it there), so its scope is the whole app also when hosted under a sub-path.
 */
export function browserOfflineEnvironment(): OfflineEnvironment {
	const scope = resolve('/');
	const secure = 'serviceWorker' in navigator;
	return {
		// `vite dev` serves modules one by one and has no precache list: offline is for builds.
		serviceWorker: secure && !dev ? navigator.serviceWorker : undefined,
		whyUnavailable: dev
			? 'The development server does not keep the app for offline use; a build (npm start) does.'
			: 'This browser offers offline use only to sites served over HTTPS or from localhost; here the sandbox needs its host.',
		storage: navigator.storage,
		script: `${scope}service-worker.js`,
		scope,
		online: () => navigator.onLine,
		onConnectivity: (listener) => {
			addEventListener('online', listener);
			addEventListener('offline', listener);
			return () => {
				removeEventListener('online', listener);
				removeEventListener('offline', listener);
			};
		},
		reload: () => location.reload()
	};
}
