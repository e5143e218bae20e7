import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// mocks/handlers.ts must load outside Vite (no import.meta.glob): plain Node with tsx as the
// TypeScript loader, as a script or another tool would run it.
const script = `
const mocks = await import('./mocks/handlers.ts');
const request = new Request('https://graph.facebook.com/v23.0/act_1029384756?access_token=EAAGtoken000000000000000000001', { headers: { 'x-sandbox-connector': 'c' } });
const answer = await mocks.partnerResponse(request);
console.log(JSON.stringify({ handlers: mocks.handlers.length, partners: mocks.mockedPartnerIds, status: answer?.status }));
`;

describe('mocks/handlers.ts in plain Node', () => {
	it('loads with tsx and exports every partner\'s handlers, which answer', async () => {
		const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), timeout: 60_000 });
		const loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as { handlers: number; partners: string[]; status: number };
		expect(loaded.partners).toEqual(expect.arrayContaining(['azure', 'clang', 'cm360', 'custom-http', 'dv360', 'mailchimp', 'meta', 'xandr']));
		expect(loaded.handlers).toBeGreaterThanOrEqual(loaded.partners.length);
		expect(loaded.status).toBe(200);
	}, 60_000);
});
