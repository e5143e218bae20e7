import type { TagBasedCatalogEntry } from './types';

const RUNS_IN_BROWSER =
	"It runs in the visitor's browser as a tag on your website, so it is set up in your tag management (the web container of the platform, or a tag manager such as Google Tag Manager), not here. This sandbox only simulates server-to-server connectors.";

/** Connectors that work as tags in the browser; listed in the catalog for completeness only. */
export const tagBasedConnectors: readonly TagBasedCatalogEntry[] = [
	{
		id: 'ga4-gtag',
		name: 'Google Analytics 4 (gtag.js)',
		vendor: 'Google',
		kind: 'tag-based',
		summary: 'Sends page views and events from your website to a Google Analytics 4 property through the Google tag.',
		mark: { initials: 'GA', color: '#b35c00' },
		docs: [
			{ label: 'Google tag (gtag.js)', url: 'https://developers.google.com/tag-platform/gtagjs' },
			{
				label: 'Google Analytics 4 data collection',
				url: 'https://developers.google.com/analytics/devguides/collection/ga4'
			}
		],
		setupNote: `${RUNS_IN_BROWSER} You need the property's measurement ID (G-XXXXXXXXXX).`
	},
	{
		id: 'meta-pixel',
		name: 'Meta Pixel',
		vendor: 'Meta',
		kind: 'tag-based',
		summary: 'Reports website events to Meta for ad measurement and website custom audiences on Facebook and Instagram.',
		mark: { initials: 'MP', color: '#1664d9' },
		docs: [{ label: 'Meta Pixel', url: 'https://developers.facebook.com/docs/meta-pixel/' }],
		setupNote: `${RUNS_IN_BROWSER} You need the pixel (dataset) ID from Meta Events Manager.`
	},
	{
		id: 'tiktok-pixel',
		name: 'TikTok Pixel',
		vendor: 'TikTok',
		kind: 'tag-based',
		summary: 'Reports website events to TikTok to measure ad campaigns and build audiences of site visitors.',
		mark: { initials: 'TT', color: '#111111' },
		docs: [
			{ label: 'Get started with the TikTok Pixel', url: 'https://ads.tiktok.com/help/article/get-started-pixel' }
		],
		setupNote: `${RUNS_IN_BROWSER} You need the pixel ID from TikTok Events Manager.`
	},
	{
		id: 'linkedin-insight-tag',
		name: 'LinkedIn Insight Tag',
		vendor: 'LinkedIn',
		kind: 'tag-based',
		summary: 'Tracks conversions and builds retargeting audiences of site visitors for LinkedIn ads.',
		mark: { initials: 'in', color: '#0a66c2' },
		docs: [
			{
				label: 'Add the LinkedIn Insight Tag to your website',
				url: 'https://www.linkedin.com/help/lms/answer/a418880'
			}
		],
		setupNote: `${RUNS_IN_BROWSER} You need the partner ID from Campaign Manager (Data > Sources > Insight Tag).`
	}
];
