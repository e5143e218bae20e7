import { createMD5, type IHasher } from 'hash-wasm';
import { HttpResponse } from 'msw';
import { jsonAnswer, rejectedIndexes, type Knobs } from '../respond';
import type { PartnerMock, PartnerMockKit } from '../route';
import {
	API_KEY_INVALID,
	API_KEY_MISSING,
	errorRows,
	faultRows,
	invalidResource,
	JSON_PARSE_ERROR,
	PROBLEM_JSON,
	problemBody,
	RESOURCE_NOT_FOUND,
	type Problem
} from './errors';
import { MailchimpLists } from './lists';

/**
 * The Mailchimp Marketing API from Mailchimp's side: batch subscribe or unsubscribe
 * (POST /3.0/lists/{list_id}) and ping (GET /3.0/ping), on https://{dc}.api.mailchimp.com.
 * Basic authentication with any user name and the API key, whose suffix must name the host's
 * datacenter. Members are checked one by one: a member Mailchimp will not take is listed in
 * the 200's `errors`, the rest are created or updated.
 */
const HOST = /^https:\/\/(us\d{1,3})\.api\.mailchimp\.com(\/.*)?$/;
const BATCH = /^https:\/\/(us\d{1,3})\.api\.mailchimp\.com\/3\.0\/lists\/([^/?#]+)\/?$/;
const PING = /^https:\/\/(us\d{1,3})\.api\.mailchimp\.com\/3\.0\/ping\/?$/;
const API_KEY = /^[0-9a-f]{32}-(us\d{1,3})$/;
// *thin*: list IDs are 10 alphanumerics; the mock knows any such ID and no other.
const LIST_ID = /^[A-Za-z0-9]{10}$/;
const MAX_MEMBERS = 500;
const STATUSES = new Set(['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional']);
// A plain syntax check: Mailchimp's own also refuses addresses it thinks fake (role accounts,
// example domains); the mock does not, so the sandbox's synthetic population gets through.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Refusals Mailchimp words for real members, spread over by the rejection knob.
const SUBSCRIBE_REFUSALS = [
	(email: string) => `${email} has signed up to a lot of lists very recently; we're not allowing more signups for now`,
	(email: string) => `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`,
	(email: string) => `${email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`
];
const fake = (email: string) => `${email} looks fake or invalid, please enter a real email address.`;

/** A problem answer; its instance id counts up per set of mocks, so runs replay the same way. */
type ProblemAnswer = (p: Problem) => Response;

function problemAnswers(): ProblemAnswer {
	let instances = 0;
	return (p) => {
		instances = (instances + 1) % 0xffff_ffff;
		const instance = `00000000-0000-4000-8000-${instances.toString(16).padStart(12, '0')}`;
		return new HttpResponse(problemBody(p, instance), { status: p.status, headers: { 'content-type': PROBLEM_JSON } });
	};
}

/** What Mailchimp answers when the key is missing, malformed or of another datacenter, else null. */
function authProblem(request: Request, datacenter: string, problem: ProblemAnswer): Response | null {
	const value = request.headers.get('authorization');
	if (!value?.trim()) return problem(API_KEY_MISSING);
	const encoded = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(value.trim())?.[1];
	let decoded: string;
	try {
		decoded = encoded ? atob(encoded) : '';
	} catch {
		decoded = '';
	}
	const colon = decoded.indexOf(':');
	const key = colon >= 0 ? decoded.slice(colon + 1) : '';
	const keyDatacenter = API_KEY.exec(key)?.[1];
	// Any user name; a well-formed key of this host's datacenter.
	if (!keyDatacenter || keyDatacenter !== datacenter) return problem(API_KEY_INVALID);
	return null;
}

let md5: IHasher | undefined;
/** Mailchimp's member id: the MD5 of the lower-cased address (the "subscriber hash"). */
async function subscriberHash(email: string): Promise<string> {
	md5 ??= await createMD5();
	md5.init();
	md5.update(email.toLowerCase());
	return md5.digest('hex');
}

/** The URL without its query and fragment, as the routes are matched. */
const pathOf = (url: string) => url.split(/[?#]/)[0] ?? url;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Member {
	email_address: string;
	status: string;
}

/** The schema problems of a batch body, as Mailchimp's "Invalid Resource" lists them. */
function schemaErrors(body: Record<string, unknown>): Array<{ field: string; message: string }> {
	const { members } = body;
	if (members === undefined) return [{ field: 'members', message: 'Required fields were not provided: members' }];
	if (!Array.isArray(members)) return [{ field: 'members', message: `Schema describes array, ${typeName(members)} found instead` }];
	if (members.length > MAX_MEMBERS) {
		return [{ field: 'members', message: `Schema describes array with at most ${MAX_MEMBERS} items, ${members.length} items found instead.` }];
	}
	if (body.update_existing !== undefined && typeof body.update_existing !== 'boolean') {
		return [{ field: 'update_existing', message: `Schema describes boolean, ${typeName(body.update_existing)} found instead` }];
	}
	const errors: Array<{ field: string; message: string }> = [];
	members.forEach((member: unknown, i) => {
		if (!isObject(member)) errors.push({ field: `members.${i}`, message: `Schema describes object, ${typeName(member)} found instead` });
		else if (typeof member.email_address !== 'string') {
			errors.push({ field: `members.${i}.email_address`, message: `Schema describes string, ${typeName(member.email_address)} found instead` });
		} else if (typeof member.status !== 'string' || !STATUSES.has(member.status)) {
			errors.push({
				field: `members.${i}.status`,
				message: 'Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional.'
			});
		}
	});
	return errors.slice(0, 10);
}

function typeName(value: unknown): string {
	if (value === null || value === undefined) return 'NULL';
	if (Array.isArray(value)) return 'array';
	return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'object';
}

interface Batch {
	datacenter: string;
	listId: string;
	faults: Knobs;
	lists: MailchimpLists;
	problem: ProblemAnswer;
}

async function batchSubscribe(request: Request, { datacenter, listId, faults, lists, problem }: Batch): Promise<Response> {
	const authError = authProblem(request, datacenter, problem);
	if (authError) return authError;
	if (!LIST_ID.test(listId)) return problem(RESOURCE_NOT_FOUND);
	let body: unknown;
	try {
		body = JSON.parse(await request.text()) as unknown;
	} catch {
		return problem(JSON_PARSE_ERROR);
	}
	if (!isObject(body)) return problem(invalidResource([{ field: '', message: `Schema describes object, ${typeName(body)} found instead` }]));
	const errors = schemaErrors(body);
	if (errors.length) return problem(invalidResource(errors));

	const members = body.members as Member[];
	const updateExisting = body.update_existing === true;
	const list = lists.membersOf(datacenter, listId);
	const refused = new Set(rejectedIndexes(members.length, faults));
	const created: unknown[] = [];
	const updated: unknown[] = [];
	const memberErrors: Array<{ email_address: string; error: string; error_code: string; field: string; field_message: string }> = [];
	for (const [i, member] of members.entries()) {
		const email = member.email_address.trim();
		const key = email.toLowerCase();
		const refuse = (error: string, code = 'ERROR_GENERIC') =>
			memberErrors.push({ email_address: email, error, error_code: code, field: code === 'ERROR_GENERIC' ? 'email_address' : '', field_message: '' });
		if (!EMAIL.test(email)) {
			refuse(fake(email));
			continue;
		}
		if (refused.has(i)) {
			refuse(member.status === 'subscribed' ? SUBSCRIBE_REFUSALS[i % SUBSCRIBE_REFUSALS.length]!(email) : fake(email));
			continue;
		}
		const exists = list.has(key);
		if (exists && !updateExisting) {
			refuse(`${email} is already a list member. Use PUT to insert or update list members.`, 'ERROR_CONTACT_EXISTS');
			continue;
		}
		list.set(key, member.status);
		const id = await subscriberHash(email);
		const record = {
			id,
			email_address: key,
			unique_email_id: id.slice(0, 10),
			email_type: 'html',
			status: member.status,
			merge_fields: {},
			list_id: listId
		};
		(exists ? updated : created).push(record);
	}
	return jsonAnswer(
		{
			new_members: created,
			updated_members: updated,
			errors: memberErrors,
			total_created: created.length,
			total_updated: updated.length,
			error_count: memberErrors.length,
			_links: []
		},
		faults,
		{ headers: { 'content-type': 'application/json; charset=utf-8' } }
	);
}

/** Mailchimp's mock, with lists of its own. */
export function createMock(kit: PartnerMockKit): PartnerMock & { lists: MailchimpLists; reset(): void } {
	const route = kit.routes(errorRows, faultRows);
	const lists = new MailchimpLists();
	const problem = problemAnswers();
	return {
		handlers: [
			route('post', BATCH, async ({ request, faults }) => {
				const [, datacenter = '', listId = ''] = BATCH.exec(pathOf(request.url)) ?? [];
				return batchSubscribe(request, { datacenter, listId: decodeURIComponent(listId), faults, lists, problem });
			}),

			// Test connection: Mailchimp's health check, which checks the key and nothing else.
			route('get', PING, ({ request, faults }) => {
				const datacenter = PING.exec(pathOf(request.url))?.[1] ?? '';
				const authError = authProblem(request, datacenter, problem);
				if (authError) return authError;
				return jsonAnswer({ health_status: "Everything's Chimpy!" }, faults, { headers: { 'content-type': 'application/json; charset=utf-8' } });
			}),

			// Anything else on a Mailchimp API host: the key is checked first, then the resource is unknown.
			route(
				'all',
				HOST,
				({ request }) => {
					const datacenter = HOST.exec(pathOf(request.url))?.[1] ?? '';
					return authProblem(request, datacenter, problem) ?? problem(RESOURCE_NOT_FOUND);
				},
				{ forced: false }
			)
		],
		lists,
		reset: () => lists.clear()
	};
}
