import { describe, expect, it } from 'vitest';
import { logExchange, maskSecrets, MASK } from '$lib/engine/masking';

describe('secrets in the delivery log', () => {
	it('masks every occurrence of a secret, also URL-encoded', () => {
		const secret = 'abc+def/ghi=';
		const text = `token=${encodeURIComponent(secret)}&again=${secret}`;
		expect(maskSecrets(text, [secret])).toBe(`token=${MASK}&again=${MASK}`);
	});

	it('never shows a secret in the URL, headers, bodies or error message of a logged exchange', () => {
		const token = 'EAAGsupersecrettoken0001';
		const logged = logExchange({
			purpose: 'deliver',
			request: {
				method: 'POST',
				url: `https://graph.facebook.com/v23.0/1/users?access_token=${token}`,
				headers: { authorization: `Bearer ${token}` },
				body: `{"token":"${token}"}`,
				secrets: [token]
			},
			reply: { kind: 'response', status: 400, headers: { 'x-echo': token }, body: `bad token ${token}`, latencyMs: 12.4 }
		});
		expect(JSON.stringify(logged)).not.toContain(token);
		expect(logged).toMatchObject({ status: 400, latencyMs: 12, replyKind: 'response' });
	});

	it('samples long bodies', () => {
		const logged = logExchange({
			purpose: 'deliver',
			request: { method: 'POST', url: 'https://x.example', headers: {}, body: 'x'.repeat(10_000), secrets: [] },
			reply: { kind: 'timeout', latencyMs: 3000 }
		});
		expect(logged.requestBodySample.length).toBeLessThan(2100);
		expect(logged.requestBodySample).toMatch(/10,000 characters/);
		expect(logged.responseSample).toBe('No answer within 3000 ms.');
	});

	it('masks a secret that starts inside the sample and runs past its end, plain or URL-encoded', () => {
		const secret = 'k3y/with+signs=';
		for (const form of [secret, encodeURIComponent(secret)]) {
			for (const start of [1990, 1999, 2000 - form.length, 0]) {
				const body = 'x'.repeat(start) + form + 'y'.repeat(5000);
				const logged = logExchange({
					purpose: 'deliver',
					request: { method: 'POST', url: 'https://x.example', headers: {}, body, secrets: [secret] },
					reply: { kind: 'timeout', latencyMs: 3000 }
				});
				const sample = logged.requestBodySample.split('…')[0]!;
				expect(sample.length).toBe(2000);
				// Not even the secret's first characters survive the cut.
				expect(sample.slice(start)).not.toContain(form.slice(0, 3));
				expect(logged.requestBodySample).toContain(`(${body.length.toLocaleString('en-US')} characters)`);
			}
		}
	});
});

describe('secrets that arrive in a reply', () => {
	it('masks a session token in the login reply with the secrets of the requests that follow', async () => {
		const { logExchanges } = await import('$lib/engine/masking');
		const token = 'hbapi:191234:5a1b2c3d4e5f';
		const logged = logExchanges([
			{
				purpose: 'login',
				request: { method: 'POST', url: 'https://api.appnexus.com/auth', headers: {}, body: '{"auth":{"password":"pw-123456"}}', secrets: ['pw-123456'] },
				reply: { kind: 'response', status: 200, headers: {}, body: `{"response":{"status":"OK","token":"${token}"}}`, latencyMs: 5 }
			},
			{
				purpose: 'create job',
				request: { method: 'POST', url: 'https://api.appnexus.com/batch-segment?member_id=1', headers: { authorization: token }, body: null, secrets: [token] },
				reply: { kind: 'response', status: 200, headers: {}, body: '{}', latencyMs: 5 }
			}
		]);
		expect(JSON.stringify(logged)).not.toContain(token);
		expect(JSON.stringify(logged)).not.toContain('pw-123456');
	});
});
