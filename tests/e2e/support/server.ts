import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

let server: ChildProcess | undefined;

/** Serves the built app with `vite preview` on a free port for the whole e2e run. */
export default async function setup(project: TestProject) {
	if (!existsSync('build/index.html')) throw new Error('No build found: run `npm run build` before the end-to-end tests.');
	const port = await freePort();
	server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const baseURL = `http://127.0.0.1:${port}`;
	await waitForServer(baseURL, server);
	project.provide('baseURL', baseURL);
	return () => {
		server?.kill('SIGTERM');
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	for (let i = 0; i < 150; i++) {
		if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${output}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`vite preview did not answer at ${url} within 15 s:\n${output}`);
}
