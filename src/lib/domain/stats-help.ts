/**
 * What each error in the statistics means and what to do about it, per category and, for the
 * partners that report their own codes, per code. Shown by the in-app help; chart legends and
 * delivery log entries link to it by `helpAnchor`.
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

const google: ErrorHelp[] = [
	{ code: 'UNAUTHENTICATED', title: 'the access token expired or is not valid', meaning: 'Google did not accept the OAuth access token (counted as Invalid credentials).', action: 'Renew the token: reconnect the Google account or refresh the service account key, then run Test connection.', retried: false },
	{ code: 'PERMISSION_DENIED', title: 'no permission (not allowlisted)', meaning: 'The account behind the token may not use this advertiser, Floodlight configuration or API, or the platform is not allowlisted.', action: 'Check the allowlisting and the user’s role on the advertiser in the Google console.', retried: false },
	{ code: 'INVALID_ARGUMENT', title: 'a value in the request is not valid', meaning: 'Google refused a field: an audience or activity ID, consent set to denied, a malformed identifier.', action: 'Fix the External ID (audience or Floodlight activity) in the audience or journey that uses the connector.', retried: false },
	{ code: 'NOT_FOUND', title: 'the audience or activity does not exist', meaning: 'The ID the connector sends to is not known to Google for this advertiser.', action: 'Fix the External ID: copy it again from the Google console.', retried: false },
	{ code: 'RESOURCE_EXHAUSTED', title: 'quota exceeded', meaning: 'The project used its requests per minute or per day.', action: 'Wait for the quota: the engine retries with backoff. If it happens daily, ask Google for a higher quota.', retried: true },
	{ code: 'ABORTED', title: 'a concurrent change aborted the request', meaning: 'Another change to the same list happened at the same time.', action: 'Nothing: the engine sends again.', retried: true },
	{ code: 'INTERNAL', title: 'Google had an internal error', meaning: 'An error on Google’s side.', action: 'Nothing: the engine retries. A lasting one is on Google’s status dashboard.', retried: true },
	{ code: 'UNAVAILABLE', title: 'the service is unavailable', meaning: 'Google’s API was briefly down or overloaded.', action: 'Wait: the engine retries with backoff.', retried: true },
	{ code: 'FAILED_PRECONDITION', title: 'the list or account is not in a state to accept this', meaning: 'For example a list that is closed or an account that is not set up for the API.', action: 'Check the list’s and advertiser’s settings in the Google console.', retried: false }
];

const PARTNER_HELP: Record<string, ErrorHelp[]> = {
	meta: [
		{ code: '190', title: 'access token expired or invalidated', meaning: 'The system user’s token expired, was revoked or cannot be parsed (counted as Invalid credentials).', action: 'Renew the token in Business Manager (system user → generate token) and paste it into the connector.', retried: false },
		{ code: '200', title: 'no permission to update the audience (not allowlisted)', meaning: 'The app or system user may not change this custom audience, or the ad account has not accepted the custom audience terms.', action: 'Check the allowlisting: give the system user access to the ad account and accept the terms.', retried: false },
		{ code: '10', title: 'the application does not have permission', meaning: 'The app lacks the ads_management permission or its review.', action: 'Grant ads_management to the app in Meta for Developers.', retried: false },
		{ code: '100', title: 'invalid parameter', meaning: 'A field of the request is wrong, most often the audience ID.', action: 'Fix the External ID (the custom audience ID) where the connector is used.', retried: false },
		{ code: '2650', title: 'failed to update the custom audience', meaning: 'The audience could not be changed: deleted, of another type, or shared from another account.', action: 'Check the audience in Ads Manager and fix the External ID.', retried: false },
		{ code: '17', title: 'user request limit reached', meaning: 'Too many calls for this user.', action: 'Wait for the quota: the engine retries later.', retried: true },
		{ code: '4', title: 'application request limit reached', meaning: 'Too many calls for this app.', action: 'Wait for the quota: the engine retries later.', retried: true },
		{ code: '32', title: 'page-level rate limit reached', meaning: 'Too many calls for this page or account.', action: 'Wait for the quota: the engine retries later.', retried: true },
		{ code: '613', title: 'calls exceeded the rate limit', meaning: 'Too many calls in a short time.', action: 'Wait for the quota: the engine retries later.', retried: true },
		{ code: '80003', title: 'too many calls to this ad account', meaning: 'The custom audience rate limit of the ad account was reached.', action: 'Wait for the quota: the engine retries later; bigger batches need fewer calls.', retried: true },
		{ code: '80004', title: 'too many calls to this ad account', meaning: 'The ads management rate limit of the ad account was reached.', action: 'Wait for the quota: the engine retries later.', retried: true },
		{ code: '1', title: 'an unknown error occurred', meaning: 'A transient error on Meta’s side.', action: 'Nothing: the engine retries.', retried: true },
		{ code: '2', title: 'service temporarily unavailable', meaning: 'Meta’s API was briefly down.', action: 'Nothing: the engine retries.', retried: true },
		{ code: 'invalid_entry', title: 'Meta could not use a profile’s entry', meaning: 'Meta counted the entry as invalid (a hash in the wrong format, for example).', action: 'Check how the identifier is normalised and hashed; the delivery log shows the body sample.', retried: false }
	],
	xandr: [
		{ code: 'NOAUTH', title: 'user name or password not recognised', meaning: 'Xandr refused the API user’s credentials (counted as Invalid credentials).', action: 'Check the API user name and password in the connector.', retried: false },
		{ code: 'NOAUTH_EXPIRED', title: 'the session or password expired', meaning: 'The session token expired (the engine logs in again) or the password must be changed.', action: 'Renew the password in Xandr and update the connector.', retried: false },
		{ code: 'NOAUTH_DISABLED', title: 'the API user was deactivated', meaning: 'The user exists but may no longer log in.', action: 'Ask your Xandr admin to reactivate the user or create a new one.', retried: false },
		{ code: 'UNAUTH', title: 'no permission for the member or the Batch Segment Service (not allowlisted)', meaning: 'The user may not use the Batch Segment Service for this member.', action: 'Check the allowlisting: ask Xandr support to enable the Batch Segment Service for the member.', retried: false },
		{ code: 'SYNTAX', title: 'the request is malformed', meaning: 'A required field, such as the member ID, is missing or wrong.', action: 'Check the member ID in the connector.', retried: false },
		{ code: 'INTEGRITY', title: 'the request is inconsistent', meaning: 'For example a job that belongs to another member.', action: 'Check the member ID in the connector.', retried: false },
		{ code: 'LIMIT', title: 'more than 200 jobs waiting to be processed', meaning: 'Xandr refuses new jobs until some complete.', action: 'Wait: the engine retries; send fewer, larger files.', retried: false },
		{ code: 'SYSTEM', title: 'an internal error', meaning: 'An error on Xandr’s side.', action: 'Nothing: the engine retries.', retried: true },
		{ code: 'RATE_LIMIT_EXCEEDED', title: 'bytes per hour or per day cap reached', meaning: 'The member uploaded more bytes than its cap allows.', action: 'Wait for the quota: the engine retries after 15 minutes (hourly cap) or an hour (daily cap).', retried: true },
		{ code: 'FILESIZE_LIMIT_EXCEEDED', title: 'the file is over 0.5 GB', meaning: 'One upload file is too large.', action: 'Lower the batch size.', retried: false },
		{ code: 'UPLOAD_URL_EXPIRED', title: 'the upload URL was superseded or not used within 5 minutes', meaning: 'Only the newest upload URL of a member is valid, once, for 5 minutes.', action: 'Nothing: the engine requests a new job.', retried: true },
		{ code: 'invalid_user', title: 'Xandr does not know this user ID', meaning: 'The ID was not seen recently, or the cookie sync is stale.', action: 'Check the cookie sync with Xandr; a few per day are normal.', retried: false },
		{ code: 'invalid_format', title: 'the line is not in the member’s file format', meaning: 'The member is not set up for the legacy format USER_ID,SEG_ID:EXPIRATION.', action: 'Ask Xandr support to configure the legacy file format.', retried: false },
		{ code: 'invalid_segment', title: 'the segment does not exist', meaning: 'The segment ID the connector sends to is unknown.', action: 'Fix the External ID (the segment ID) where the connector is used.', retried: false },
		{ code: 'unauth_segment', title: 'the member may not use this segment', meaning: 'The segment belongs to another member or access was not granted.', action: 'Fix the External ID, or ask for access to the segment.', retried: false },
		{ code: 'inactive_segment', title: 'the segment is inactive', meaning: 'The segment exists but is switched off.', action: 'Activate the segment in Xandr.', retried: false },
		{ code: 'past_expiration', title: 'the expiration had already passed', meaning: 'The line’s expiration lies in the past.', action: 'Check the expiration minutes in the audience’s settings.', retried: false },
		{ code: 'invalid_timestamp', title: 'the timestamp is not valid', meaning: 'A line carries a timestamp Xandr cannot read.', action: 'Report it: the sandbox writes the timestamps.', retried: false },
		{ code: 'other_error', title: 'Xandr could not process the line', meaning: 'Xandr did not say why.', action: 'Look at the job’s error log in the delivery log.', retried: false }
	],
	dv360: google,
	cm360: google,
	azure: [
		{ code: 'AuthenticationFailed', title: 'the SAS token expired or its signature does not match', meaning: 'Azure refused the SAS token (counted as Invalid credentials).', action: 'Renew the token: generate a new SAS token with create and write permission, and update the connector.', retried: false },
		{ code: 'NoAuthenticationInformation', title: 'the request carries no SAS token', meaning: 'The connector has no token (counted as Invalid credentials).', action: 'Paste the SAS token into the connector.', retried: false },
		{ code: 'InvalidAuthenticationInfo', title: 'the credentials are not in the correct format', meaning: 'The SAS token is malformed (counted as Invalid credentials).', action: 'Copy the SAS token again, without the leading "?".', retried: false },
		{ code: 'AuthorizationFailure', title: 'the account does not allow this platform (not allowlisted)', meaning: 'The storage account’s network rules refuse the platform’s addresses.', action: 'Check the allowlisting: add the platform’s IP ranges to the storage account’s firewall.', retried: false },
		{ code: 'AuthorizationPermissionMismatch', title: 'the SAS token lacks create or write permission', meaning: 'The token is valid but may not write blobs.', action: 'Generate a SAS token with create (c) and write (w) permission.', retried: false },
		{ code: 'InsufficientAccountPermissions', title: 'the account lacks permission for the operation', meaning: 'The storage account may not do this operation.', action: 'Check the storage account’s settings in the Azure portal.', retried: false },
		{ code: 'AccountIsDisabled', title: 'the storage account is disabled', meaning: 'The account was disabled in Azure.', action: 'Ask the account’s owner to enable it.', retried: false },
		{ code: 'ContainerNotFound', title: 'the container does not exist', meaning: 'The container named in the connector is not in the account.', action: 'Create the container, or fix its name in the connector.', retried: false },
		{ code: 'RequestBodyTooLarge', title: 'the file is over the Put Blob size limit', meaning: 'One file is too large for a single upload.', action: 'Lower the batch size.', retried: false },
		{ code: 'InternalError', title: 'Azure had an internal error', meaning: 'An error on Azure’s side.', action: 'Nothing: the engine retries.', retried: true },
		{ code: 'ServerBusy', title: 'the account is over its ingress or operations limit', meaning: 'Azure throttles the account.', action: 'Wait for the quota: the engine retries with backoff.', retried: true },
		{ code: 'OperationTimedOut', title: 'the operation timed out on Azure’s side', meaning: 'Azure could not finish in time.', action: 'Nothing: the engine retries.', retried: true }
	],
	clang: [
		{ code: '100', title: 'invalid uuid (the API token is not known)', meaning: 'Clang does not know the token (counted as Invalid credentials).', action: 'Renew the token: create an API uuid in Clang and update the connector.', retried: false },
		{ code: '101', title: 'uuid revoked or expired', meaning: 'The token was valid but no longer is (counted as Invalid credentials).', action: 'Renew the token in Clang and update the connector.', retried: false },
		{ code: '102', title: 'no API access from this platform (not allowlisted)', meaning: 'The uuid may not use the API from the platform’s addresses.', action: 'Check the allowlisting of the platform’s IP ranges in Clang.', retried: false },
		{ code: '105', title: 'size must be between 1 and 50', meaning: 'Too many customers in one call.', action: 'Lower the batch size to 50 or fewer.', retried: false },
		{ code: '106', title: 'too many requests for this uuid', meaning: 'Clang throttles the token.', action: 'Wait for the quota: the engine retries a minute later.', retried: true },
		{ code: '213', title: 'group not found', meaning: 'The group ID the connector sends to does not exist.', action: 'Fix the External ID (the group ID) in the journey or audience.', retried: false },
		{ code: 'Client', title: 'bad request (malformed envelope)', meaning: 'Clang could not read the SOAP request.', action: 'Report it: the sandbox builds the envelope.', retried: false },
		{ code: 'Server', title: 'internal server error', meaning: 'Clang is down or failed.', action: 'Nothing: the engine retries.', retried: true }
	]
};

/** The coded errors a partner reports, with what each means and what to do (empty for others). */
export function partnerErrorHelp(partnerId: string): readonly ErrorHelp[] {
	return PARTNER_HELP[partnerId] ?? [];
}

/** The help of one partner code; Meta's "190/463" is found under "190". */
export function codeHelp(partnerId: string, code: string): ErrorHelp | null {
	const list = PARTNER_HELP[partnerId] ?? [];
	return list.find((h) => h.code === code) ?? list.find((h) => h.code === code.split('/')[0]) ?? null;
}
