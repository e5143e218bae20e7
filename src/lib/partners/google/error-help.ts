import type { ErrorHelp } from '$lib/domain/stats-help';

/** What each of Google's API error statuses means and what to do; DV360 and CM360 share them. */
export const googleErrorHelp: readonly ErrorHelp[] = [
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
