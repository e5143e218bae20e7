import { z } from 'zod';
import { optionalText, secret, text } from '../fields';

/** Xandr keeps a user in a segment for at most 180 days; 0 in the file means that maximum. */
export const MAX_EXPIRATION_MINUTES = 180 * 24 * 60;

export const configSchema = z.object({
	memberId: text({
		label: 'Member ID',
		help: 'The numeric ID of your Xandr member (seat) that owns the segments. It is sent as member_id on every Batch Segment Service call; your Xandr account team can confirm it.',
		placeholder: '7823',
		pattern: { regex: /^\d{1,10}$/, message: 'A member ID is digits only (up to 10).' }
	}),
	username: text({
		label: 'API user name',
		help: 'The user name of an Xandr user with API access on the member. It is used to log in to https://api.appnexus.com/auth; the session token that returns lasts about two hours and is renewed automatically.',
		placeholder: 'acme-api-user',
		max: 100
	}),
	password: secret({
		label: 'API password',
		help: 'The password of that API user. A failed login shows as invalid credentials; an expired session is renewed without counting as an error.'
	})
});

/** A connector's configuration, as its schema parsed it. */
export type XandrConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	segmentId: text({
		label: 'Segment ID',
		help: 'The numeric ID of the Xandr segment that profiles are added to and removed from, shown in the ID column of the segment list in Microsoft Invest. It must belong to the member of this configuration.',
		placeholder: '25478901',
		pattern: { regex: /^\d{1,12}$/, message: 'A segment ID is digits only (up to 12).' }
	}),
	expirationMinutes: optionalText({
		label: 'Segment expiration (minutes)',
		help: `How long Xandr keeps a user in the segment after each upload, in minutes. Leave it empty or enter 0 for the maximum of 180 days (${MAX_EXPIRATION_MINUTES.toLocaleString('en-US')} minutes). Removals are always sent as -1.`,
		placeholder: '43200',
		pattern: {
			regex: /^\d{1,6}$/,
			message: `Enter a whole number of minutes from 0 to ${MAX_EXPIRATION_MINUTES.toLocaleString('en-US')}.`
		}
	}).refine(
		(v) => v === '' || !/^\d+$/.test(v) || Number(v) <= MAX_EXPIRATION_MINUTES,
		`Xandr keeps users for at most 180 days: enter ${MAX_EXPIRATION_MINUTES.toLocaleString('en-US')} minutes or fewer (0 means the maximum).`
	)
});
