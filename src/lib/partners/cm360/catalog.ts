import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'cm360',
	name: 'Google Campaign Manager 360 offline conversions',
	vendor: 'Google',
	kind: 'server-to-server',
	summary:
		'Records profiles as offline conversions on a Floodlight activity in Campaign Manager 360, matched on hashed e-mail addresses. Conversions cannot be taken back, so profiles are only added.',
	mark: { initials: 'CM', color: '#1558b0' },
	partnerType: 'conversionTracking',
	partnerNumber: 1301,
	identifier: 'hashedEmail',
	multipleConfigurations: false,
	// CM360 has no removal: a remove message is never sent to it.
	supportsRemoval: false,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 1_000,
		requestsPerMinute: null,
		notes: [
			'At most 1,000 conversions per batchinsert request.',
			'A conversion timestamp may be at most 28 days old.',
			'Each conversion carries exactly one identifier; failed conversions are reported one by one inside an HTTP 200 response.'
		]
	},
	prerequisites: [
		'A Campaign Manager 360 user profile with access to the advertiser, and an OAuth token for it with the ddmconversions scope.',
		'A Floodlight activity to record the offline conversions against.',
		'Enhanced conversions enabled in the Floodlight configuration (customer data terms accepted), which hashed e-mail identifiers require.'
	],
	docs: [
		{
			label: 'Upload offline conversions',
			url: 'https://developers.google.com/doubleclick-advertisers/guides/conversions_upload'
		},
		{
			label: 'conversions.batchinsert (v4)',
			url: 'https://developers.google.com/doubleclick-advertisers/rest/v4/conversions/batchinsert'
		}
	],
	errorDocs: {
		label: 'Campaign Manager 360 API error messages',
		url: 'https://developers.google.com/doubleclick-advertisers/core_errors'
	}
};
