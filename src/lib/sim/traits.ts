import type { EventType } from '$lib/domain/journey';
import { cookieSyncedPartners } from '$lib/partners/registry';

/**
 * The vocabulary of the synthetic population, shared by the population (initial state) and
 * the behaviour (changes over time), so that a profile's history at the start is what its
 * behaviour would have produced.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Countries, as indexes into this list in the population's `country` column. */
export const COUNTRIES = ['NL', 'DE', 'FR', 'GB', 'US', 'ES', 'IT', 'BE', 'SE', 'PL'] as const;
export type Country = (typeof COUNTRIES)[number];
/** A European retailer's customer base with a US arm. */
export const COUNTRY_WEIGHTS = [0.18, 0.2, 0.14, 0.13, 0.12, 0.07, 0.07, 0.04, 0.03, 0.02];

export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
export type Device = (typeof DEVICES)[number];
export const DEVICE_WEIGHTS = [0.4, 0.5, 0.1];

/** Bits of the population's `identifiers` column. */
export const HAS_EMAIL = 1;
export const HAS_PHONE = 2;
export const HAS_MOBILE_AD_ID = 4;
/** Not an identifier: the profile uses the app, so it opens it. */
export const USES_APP = 8;

/** The first bit of the `identifiers` column left for cookie-synced partners (four fit in a byte). */
const FIRST_PARTNER_BIT = 16;

/**
 * The partners whose cookie-synced user IDs part of the population carries, as each partner
 * declares in its definition (`cookieSync`): the partner number is the key in
 * Profile.partnerUserIds, the bit is theirs in the `identifiers` column, in registry order.
 */
export const COOKIE_SYNCED_PARTNERS = cookieSyncedPartners.map(({ partnerNumber, shareByDevice }, i) => {
	const bit = FIRST_PARTNER_BIT << i;
	if (bit > 0x80) throw new Error('At most four partners fit the population’s cookie-sync bits.');
	return { partnerNumber, bit, shareByDevice: DEVICES.map((device) => shareByDevice[device]) };
});
/** Every cookie-synced partner bit, for "has a partner user ID". */
export const ANY_PARTNER_USER_ID = COOKIE_SYNCED_PARTNERS.reduce((bits, p) => bits | p.bit, 0);

export const EMAIL_SHARE = 0.92;
export const PHONE_SHARE = 0.6;
/** Advertising IDs come from apps, so mostly from phones: about 45% overall. */
export const MOBILE_AD_ID_SHARE_BY_DEVICE = [0.1, 0.72, 0.5];
export const APP_SHARE_BY_DEVICE = [0.08, 0.6, 0.45];
export const MARKETING_CONSENT_SHARE = 0.7;

/** Behaviour kinds: the journey event types in their schema's order, then internal ones. */
export const EVENT_TYPES = ['visit', 'purchase', 'appOpen', 'emailClick'] as const satisfies readonly EventType[];
export const VISIT = 0;
export const PURCHASE = 1;
export const APP_OPEN = 2;
export const EMAIL_CLICK = 3;
/** A profile revisits its marketing consent (internal; no journey can start on it). */
export const CONSENT_REVIEW = 4;
export const BEHAVIOUR_KINDS = 5;

/** Events per profile per day at traffic rate 1, before the profile's own activity factor. */
export const BASE_DAILY_RATES = [
	0.12, // visit
	0.006, // purchase
	0.3, // appOpen, for app users
	0.03, // emailClick, for profiles with an e-mail address
	0.003 // consent review, the same for everyone
];

/** Purchase amounts in euros: log-normal, median about 50. */
export const PURCHASE_MU = Math.log(50);
export const PURCHASE_SIGMA = 0.8;

/** How often a profile does something of a kind, per day at traffic rate 1. */
export function dailyRate(kind: number, activity: number, identifiers: number): number {
	switch (kind) {
		case VISIT:
		case PURCHASE:
			return BASE_DAILY_RATES[kind]! * activity;
		case APP_OPEN:
			return identifiers & USES_APP ? BASE_DAILY_RATES[APP_OPEN]! * activity : 0;
		case EMAIL_CLICK:
			return identifiers & HAS_EMAIL ? BASE_DAILY_RATES[EMAIL_CLICK]! * activity : 0;
		default:
			return BASE_DAILY_RATES[CONSENT_REVIEW]!;
	}
}

/**
 * The daily rhythm in UTC, mean 1 over a day: quiet at night in Europe, busiest in the
 * evening. Multiplies every behaviour rate for the hour.
 */
export function rhythm(utcHour: number): number {
	return 1 + 0.6 * Math.cos((2 * Math.PI * (utcHour - 19)) / 24);
}
