import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Where the app is hosted: the site root by default, a sub-path such as `/sandbox` when built with
// `BASE_PATH=/sandbox npm run build`. SvelteKit needs it at build time (the SPA fallback page
// links its scripts by absolute path, since it answers for every route).
const base = (process.env.BASE_PATH ?? '').replace(/\/+$/, '');
// The output folder, so a sub-path build can sit beside the root one (the end-to-end tests use both).
const pages = process.env.BUILD_DIR ?? 'build';

const staticSite = adapter({ pages, fallback: 'index.html', strict: false });

/**
 * Writes `precache.json` into the built site: every file it holds (scripts, both workers and
 * their lazy chunks, styles, the fallback page, static files), which the service worker caches
 * on install. Listing the output itself, rather than `$service-worker`'s `build`, also catches
 * the workers' own chunks, which SvelteKit's client manifest does not know about.
 */
function writePrecacheList(dir, version) {
	const skip = new Set(['precache.json', 'service-worker.js']);
	const files = readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.filter((file) => !skip.has(file))
		.sort();
	writeFileSync(join(dir, 'precache.json'), JSON.stringify({ version, files }));
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: every route renders in the browser, IndexedDB is the only store. Once
		// the static site is written, the list of every file it holds is written beside it, for
		// the service worker to keep for offline use (src/service-worker.ts).
		adapter: {
			name: staticSite.name,
			async adapt(builder) {
				await staticSite.adapt(builder);
				writePrecacheList(pages, builder.config.kit.version.name);
			}
		},
		paths: { base },
		// Registered by the app itself (src/lib/services/offline.ts), so a new version waits for
		// the presenter's word instead of taking over mid-demo.
		serviceWorker: { register: false },
		// Only what the app needs. Scripts from the site itself (SvelteKit adds the hash of its
		// inline start-up script); WebAssembly for hash-wasm's SHA-256; inline styles because
		// Svelte sets style attributes and ECharts' SVG carries them; images from Blob and data
		// URLs for saving a chart as PNG. Partner requests leave from the engine's worker, which
		// has a policy of its own, so live endpoints are not listed here.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
