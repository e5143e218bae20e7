/** What the page and the service worker (src/service-worker.ts) say to each other. */

/** Sent by the page to a waiting service worker: take over now (the user chose to reload). */
export const SKIP_WAITING = 'skip-waiting';

/** `precache.json`, written by the build beside the site: every file the site holds. */
export interface PrecacheList {
	/** The build's version (SvelteKit's `version.name`). */
	version: string;
	/** Paths relative to the site's base, without a leading slash. */
	files: string[];
}
