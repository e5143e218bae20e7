import { afterEach, describe, expect, it } from 'vitest';
import { adapter, MAX_POLLS, SESSION_MS } from '$lib/partners/xandr/adapter';
import { classifyXandrError } from '$lib/partners/xandr/errors';
import type { Reply, Session, Step } from '$lib/partners/adapter';
import { errorRows } from '../../../mocks/xandr/errors';
import { createPartnerMocks } from '../../../mocks/partner-mocks';
import { delivery, exchange, mockTransport, recipients } from '../../fixtures/delivery';

// Mocks of this file's own: knobs and partner state shared with no other test file.
const mocks = createPartnerMocks();
const faultBoard = mocks.faults;
const { handlers } = mocks.partners.xandr;

const config = { memberId: '7823', username: 'acme-api-user', password: 'correct horse battery staple' };
const settings = { segmentId: '25478901', expirationMinutes: '43200' };
const NOW = Date.UTC(2026, 10, 28, 12);
const TOKEN = 'h20hbtptiv3vlp1rkm3ve1qig0';
const JOB = 'JFY8l6iMOFAFJIWCMPcy39MCt3Yleo1337618549';
const UPLOAD_URL = `https://data-api-gslb.adnxs.net/segment-upload/${JOB}`;

const response = (status: number, body: unknown, headers: Record<string, string> = {}): Extract<Reply, { kind: 'response' }> => ({
	kind: 'response',
	status,
	headers: { 'content-type': 'application/json', ...headers },
	body: typeof body === 'string' ? body : JSON.stringify(body),
	latencyMs: 100
});
const loginOk = (token = TOKEN) => response(200, { response: { status: 'OK', token } });
const jobOk = (uploadUrl = UPLOAD_URL) =>
	response(200, { response: { status: 'OK', batch_segment_upload_job: { job_id: JOB, id: 1, member_id: 7823, upload_url: uploadUrl } } });
const uploadOk = () => response(200, { response: { segment_upload: { job_id: JOB }, status: 'OK' } });
const phase = (name: string, fields: Record<string, unknown> = {}) =>
	response(200, { response: { status: 'OK', batch_segment_upload_job: { phase: name, job_id: JOB, ...fields } } });
const expiredRow = errorRows.find((r) => r.id === 'noauth-expired')!;
const rowReply = (id: string, headers: Record<string, string> = {}) => {
	const row = errorRows.find((r) => r.id === id)!;
	return response(row.status, row.body, { ...row.headers, ...headers });
};

function send<S>(step: Step<S>) {
	if (step.kind !== 'send') throw new Error(`expected a request, got ${JSON.stringify(step)}`);
	return step;
}
function finished<S>(step: Step<S>) {
	if (step.kind !== 'finish') throw new Error(`expected an outcome, got a ${step.purpose} request`);
	return step;
}

const validSession: Session = { token: TOKEN, expiresAt: NOW + 60_000 };

afterEach(() => {
	faultBoard.reset();
	mocks.partners.xandr.reset();
});

describe('Xandr adapter: requests', () => {
	it('logs in, opens a job, uploads the legacy file and polls, with the real URLs, headers and bodies', async () => {
		const batch = await recipients(2, 'partnerUserId', 1401);
		const login = send(adapter.begin(delivery('add', batch, config, settings), null));
		expect(login.purpose).toBe('login');
		expect(login.request).toEqual({
			method: 'POST',
			url: 'https://api.appnexus.com/auth',
			headers: { 'content-type': 'application/json' },
			body: '{"auth":{"username":"acme-api-user","password":"correct horse battery staple"}}',
			secrets: ['correct horse battery staple']
		});
		const create = send(adapter.advance(login.state, loginOk()));
		expect(create.purpose).toBe('create job');
		expect(create.request).toEqual({
			method: 'POST',
			url: 'https://api.appnexus.com/batch-segment?member_id=7823',
			headers: { authorization: TOKEN },
			body: null,
			secrets: [TOKEN]
		});
		const upload = send(adapter.advance(create.state, jobOk()));
		expect(upload.purpose).toBe('upload');
		expect(upload.request).toEqual({
			method: 'POST',
			url: UPLOAD_URL,
			headers: { 'content-type': 'application/octet-stream' },
			body: '8000000000,25478901:43200\n8000000001,25478901:43200\n',
			secrets: []
		});
		const poll = send(adapter.advance(upload.state, uploadOk()));
		expect(poll).toMatchObject({ purpose: 'poll', delayMs: 5000 });
		expect(poll.request).toEqual({
			method: 'GET',
			url: `https://api.appnexus.com/batch-segment?member_id=7823&job_id=${JOB}`,
			headers: { authorization: TOKEN },
			body: null,
			secrets: [TOKEN]
		});
	});

	it('writes -1 for a removal and 0 (the 180-day maximum) when no expiration is set', async () => {
		const batch = await recipients(2, 'partnerUserId', 1401);
		const fileOf = (operation: 'add' | 'remove', expirationMinutes: string) => {
			const login = send(adapter.begin(delivery(operation, batch, config, { segmentId: '25478901', expirationMinutes }), validSession));
			return send(adapter.advance(login.state, jobOk())).request.body;
		};
		expect(fileOf('remove', '43200')).toBe('8000000000,25478901:-1\n8000000001,25478901:-1\n');
		expect(fileOf('add', '')).toBe('8000000000,25478901:0\n8000000001,25478901:0\n');
		expect(fileOf('add', '0')).toBe('8000000000,25478901:0\n8000000001,25478901:0\n');
	});

	it('reads the member for Test connection, always after a fresh login', () => {
		const login = send(adapter.probe({ config, now: NOW }, validSession));
		expect(login.purpose).toBe('login');
		const member = send(adapter.advance(login.state, loginOk()));
		expect(member.request).toEqual({
			method: 'GET',
			url: 'https://api.appnexus.com/member?id=7823',
			headers: { authorization: TOKEN },
			body: null,
			secrets: [TOKEN]
		});
		const done = finished(adapter.advance(member.state, response(200, { response: { status: 'OK', member: { id: 7823, name: 'Acme' } } })));
		expect(done.outcome).toEqual({ batchError: null, rejected: [], note: 'Connected to member "Acme" (7823) as acme-api-user.' });
		// The session runs from the login's answer (the login took 100 ms).
		expect(done.session).toEqual({ token: TOKEN, expiresAt: NOW + 100 + SESSION_MS });
	});

	it('sends nothing for an empty batch, a non-numeric segment ID, or a user ID that would break the file', async () => {
		expect(adapter.begin(delivery('add', [], config, settings), null)).toMatchObject({ kind: 'finish', outcome: { batchError: null } });
		const batch = await recipients(2, 'partnerUserId', 1401);
		const bad = finished(adapter.begin(delivery('add', batch, config, { segmentId: 'vip-users' }), null));
		expect(bad.outcome.batchError).toMatchObject({ category: 'otherError', retryable: false });
		const mixed = [{ ...batch[0]!, identifier: '123\n456,789:0' }, batch[1]!];
		const login = send(adapter.begin(delivery('add', mixed, config, settings), validSession));
		const upload = send(adapter.advance(login.state, jobOk()));
		expect(upload.request.body).toBe('8000000001,25478901:43200\n');
		const poll = send(adapter.advance(upload.state, uploadOk()));
		const done = finished(adapter.advance(send(adapter.advance(poll.state, phase('processing'))).state, phase('completed', { num_valid: 1 })));
		expect(done.outcome.rejected).toEqual([{ index: 0, error: expect.objectContaining({ category: 'otherError', code: null }) }]);
	});

	it('refuses to upload to a URL that is not on a Xandr host', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const done = finished(adapter.advance(create.state, jobOk('https://collector.example.com/upload')));
		expect(done.outcome.batchError).toMatchObject({ category: 'otherError', retryable: false });
	});
});

describe('Xandr adapter: session', () => {
	it('reuses a valid session without logging in, and logs in when it has expired', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const d = delivery('add', batch, config, settings);
		expect(send(adapter.begin(d, validSession))).toMatchObject({ purpose: 'create job', request: { headers: { authorization: TOKEN } } });
		expect(send(adapter.begin(d, { token: TOKEN, expiresAt: NOW })).purpose).toBe('login');
		expect(send(adapter.begin(d, { token: TOKEN, expiresAt: NOW - 1 })).purpose).toBe('login');
	});

	it('keeps a new session for two hours from the login, and forgets an expired one when the login fails', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const login = send(adapter.begin(delivery('add', batch, config, settings), { token: 'old', expiresAt: NOW - 1 }));
		const refused = finished(adapter.advance(login.state, rowReply('noauth')));
		expect(refused.session).toBeNull();
		expect(refused.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'NOAUTH', message: 'No match found for user/pass' });
		const create = send(adapter.advance(login.state, loginOk('fresh')));
		const failed = finished(adapter.advance(create.state, rowReply('system')));
		// The login worked, so its session is kept even though the batch failed.
		expect(failed.session).toEqual({ token: 'fresh', expiresAt: NOW + 100 + SESSION_MS });
	});

	it('on NOAUTH_EXPIRED mid-flow logs in again once, retries the check and succeeds with the new session', async () => {
		const batch = await recipients(2, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const upload = send(adapter.advance(create.state, jobOk()));
		const poll = send(adapter.advance(upload.state, uploadOk()));
		const relogin = send(adapter.advance(poll.state, response(401, expiredRow.body)));
		expect(relogin.purpose).toBe('login');
		const retry = send(adapter.advance(relogin.state, loginOk('renewed0000000000000000000')));
		expect(retry).toMatchObject({ purpose: 'poll', delayMs: 0, request: { url: expect.stringContaining(`job_id=${JOB}`), headers: { authorization: 'renewed0000000000000000000' } } });
		const done = finished(adapter.advance(retry.state, phase('completed', { num_valid: 2 })));
		expect(done.outcome.batchError).toBeNull();
		expect(done.session?.token).toBe('renewed0000000000000000000');
	});

	it('counts a session refused again right after a new login as invalid credentials', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const relogin = send(adapter.advance(create.state, response(401, expiredRow.body)));
		const again = send(adapter.advance(relogin.state, loginOk('renewed')));
		const done = finished(adapter.advance(again.state, response(401, expiredRow.body)));
		expect(done.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'NOAUTH_EXPIRED', retryable: false });
		expect(done.session).toBeNull();
	});
});

describe('Xandr adapter: classifier', () => {
	const expected: Record<string, { category: string; code: string; retryable: boolean; retryAfterMs?: number | null }> = {
		noauth: { category: 'invalidCredentials', code: 'NOAUTH', retryable: false },
		'noauth-expired': { category: 'invalidCredentials', code: 'NOAUTH_EXPIRED', retryable: false },
		'noauth-disabled': { category: 'invalidCredentials', code: 'NOAUTH_DISABLED', retryable: false },
		unauth: { category: 'partnerError', code: 'UNAUTH', retryable: false },
		syntax: { category: 'partnerError', code: 'SYNTAX', retryable: false },
		integrity: { category: 'partnerError', code: 'INTEGRITY', retryable: false },
		limit: { category: 'partnerError', code: 'LIMIT', retryable: false },
		system: { category: 'partnerError', code: 'SYSTEM', retryable: true },
		'rate-limit-hourly': { category: 'partnerError', code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 15 * 60_000 },
		'rate-limit-daily': { category: 'partnerError', code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 60 * 60_000 },
		'filesize-limit': { category: 'partnerError', code: 'FILESIZE_LIMIT_EXCEEDED', retryable: false },
		'upload-url-expired': { category: 'partnerError', code: 'UPLOAD_URL_EXPIRED', retryable: true }
	};

	it('knows every error row of the mock', () => {
		expect(errorRows.map((r) => r.id).sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(errorRows.map((row) => [row.id, row] as const))('classifies the real error body %s', (id, row) => {
		const error = classifyXandrError(response(row.status, row.body, row.headers), NOW);
		const { response: body } = JSON.parse(row.body) as { response: { error?: string; errors?: string[] } };
		expect(error).toMatchObject(expected[id]!);
		expect(error.message).toBe(body.error ?? body.errors!.join(' '));
	});

	it.each(errorRows.map((row) => [row.id, row] as const))('answered to a job request, %s renews the session or ends the batch', async (id, row) => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const next = adapter.advance(create.state, response(row.status, row.body, row.headers));
		if (id === 'noauth' || id === 'noauth-expired') expect(send(next).purpose).toBe('login');
		else expect(finished(next).outcome.batchError).toMatchObject(expected[id]!);
	});

	it('honours Retry-After on a byte cap', () => {
		expect(classifyXandrError(rowReply('rate-limit-hourly', { 'retry-after': '120' }), NOW).retryAfterMs).toBe(120_000);
	});

	it('counts an empty 500, an HTML page and truncated JSON as Other error, not a partner code', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const login = send(adapter.begin(delivery('add', batch, config, settings), null));
		for (const reply of [
			response(500, ''),
			response(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' }),
			response(200, '{"response":{"status":"OK","tok')
		]) {
			expect(finished(adapter.advance(login.state, reply)).outcome.batchError).toMatchObject({ category: 'otherError', code: null, retryable: true });
		}
	});

	it('counts a timeout and a network failure in their categories', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const login = send(adapter.begin(delivery('add', batch, config, settings), null));
		expect(finished(adapter.advance(login.state, { kind: 'timeout', latencyMs: 3000 })).outcome.batchError?.category).toBe('timeout');
		const network = finished(adapter.advance(login.state, { kind: 'network', message: 'Failed to fetch', latencyMs: 5 }));
		expect(network.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/CORS/) });
	});

	it('checks again after a failed check, and gives up after three in a row', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		let step = send(adapter.advance(send(adapter.advance(create.state, jobOk())).state, uploadOk()));
		step = send(adapter.advance(step.state, { kind: 'timeout', latencyMs: 3000 }));
		step = send(adapter.advance(step.state, response(500, '')));
		expect(step.purpose).toBe('poll');
		const done = finished(adapter.advance(step.state, { kind: 'timeout', latencyMs: 3000 }));
		expect(done.outcome.batchError?.category).toBe('timeout');
	});
});

describe('Xandr adapter: job results', () => {
	async function completedWith(count: number, job: Record<string, unknown>) {
		const batch = await recipients(count, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const poll = send(adapter.advance(send(adapter.advance(create.state, jobOk())).state, uploadOk()));
		return finished(adapter.advance(poll.state, phase('completed', job))).outcome;
	}

	it('rejects the users named in the error log one by one, with the partner code; the rest are delivered', async () => {
		const result = await completedWith(4, {
			num_valid: 2,
			num_invalid_user: 1,
			num_invalid_format: 1,
			error_log_lines: ' \n\nnum_invalid_user-8000000002,25478901:43200\nnum_invalid_format-8000000000,25478901:43200'
		});
		expect(result.batchError).toBeNull();
		expect(result.rejected).toEqual([
			{ index: 0, error: expect.objectContaining({ category: 'partnerError', code: 'invalid_format', retryable: false }) },
			{ index: 2, error: expect.objectContaining({ category: 'partnerError', code: 'invalid_user', retryable: false }) }
		]);
		expect(result.note).toBe(`Xandr job ${JOB} completed: 2 of 4 added to segment 25478901, 2 rejected (1 invalid_user, 1 invalid_format).`);
	});

	it('counts rejections beyond the error log against the last unnamed lines, so totals agree with Xandr', async () => {
		const result = await completedWith(5, {
			num_valid: 2,
			num_invalid_user: 3,
			error_log_lines: ' \n\nnum_invalid_user-8000000000,25478901:43200'
		});
		expect(result.rejected.map((r) => [r.index, r.error.code])).toEqual([
			[0, 'invalid_user'],
			[3, 'invalid_user'],
			[4, 'invalid_user']
		]);
	});

	it('fails the batch when the job ends in an error, to be sent again', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		const poll = send(adapter.advance(send(adapter.advance(create.state, jobOk())).state, uploadOk()));
		const done = finished(adapter.advance(poll.state, phase('error', { error_code: 'uploading-error' })));
		expect(done.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'uploading-error', retryable: true });
	});

	it(`waits longer between checks, and gives up after ${MAX_POLLS} checks with a retryable error`, async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const create = send(adapter.begin(delivery('add', batch, config, settings), validSession));
		let step: Step<unknown> = adapter.advance(send(adapter.advance(create.state, jobOk())).state, uploadOk());
		const delays: number[] = [];
		while (step.kind === 'send') {
			delays.push(step.delayMs ?? 0);
			step = adapter.advance(step.state as never, phase('processing'));
		}
		expect(delays.slice(0, 6)).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000]);
		expect(delays).toHaveLength(MAX_POLLS);
		expect(delays.reduce((a, b) => a + b, 0)).toBe(1_635_000);
		expect(step.outcome.batchError).toMatchObject({ category: 'otherError', retryable: true, message: expect.stringMatching(/after 30 checks over about 27 minutes/) });
	});
});

describe('Xandr mock', () => {
	const transport = () => mockTransport(handlers);
	const ctx = { connectorId: 'c', timeoutMs: 3000 };
	const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, body: string | null = null) =>
		transport().send({ method, url, headers, body, secrets: [] }, ctx);
	const json = (reply: Reply) => (reply.kind === 'response' ? (JSON.parse(reply.body) as { response: Record<string, unknown> }).response : undefined);
	async function token() {
		return json(await call('POST', 'https://api.appnexus.com/auth', {}, '{"auth":{"username":"u","password":"p"}}'))!.token as string;
	}
	async function newJob(auth: string, member = 7823) {
		return json(await call('POST', `https://api.appnexus.com/batch-segment?member_id=${member}`, { authorization: auth }))!
			.batch_segment_upload_job as { job_id: string; upload_url: string };
	}

	it('takes a batch through login, job, upload and two checks, waiting 15 s on the sandbox clock', async () => {
		const batch = await recipients(3, 'partnerUserId', 1401);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome).toMatchObject({ batchError: null, rejected: [], note: expect.stringMatching(/^Xandr job \w+ completed: 3 of 3 added to segment 25478901\.$/) });
		expect(result.log.map((r) => [r.purpose, r.status])).toEqual([
			['login', 200],
			['create job', 200],
			['upload', 200],
			['poll', 200],
			['poll', 200]
		]);
		expect(result.slept).toBe(15_000);
		expect(result.session?.expiresAt).toBeGreaterThanOrEqual(NOW + SESSION_MS);

		// The next batch reuses the session: no login.
		const again = await exchange(handlers, adapter, 'begin', delivery('remove', batch, config, settings), result.session!);
		expect(again.outcome).toMatchObject({ batchError: null, note: expect.stringMatching(/3 of 3 removed from segment/) });
		expect(again.log.map((r) => r.purpose)).toEqual(['create job', 'upload', 'poll', 'poll']);
		expect(again.session).toBeUndefined();
	});

	it('renews a session it no longer knows (NOAUTH) and carries on', async () => {
		const batch = await recipients(1, 'partnerUserId', 1401);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings), validSession);
		expect(result.outcome.batchError).toBeNull();
		expect(result.log.map((r) => [r.purpose, r.status]).slice(0, 3)).toEqual([
			['create job', 401],
			['login', 200],
			['create job', 200]
		]);
	});

	it('refuses calls without a session, and a login without credentials, with Xandr\'s errors', async () => {
		const noAuth = await call('POST', 'https://api.appnexus.com/batch-segment?member_id=7823');
		expect(noAuth).toMatchObject({ kind: 'response', status: 401 });
		expect(json(noAuth)).toMatchObject({ error_id: 'NOAUTH' });
		const notJson = await call('POST', 'https://api.appnexus.com/auth', {}, 'username=u&password=p');
		expect(json(notJson)).toMatchObject({ error_id: 'SYNTAX' });
		const noPassword = await call('POST', 'https://api.appnexus.com/auth', {}, '{"auth":{"username":"u","password":""}}');
		expect(json(noPassword)).toMatchObject({ error_id: 'NOAUTH', error: 'No match found for user/pass' });
		const noMember = await call('POST', 'https://api.appnexus.com/batch-segment', { authorization: await token() });
		expect(json(noMember)).toMatchObject({ error_id: 'SYNTAX' });
	});

	it('validates the file line by line and names the bad lines in the error log', async () => {
		const auth = await token();
		const job = await newJob(auth);
		const tooManySegments = `8000000004,${Array.from({ length: 1801 }, (_, i) => `${i + 1}:0`).join(';')}`;
		const file = ['8000000001,25478901:0', 'abc,25478901:0', '8000000002,25478901:-5', '8000000003,seg:0', tooManySegments, ''].join('\n');
		const upload = await call('POST', job.upload_url, { 'content-type': 'application/octet-stream' }, file);
		expect(json(upload)).toEqual({ segment_upload: { job_id: job.job_id }, status: 'OK' });
		const status = `https://api.appnexus.com/batch-segment?member_id=7823&job_id=${job.job_id}`;
		expect(json(await call('GET', status, { authorization: auth }))!.batch_segment_upload_job).toMatchObject({ phase: 'processing' });
		const done = json(await call('GET', status, { authorization: auth }))!.batch_segment_upload_job as Record<string, unknown>;
		expect(done).toMatchObject({ phase: 'completed', num_valid: 1, num_valid_user: 1, num_invalid_format: 4, num_invalid_user: 0, percent_complete: 100 });
		expect((done.error_log_lines as string).trim().split('\n')).toEqual([
			'num_invalid_format-abc,25478901:0',
			'num_invalid_format-8000000002,25478901:-5',
			'num_invalid_format-8000000003,seg:0',
			`num_invalid_format-${tooManySegments}`
		]);
		expect(done.segment_log_lines).toBe('\n25478901:1');
	});

	it('counts every segment of every line, distinct users, CRLF line ends and blank lines', async () => {
		const auth = await token();
		const job = await newJob(auth);
		const file = ['8000000001,25478901:0;25478902:1440', '8000000002,25478901:0', '   ', '8000000001,25478902:-1', ''].join('\r\n');
		await call('POST', job.upload_url, { 'content-type': 'application/octet-stream' }, file);
		const status = `https://api.appnexus.com/batch-segment?member_id=7823&job_id=${job.job_id}`;
		await call('GET', status, { authorization: auth });
		const done = json(await call('GET', status, { authorization: auth }))!.batch_segment_upload_job as Record<string, unknown>;
		expect(done).toMatchObject({ phase: 'completed', num_valid: 4, num_valid_user: 2, num_invalid_format: 0 });
		expect(done.segment_log_lines).toBe('\n25478901:2\n25478902:2');
	});

	it('fails a job whose file was not sent as application/octet-stream', async () => {
		const auth = await token();
		const job = await newJob(auth);
		await call('POST', job.upload_url, { 'content-type': 'application/x-www-form-urlencoded' }, '8000000001,25478901:0\n');
		const status = json(await call('GET', `https://api.appnexus.com/batch-segment?member_id=7823&job_id=${job.job_id}`, { authorization: auth }));
		expect(status!.batch_segment_upload_job).toMatchObject({ phase: 'error', error_code: 'uploading-error' });
	});

	it('honours only the member\'s latest upload URL, once', async () => {
		const auth = await token();
		const first = await newJob(auth);
		const second = await newJob(auth);
		const octet = { 'content-type': 'application/octet-stream' };
		const stale = await call('POST', first.upload_url, octet, '8000000001,25478901:0\n');
		expect(stale).toMatchObject({ kind: 'response', status: 400 });
		expect(json(stale)).toMatchObject({ status: 'ERROR', error_code: 'UPLOAD_URL_EXPIRED' });
		expect(json(await call('POST', second.upload_url, octet, '8000000001,25478901:0\n'))).toMatchObject({ status: 'OK' });
		expect(json(await call('POST', second.upload_url, octet, '8000000001,25478901:0\n'))).toMatchObject({ error_code: 'UPLOAD_URL_EXPIRED' });
		// The superseded job never got its file.
		const status = json(await call('GET', `https://api.appnexus.com/batch-segment?member_id=7823&job_id=${first.job_id}`, { authorization: auth }));
		expect(status!.batch_segment_upload_job).toMatchObject({ phase: 'error', error_code: 'uploading-error' });
	});

	it('answers a check of another member\'s job with INTEGRITY', async () => {
		const auth = await token();
		const job = await newJob(auth, 7823);
		const reply = await call('GET', `https://api.appnexus.com/batch-segment?member_id=1234&job_id=${job.job_id}`, { authorization: auth });
		expect(json(reply)).toMatchObject({ error_id: 'INTEGRITY' });
	});

	it('refuses new jobs with LIMIT while more than 200 are waiting to be processed', async () => {
		const auth = await token();
		for (let i = 0; i < 201; i++) {
			const job = await newJob(auth);
			await call('POST', job.upload_url, { 'content-type': 'application/octet-stream' }, `${8_000_000_000 + i},25478901:0\n`);
		}
		const refused = await call('POST', 'https://api.appnexus.com/batch-segment?member_id=7823', { authorization: auth });
		expect(refused).toMatchObject({ kind: 'response', status: 400 });
		expect(json(refused)).toMatchObject({ error_id: 'LIMIT' });
		const batch = await recipients(1, 'partnerUserId', 1401);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'LIMIT', retryable: false });
	});

	it.each([
		[{ credentials: 'invalid' as const }, { category: 'invalidCredentials', code: 'NOAUTH', retryable: false }],
		[{ notAllowlisted: true }, { category: 'partnerError', code: 'UNAUTH', retryable: false }],
		[{ throttled: true }, { category: 'partnerError', code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 15 * 60_000 }],
		[{ outage: 'partnerError' as const }, { category: 'partnerError', code: 'SYSTEM', retryable: true }],
		[{ outage: 'empty500' as const }, { category: 'otherError', code: null, retryable: true }],
		[{ malformed: 'htmlPage' as const }, { category: 'otherError', code: null }],
		[{ malformed: 'truncatedJson' as const }, { category: 'otherError', code: null }],
		[{ slow: { medianMs: 10_000, spread: 0 } }, { category: 'timeout' }],
		[{ answerWith: 'filesize-limit' }, { category: 'partnerError', code: 'FILESIZE_LIMIT_EXCEEDED', retryable: false }],
		[{ answerWith: 'noauth-disabled' }, { category: 'invalidCredentials', code: 'NOAUTH_DISABLED' }]
	])('honours the fault knob %j', async (faults, expected) => {
		faultBoard.set('conn-1', faults);
		const batch = await recipients(2, 'partnerUserId', 1401);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toMatchObject(expected);
		// Other connectors are not affected.
		const other = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-2'));
		expect(other.outcome.batchError).toBeNull();
	});

	it('with expired credentials, expires each session once: the adapter logs in again and the batch goes through', async () => {
		faultBoard.set('conn-1', { credentials: 'expired' });
		const batch = await recipients(2, 'partnerUserId', 1401);
		const first = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(first.outcome.batchError).toBeNull();
		expect(first.log.map((r) => [r.purpose, r.status])).toEqual([
			['login', 200],
			['create job', 401],
			['login', 200],
			['create job', 200],
			['upload', 200],
			['poll', 200],
			['poll', 200]
		]);
		// The renewed session lasts: the next batch uses it without logging in.
		const second = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings), first.session!);
		expect(second.log.map((r) => r.purpose)).toEqual(['create job', 'upload', 'poll', 'poll']);
		// A session from before the knob was set is expired on its next use.
		faultBoard.reset('conn-1');
		const earlier = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-3'));
		faultBoard.set('conn-3', { credentials: 'expired' });
		const third = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings, 'conn-3'), earlier.session!);
		expect(third.outcome.batchError).toBeNull();
		expect(third.log.slice(0, 3).map((r) => [r.purpose, r.status])).toEqual([
			['create job', 401],
			['login', 200],
			['create job', 200]
		]);
		expect(third.session?.token).not.toBe(earlier.session?.token);
	});

	it('rejects a share of the users one by one at the rejection rate, as invalid_user; the rest count as delivered', async () => {
		faultBoard.set('conn-1', { rejectionRate: 0.5 });
		faultBoard.reseed(7);
		const batch = await recipients(200, 'partnerUserId', 1401);
		const result = await exchange(handlers, adapter, 'begin', delivery('add', batch, config, settings));
		expect(result.outcome.batchError).toBeNull();
		expect(result.outcome.rejected.length).toBeGreaterThan(60);
		expect(result.outcome.rejected.length).toBeLessThan(140);
		expect(result.outcome.rejected.every((r) => r.error.code === 'invalid_user' && r.error.category === 'partnerError')).toBe(true);
		const n = result.outcome.rejected.length;
		expect(result.outcome.note).toMatch(new RegExp(`completed: ${200 - n} of 200 added to segment 25478901, ${n} rejected \\(${n} invalid_user\\)\\.$`));
	});

	it('answers Test connection with the member, and with the error when the login or the access fails', async () => {
		const d = delivery('add', [], config, settings);
		const ok = await exchange(handlers, adapter, 'probe', d);
		expect(ok.outcome).toMatchObject({ batchError: null, note: 'Connected to member "Sandbox member 7823" (7823) as acme-api-user.' });
		expect(ok.log.map((r) => r.purpose)).toEqual(['login', 'test connection']);
		faultBoard.set('conn-1', { credentials: 'invalid' });
		const invalid = await exchange(handlers, adapter, 'probe', d);
		expect(invalid.outcome.batchError).toMatchObject({ category: 'invalidCredentials', code: 'NOAUTH', message: 'No match found for user/pass' });
		expect(invalid.session).toBeNull();
		faultBoard.set('conn-1', { credentials: 'valid', notAllowlisted: true });
		const denied = await exchange(handlers, adapter, 'probe', d);
		expect(denied.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'UNAUTH' });
		faultBoard.set('conn-1', { notAllowlisted: false, credentials: 'expired' });
		const expired = await exchange(handlers, adapter, 'probe', d);
		expect(expired.outcome.batchError).toBeNull();
		expect(expired.log.map((r) => r.purpose)).toEqual(['login', 'test connection', 'login', 'test connection']);
	});
});
