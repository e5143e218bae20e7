import { z } from 'zod';
import { choice, secret, text } from '../fields';

export const configSchema = z.object({
	advertiserId: text({
		label: 'Advertiser ID',
		help: 'The numeric ID of the Display & Video 360 advertiser that owns the audiences. It is shown under the advertiser name in Display & Video 360 and in the address bar after /a/ when the advertiser is open. Add one configuration per advertiser.',
		placeholder: '4304512',
		pattern: { regex: /^\d{1,20}$/, message: 'An advertiser ID is digits only (up to 20).' }
	}),
	accessToken: secret({
		label: 'OAuth access token',
		help: 'An OAuth 2.0 access token with the https://www.googleapis.com/auth/display-video scope, for a user or service account that has the Admin or Standard role on the advertiser. It is sent as a bearer token; Google access tokens expire after about an hour, and an expired one shows as invalid credentials.',
		minLength: 20
	}),
	apiVersion: choice({
		label: 'API version',
		help: 'v4 uses firstPartyAndPartnerAudiences; v3 uses the older firstAndThirdPartyAudiences resource. Prefer v4 unless your project is still on v3.',
		options: [
			{ value: 'v4', label: 'v4 (firstPartyAndPartnerAudiences)' },
			{ value: 'v3', label: 'v3 (firstAndThirdPartyAudiences)' }
		]
	})
});

/** A connector's configuration, as its schema parsed it. */
export type Dv360Config = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	firstPartyAndPartnerAudienceId: text({
		label: 'Customer Match audience ID',
		help: "The numeric ID of the Customer Match (contact information) audience, shown in the ID column of the advertiser's audience list in Display & Video 360. It must belong to the advertiser of this configuration.",
		placeholder: '7163819372',
		pattern: { regex: /^\d{1,20}$/, message: 'An audience ID is digits only (up to 20).' }
	})
});
