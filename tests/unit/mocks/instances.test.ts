import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../mocks/faults';
import { createPartnerMocks } from '../../../mocks/partner-mocks';

const META_TOKEN = 'EAAGtoken000000000000000000001';
const adAccount = (connectorId: string) =>
	new Request(`https://graph.facebook.com/v23.0/act_1029384756?access_token=${META_TOKEN}`, { headers: { 'x-sandbox-connector': connectorId } });
const metaUsers = (connectorId: string) =>
	new Request(`https://graph.facebook.com/v23.0/123456/users?access_token=${META_TOKEN}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-sandbox-connector': connectorId },
		body: JSON.stringify({ payload: { schema: ['EMAIL'], data: [['a'.repeat(64)], ['b'.repeat(64)]] } })
	});
const xandrLogin = (connectorId: string) =>
	new Request('https://api.appnexus.com/auth', {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-sandbox-connector': connectorId },
		body: JSON.stringify({ auth: { username: 'acme-api-user', password: 'secret' } })
	});
const mailchimpBatch = (connectorId: string) =>
	new Request('https://us21.api.mailchimp.com/3.0/lists/a1b2c3d4e5', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`any:${'0'.repeat(32)}-us21`)}`, 'x-sandbox-connector': connectorId },
		body: JSON.stringify({ members: [{ email_address: 'ada@example.org', status: 'subscribed' }] })
	});

describe('createPartnerMocks', () => {
	it('gives each set of mocks knobs of its own', async () => {
		const one = createPartnerMocks();
		const two = createPartnerMocks();
		one.faults.set('c', { credentials: 'invalid' });
		expect((await one.respond(adAccount('c')))?.status).toBe(400);
		expect((await two.respond(adAccount('c')))?.status).toBe(200);
		expect(two.faults.get('c').credentials).toBe('valid');
	});

	it('gives each set of mocks partner state of its own: Xandr sessions, Mailchimp lists, the received tally', async () => {
		const one = createPartnerMocks();
		const two = createPartnerMocks();
		const login = (await (await one.respond(xandrLogin('c')))!.json()) as { response: { token: string } };
		const token = login.response.token;
		const member = (mocks: typeof one) =>
			mocks.respond(new Request('https://api.appnexus.com/member?id=7823', { headers: { authorization: token, 'x-sandbox-connector': 'c' } }));
		expect((await member(one))?.status).toBe(200);
		// The other partner never issued that session.
		expect((await member(two))?.status).toBe(401);

		expect((await one.respond(mailchimpBatch('c')))?.status).toBe(200);
		expect(one.partners.mailchimp.lists.membersOf('us21', 'a1b2c3d4e5').get('ada@example.org')).toBe('subscribed');
		expect(two.partners.mailchimp.lists.membersOf('us21', 'a1b2c3d4e5').size).toBe(0);

		await one.respond(metaUsers('c'));
		expect(one.receivedTally).toEqual({ c: { POST: 2 } });
		expect(two.receivedTally).toEqual({});
	});

	it('forgets knobs, partner state and tally on reset', async () => {
		const mocks = createPartnerMocks();
		mocks.faults.set('c', { throttled: true });
		await mocks.respond(mailchimpBatch('d'));
		await mocks.respond(metaUsers('d'));
		mocks.reset();
		expect(mocks.faults.get('c').throttled).toBe(false);
		expect(mocks.partners.mailchimp.lists.membersOf('us21', 'a1b2c3d4e5').size).toBe(0);
		expect(mocks.receivedTally).toEqual({});
	});

	it('marks a latency on every answer, drawn from its own seeded random source', async () => {
		const latencies = async (seed: number) => {
			const mocks = createPartnerMocks({ random: seededRandom(seed) });
			const answers = [await mocks.respond(adAccount('c')), await mocks.respond(metaUsers('c'))];
			return answers.map((answer) => answer?.headers.get('x-sandbox-latency-ms'));
		};
		const first = await latencies(5);
		expect(first.every((ms) => Number(ms) > 0)).toBe(true);
		expect(await latencies(5)).toEqual(first);
	});
});
