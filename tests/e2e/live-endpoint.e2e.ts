import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test as base } from './support/fixtures';

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

type Endpoint = Awaited<ReturnType<typeof startEndpoint>>;

/** A local endpoint of the test's own, closed after it. */
const test = base.extend<{ endpoint: Endpoint }>({
	// Playwright's fixtures name what they depend on in the first argument: this one depends on nothing.
	// eslint-disable-next-line no-empty-pattern
	endpoint: async ({}, use) => {
		const endpoint = await startEndpoint();
		await use(endpoint);
		endpoint.server.closeAllConnections();
		await new Promise((done) => endpoint.server.close(done));
	}
});

test.describe('a Custom HTTP connector sending to a live endpoint', () => {
	// Chromium reports the refused request itself on the console; anything else is a bug.
	test.use({ allowedPageErrors: [/CORS|Failed to fetch|ERR_FAILED/] });

	test('reaches an endpoint that allows this page, and names CORS when one does not', async ({ app, endpoint }) => {
		const { page } = app;
		await page.goto(app.url('/connectors/new/custom-http?step=configure'));
		await page.getByLabel('Connector name').fill('Local webhook');
		await page.getByLabel('Endpoint URL').fill(`${endpoint.base}/cors/hook`);
		await expect(page.getByText('Loopback address: this machine only')).toBeVisible();
		await page.getByLabel(/A live endpoint/).check();
		await expect(page.getByText('Its secrets are stored unencrypted in this browser')).toBeVisible();

		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText('Connection works.')).toBeVisible();
		expect(endpoint.received.some((r) => r.path.startsWith('/cors/hook'))).toBe(true);

		await page.getByRole('button', { name: 'Create connector' }).click();
		await expect(page.getByRole('heading', { name: /Local webhook/ })).toBeVisible();
		await expect(page.getByText('This connector sends to a live endpoint')).toBeVisible();

		await page.getByRole('link', { name: 'Edit' }).click();
		await page.getByLabel('Endpoint URL').fill(`${endpoint.base}/nocors/hook`);
		await page.getByRole('button', { name: 'Test connection' }).click();
		const failure = page.locator('.result', { hasText: 'Other error:' });
		await expect(failure).toHaveText(/CORS/);
		await app.screenshot('live-endpoint-cors');
	});
});
