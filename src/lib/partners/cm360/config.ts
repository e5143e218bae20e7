import { z } from 'zod';
import { secret, text } from '../fields';

const digits = (what: string) => ({
	regex: /^\d{1,20}$/,
	message: `A ${what} is digits only (up to 20).`
});

export const configSchema = z.object({
	userProfileId: text({
		label: 'User profile ID',
		help: 'The numeric ID of your Campaign Manager 360 user profile in the account (not the account ID). The API method userProfiles.list returns it for the signed-in user; one user has a separate profile per account.',
		placeholder: '5123456',
		pattern: digits('user profile ID')
	}),
	accessToken: secret({
		label: 'OAuth access token',
		help: 'An OAuth 2.0 access token with the https://www.googleapis.com/auth/ddmconversions scope for the user of the profile above. It is sent as a bearer token; Google access tokens expire after about an hour, and an expired one shows as invalid credentials.',
		minLength: 20
	})
});

/** A connector's configuration, as its schema parsed it. */
export type Cm360Config = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	floodlightConfigurationId: text({
		label: 'Floodlight configuration ID',
		help: 'The ID of the Floodlight configuration that owns the activity. In Campaign Manager 360 open the advertiser, then Floodlight > Configuration; it is usually the ID of the advertiser that owns the Floodlight configuration.',
		placeholder: '8765432',
		pattern: digits('Floodlight configuration ID')
	}),
	floodlightActivityId: text({
		label: 'Floodlight activity ID',
		help: 'The ID of the Floodlight activity the conversions are recorded against, in the ID column of Floodlight > Activities for the advertiser.',
		placeholder: '12345678',
		pattern: digits('Floodlight activity ID')
	})
});
