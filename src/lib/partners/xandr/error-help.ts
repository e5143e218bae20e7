import type { ErrorHelp } from '$lib/domain/stats-help';

/** What each of Xandr's error codes means and what to do, for the in-app help. */
export const errorHelp: readonly ErrorHelp[] = [
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
];
