import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from './support/browser';

/** A local endpoint: /cors answers with CORS headers, /nocors without (as many real servers do). */
function startEndpoint(): Promise<{ server: Server; base: string; received: Array<{ method: string; path: string; body: string }> }> {
	const received: Array<{ method: string; path: string; body: string }> = [];
	const server = createServer((request: IncomingMessage, response) => {
		const path = request.url ?? '/';
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		request.on('end', () => {
			const cors = path.startsWith('/cors');
			if (cors) {
				response.setHeader('Access-Control-Allow-Origin', '*');
				response.setHeader('Access-Control-Allow-Headers', '*');
				response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS');
			}
			if (request.method === 'OPTIONS') {
				response.writeHead(cors ? 204 : 404).end();
				return;
			}
			received.push({ method: request.method ?? '', path, body });
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }))
	);
}

describe('a Custom HTTP connector sending to a live endpoint', () => {
	let app: App & { pageErrors: string[] };
	let endpoint: Awaited<ReturnType<typeof startEndpoint>>;

	beforeAll(async () => {
		app = await openApp();
		endpoint = await startEndpoint();
	});
	afterAll(async () => {
		await app.close();
		endpoint.server.close();
	});

	it('reaches an endpoint that allows this page, and names CORS when one does not', async () => {
		const { page } = app;
		await page.goto(app.url('/connectors/new/custom-http?step=configure'));
		await page.getByLabel('Connector name').fill('Local webhook');
		await page.getByLabel('Endpoint URL').fill(`${endpoint.base}/cors/hook`);
		await page.getByText('Loopback address: this machine only').waitFor();
		await page.getByLabel(/A live endpoint/).check();
		await page.getByText('Its secrets are stored unencrypted in this browser').waitFor();

		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByText('Connection works.').waitFor();
		expect(endpoint.received.some((r) => r.path.startsWith('/cors/hook'))).toBe(true);

		await page.getByRole('button', { name: 'Create connector' }).click();
		await page.getByRole('heading', { name: /Local webhook/ }).waitFor();
		await page.getByText('This connector sends to a live endpoint').waitFor();

		await page.getByRole('link', { name: 'Edit' }).click();
		await page.getByLabel('Endpoint URL').fill(`${endpoint.base}/nocors/hook`);
		await page.getByRole('button', { name: 'Test connection' }).click();
		const failure = page.locator('.result', { hasText: 'Other error:' });
		await failure.waitFor();
		expect(await failure.textContent()).toMatch(/CORS/);
		await app.screenshot('live-endpoint-cors');
		// Chromium reports the refused request itself on the console; anything else is a bug.
		expect(app.pageErrors.filter((e) => !/CORS|Failed to fetch|ERR_FAILED/.test(e))).toEqual([]);
	});
});
