import { openAppWorkspace } from '$lib/services/workspace';
import type { LayoutLoad } from './$types';

// A single-page app: IndexedDB lives in the browser, so nothing renders on a server.
export const ssr = false;
export const prerender = false;

// `?history=none` on the first visit starts the demo workspace without generating its history
// (end-to-end tests use it so they need not wait).
export const load: LayoutLoad = ({ url }) => openAppWorkspace({ skipHistory: url.searchParams.get('history') === 'none' });
