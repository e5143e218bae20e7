import type { ErrorRow, FaultRows } from '../respond';
import { badRequest, googleError, googleFaultRows, googleRows, type GoogleService } from '../google/errors';

/** Display & Video 360 as its errors name it. */
export const service: GoogleService = {
	name: 'displayvideo.googleapis.com',
	legacyErrors: false,
	notFound: 'the audience does not exist or is not owned by the advertiser',
	quotaMetric: 'Write requests',
	quotaLimit: 'Write requests per minute per advertiser'
};

/**
 * *thin*: Google documents that DENIED consent is an error but not its wording; this is designed
 * in Google's voice, with the BadRequest detail Google uses to name the field.
 */
export const CONSENT_DENIED_MESSAGE =
	'Consent status CONSENT_STATUS_DENIED is not allowed: only members who granted consent for ad user data and ad personalization can be added to a Customer Match audience.';

export const errorRows: ErrorRow[] = [
	...googleRows(service),
	{
		id: 'consent-denied',
		label: '400 INVALID_ARGUMENT: consent set to DENIED',
		...googleError(service, 400, 'INVALID_ARGUMENT', CONSENT_DENIED_MESSAGE, {
			details: [badRequest([{ field: 'addedContactInfoList.consent.adUserData', description: CONSENT_DENIED_MESSAGE }])]
		})
	}
];

export const faultRows: FaultRows = googleFaultRows;
