/**
 * What each error in the statistics means and what to do about it, per category here and, for
 * the partners that report their own codes, per code in each partner's definition
 * (`errorHelp`). Shown by the in-app help; chart legends and delivery log entries link to it by
 * `helpAnchor`.
 */

export interface ErrorHelp {
	/** The partner's code, or the category's name. */
	code: string;
	/** The legend's short message. */
	title: string;
	meaning: string;
	action: string;
	/** Whether the engine sends again by itself. */
	retried: boolean;
}

/** The anchor of a code's or category's help entry ("code-UNAUTH", "category-timeout"). */
export function helpAnchor(kind: 'code' | 'category', name: string): string {
	return `${kind}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export const CATEGORY_HELP: Record<'otherError' | 'invalidCredentials' | 'timeout' | 'partnerError' | 'skipped' | 'cancelled', ErrorHelp> = {
	invalidCredentials: {
		code: 'Invalid credentials',
		title: 'the partner refused the token, key or password',
		meaning: 'The partner answered that the credentials are missing, expired, revoked or malformed. Every message to this connector fails until they are fixed.',
		action: 'Renew the token (or password) in the partner’s console, paste it into the connector (Edit), and run Test connection.',
		retried: false
	},
	timeout: {
		code: 'Timeout',
		title: 'no answer in time',
		meaning: 'The partner did not answer within the request timeout, or said its own deadline passed. Nothing says whether it processed the batch.',
		action: 'Usually passing: the engine retries with backoff. If it lasts, check the partner’s status page and the connector’s timeout.',
		retried: true
	},
	otherError: {
		code: 'Other error',
		title: 'an answer that is not the partner’s error format',
		meaning: 'An HTTP error without the partner’s error body (a proxy’s HTML page, an empty 500), a network failure, or a profile the partner could not take for a reason it did not code.',
		action: 'Open the delivery log for the request and response. 5xx answers are retried; a lasting one is an outage on the partner’s side.',
		retried: true
	},
	partnerError: {
		code: 'Partner error',
		title: 'the partner refused the request or some profiles',
		meaning: 'The partner answered with its own error. Its message is in the delivery log.',
		action: 'Read the message in the delivery log and the partner’s error documentation.',
		retried: false
	},
	skipped: {
		code: 'Skipped',
		title: 'no identifier the partner can use',
		meaning: 'The profile has no value for the identifier this connector sends (for example no e-mail address or no cookie-synced ID), so it was never sent.',
		action: 'Nothing to fix in the connector: collect the identifier on more profiles (or a cookie sync) to reach more of the audience.',
		retried: false
	},
	cancelled: {
		code: 'Cancelled',
		title: 'dropped before sending',
		meaning: 'The connector was deactivated, or the audience or journey stopped using it, while the message waited to be sent.',
		action: 'Reactivate the connector if this was not intended; new messages are sent from then on.',
		retried: false
	}
};

/** The help of one of a partner's codes; Meta's "190/463" is found under "190". */
export function helpForCode(help: readonly ErrorHelp[], code: string): ErrorHelp | null {
	return help.find((h) => h.code === code) ?? help.find((h) => h.code === code.split('/')[0]) ?? null;
}
