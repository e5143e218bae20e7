import { openAppWorkspace } from '$lib/services/workspace';
import type { LayoutLoad } from './$types';

// A single-page app: IndexedDB lives in the browser, so nothing renders on a server.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = () => openAppWorkspace();
