import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/**
 * Serves a snapshot of `build/` (or, with `base`, a sub-path build under that path) (the adapter-static output) the way a static host does: files
 * as they are, index.html for every other path so the SPA routes in the browser. The snapshot
 * is copied first, so a `vite build` started elsewhere during a run cannot swap the
 * files under the page. Nothing but node's http module: no `.svelte-kit/output` needed.
 */
export async function serveBuild(
	build = resolve('build'),
	options: { base?: string } = {}
): Promise<{ baseURL: string; root: string; close(): Promise<void> }> {
	// A site hosted under a sub-path: only addresses under it are the site's.
	const base = options.base ?? '';
	if (!existsSync(join(build, 'index.html'))) throw new Error('No build found: run `npm run build` first.');
	const root = mkdtempSync(join(tmpdir(), 'activation-sandbox-build-'));
	cpSync(build, root, { recursive: true });
	const server = createServer((request, response) => {
		const full = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		if (base && full !== base && !full.startsWith(`${base}/`)) {
			response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
			return;
		}
		const path = full.slice(base.length) || '/';
		const file = fileFor(root, path);
		if (file) {
			response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
			response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
			return;
		}
		if (path.startsWith('/_app/') || extname(path) !== '') {
			response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
			return;
		}
		response.writeHead(200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-store' });
		response.end(request.method === 'HEAD' ? undefined : readFileSync(join(root, 'index.html')));
	});
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', done);
	});
	const { port } = server.address() as AddressInfo;
	return {
		baseURL: `http://127.0.0.1:${port}${base}`,
		root,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
			rmSync(root, { recursive: true, force: true });
		}
	};
}

function fileFor(root: string, path: string): string | undefined {
	const candidate = normalize(join(root, path));
	if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
	for (const file of [candidate, `${candidate}.html`, join(candidate, 'index.html')]) {
		try {
			if (statSync(file).isFile()) return file;
		} catch {
			// not this one
		}
	}
	return undefined;
}
