import { describe, expect, it } from 'vitest';
import { partnerResponse } from '../../../mocks/handlers';
import { isSha256Hex } from '../../../mocks/respond';

const token = 'EAAGtoken000000000000000000001';
const metaUsers = () =>
	new Request(`https://graph.facebook.com/v23.0/123456/users?access_token=${token}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-sandbox-connector': 'c' },
		body: JSON.stringify({ payload: { schema: ['EMAIL'], data: [['a'.repeat(64)]] } })
	});

describe('partnerResponse', () => {
	it('answers each request from the partner that serves its host, again and again', async () => {
		for (let i = 0; i < 3; i++) {
			const meta = await partnerResponse(metaUsers());
			expect(meta?.status).toBe(200);
			expect(await meta?.json()).toMatchObject({ num_received: 1, num_invalid_entries: 0 });
			// Another host in between must not be sent to the partner remembered for the first.
			const dv360 = await partnerResponse(new Request('https://displayvideo.googleapis.com/v4/advertisers/4304512', { headers: { 'x-sandbox-connector': 'c' } }));
			expect(dv360?.status).toBe(401);
		}
	});

	it('consumes the request it is given (msw keeps no copy), and leaves undefined for hosts no mock serves', async () => {
		const request = metaUsers();
		await partnerResponse(request);
		expect(request.bodyUsed).toBe(true);
		expect(await partnerResponse(new Request('https://unknown.example.org/x'))).toBeUndefined();
	});
});

describe('isSha256Hex', () => {
	it('takes exactly 64 lower-case hex characters', () => {
		const digest = '9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e';
		expect(isSha256Hex(digest)).toBe(true);
		for (const bad of [digest.toUpperCase(), digest.slice(1), `${digest}0`, `${digest.slice(0, 63)}g`, `${digest.slice(0, 63)}é`, '', 42, null]) {
			expect(isSha256Hex(bad)).toBe(false);
		}
	});
});
