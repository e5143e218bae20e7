import type { ErrorHelp } from '$lib/domain/stats-help';

/** What each of Meta's error codes means and what to do, for the in-app help. */
export const errorHelp: readonly ErrorHelp[] = [
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
];
