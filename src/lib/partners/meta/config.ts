import { z } from 'zod';
import { choice, secret, text } from '../fields';

export const configSchema = z.object({
	adAccountId: text({
		label: 'Ad account ID',
		help: 'The ad account that owns the Custom Audiences, as shown in Business Manager: act_ followed by digits.',
		placeholder: 'act_1234567890',
		pattern: { regex: /^act_\d{5,20}$/, message: 'An ad account ID is act_ followed by 5 to 20 digits.' }
	}),
	accessToken: secret({
		label: 'System user access token',
		help: 'A long-lived token of a system user with ads_management on the ad account. It is sent as the access_token parameter.',
		minLength: 20
	}),
	apiVersion: choice({
		label: 'Graph API version',
		help: 'The Graph API version requests are made against.',
		options: [
			{ value: 'v23.0', label: 'v23.0' },
			{ value: 'v22.0', label: 'v22.0' },
			{ value: 'v21.0', label: 'v21.0' }
		]
	})
});

/** A connector's configuration, as its schema parsed it. */
export type MetaConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	audienceId: text({
		label: 'Custom Audience ID',
		help: 'The numeric ID of the Custom Audience in Ads Manager that profiles are added to and removed from.',
		placeholder: '23851234567890123',
		pattern: { regex: /^\d{6,25}$/, message: 'A Custom Audience ID is 6 to 25 digits.' }
	})
});
