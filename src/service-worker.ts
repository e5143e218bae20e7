/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Keeps the whole app in the browser so a demo or a training session runs without a network:
 * on install it caches every file of this build (the list the build wrote to precache.json),
 * then answers the app's own requests from that cache only, and every address of the app with
 * the fallback page. A new build installs beside the running one and waits until the page asks
 * it to take over (the presenter's "Reload" in the update prompt), so nothing changes mid-demo.
 * Requests that are not the app's own files (partner APIs, live endpoints) are left alone.
 */
import { base, version } from '$service-worker';
import { SKIP_WAITING, type PrecacheList } from '$lib/services/offline-protocol';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'activation-sandbox-';
const CACHE = `${CACHE_PREFIX}${version}`;
const FALLBACK = `${base}/index.html`;

worker.addEventListener('install', (event) => {
	event.waitUntil(precache());
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			// The first install serves the page that registered it at once, so a visit is
			// enough to work offline; later versions only take over when asked (below).
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === SKIP_WAITING) void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== location.origin || !(url.pathname === base || url.pathname.startsWith(`${base}/`))) return;
	event.respondWith(answer(request, url));
});

async function precache(): Promise<void> {
	// `reload` skips the HTTP cache: a stale list or file from an earlier build must not be kept.
	const response = await fetch(`${base}/precache.json`, { cache: 'reload' });
	if (!response.ok) throw new Error(`precache.json: HTTP ${response.status}`);
	const list = (await response.json()) as PrecacheList;
	const cache = await caches.open(CACHE);
	await cache.addAll(list.files.map((file) => new Request(`${base}/${file}`, { cache: 'reload' })));
}

async function answer(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	const stored = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
	if (stored) return stored;
	// Every route of the single-page app is the fallback page; its scripts come from this
	// build's cache, so the page and its chunks are always of one version.
	if (request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname)) {
		const page = await cache.match(FALLBACK);
		if (page) return page;
	}
	return fetch(request);
}
