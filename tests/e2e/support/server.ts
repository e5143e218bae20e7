import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

const BUILD = resolve('build');

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.map': 'application/json; charset=utf-8'
};

let server: Server | undefined;

/**
 * Serves `build/` (the adapter-static output) for the whole e2e run, the way a static host
 * does: files as they are, and the fallback index.html for every other path so the SPA
 * routes in the browser. Only `build/` is read, so a half-finished `vite build` that wiped
 * `.svelte-kit/output` (which `vite preview` needs) does not stop the run.
 */
export default async function setup(project: TestProject) {
	if (!existsSync(join(BUILD, 'index.html'))) throw new Error('No build found: run `npm run build` before the end-to-end tests.');
	server = createServer((request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		const file = fileFor(path);
		if (file) {
			response.writeHead(200, {
				'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
				'Cache-Control': 'no-store'
			});
			response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
			return;
		}
		if (path.startsWith('/_app/') || extname(path) !== '') {
			response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
			return;
		}
		// A route: the SPA shell, which renders the page (or its 404) in the browser.
		response.writeHead(200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-store' });
		response.end(request.method === 'HEAD' ? undefined : readFileSync(join(BUILD, 'index.html')));
	});
	await new Promise<void>((done, fail) => {
		server!.once('error', fail);
		server!.listen(0, '127.0.0.1', done);
	});
	const { port } = server.address() as AddressInfo;
	project.provide('baseURL', `http://127.0.0.1:${port}`);
	return () => new Promise<void>((done) => (server ? server.close(() => done()) : done()));
}

/** The built file a path names, if any (never outside build/). */
function fileFor(path: string): string | undefined {
	const candidate = normalize(join(BUILD, path));
	if (candidate !== BUILD && !candidate.startsWith(BUILD + sep)) return undefined;
	for (const file of [candidate, `${candidate}.html`, join(candidate, 'index.html')]) {
		try {
			if (statSync(file).isFile()) return file;
		} catch {
			// not this one
		}
	}
	return undefined;
}
