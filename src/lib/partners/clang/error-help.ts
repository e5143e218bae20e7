import type { ErrorHelp } from '$lib/domain/stats-help';

/** What each of Clang's error codes means and what to do, for the in-app help. */
export const errorHelp: readonly ErrorHelp[] = [
	{ code: '100', title: 'invalid uuid (the API token is not known)', meaning: 'Clang does not know the token (counted as Invalid credentials).', action: 'Renew the token: create an API uuid in Clang and update the connector.', retried: false },
	{ code: '101', title: 'uuid revoked or expired', meaning: 'The token was valid but no longer is (counted as Invalid credentials).', action: 'Renew the token in Clang and update the connector.', retried: false },
	{ code: '102', title: 'no API access from this platform (not allowlisted)', meaning: 'The uuid may not use the API from the platform’s addresses.', action: 'Check the allowlisting of the platform’s IP ranges in Clang.', retried: false },
	{ code: '105', title: 'size must be between 1 and 50', meaning: 'Too many customers in one call.', action: 'Lower the batch size to 50 or fewer.', retried: false },
	{ code: '106', title: 'too many requests for this uuid', meaning: 'Clang throttles the token.', action: 'Wait for the quota: the engine retries a minute later.', retried: true },
	{ code: '213', title: 'group not found', meaning: 'The group ID the connector sends to does not exist.', action: 'Fix the External ID (the group ID) in the journey or audience.', retried: false },
	{ code: 'Client', title: 'bad request (malformed envelope)', meaning: 'Clang could not read the SOAP request.', action: 'Report it: the sandbox builds the envelope.', retried: false },
	{ code: 'Server', title: 'internal server error', meaning: 'Clang is down or failed.', action: 'Nothing: the engine retries.', retried: true }
];
