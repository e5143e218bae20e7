import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'dv360',
	name: 'Google Display & Video 360 Customer Match',
	vendor: 'Google',
	kind: 'server-to-server',
	summary:
		'Adds profiles to and removes them from a Customer Match audience of a Display & Video 360 advertiser, matched on hashed e-mail addresses.',
	mark: { initials: 'DV', color: '#137333' },
	partnerType: 'displayAndVideo',
	partnerNumber: 1201,
	identifier: 'hashedEmail',
	// One configuration per advertiser, e.g. separate advertisers for sub-brands or regions.
	multipleConfigurations: true,
	supportsRemoval: true,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 500_000,
		requestsPerMinute: 300,
		notes: [
			'Quotas: about 1,500 requests and 700 writes per minute per project; 300 requests and 150 writes per minute per advertiser. Each editCustomerMatchMembers call counts as 5 writes.'
		]
	},
	prerequisites: [
		'A Google Cloud project with the Display & Video 360 API enabled, and a user or service account with the Admin or Standard role on the advertiser.',
		"The Display & Video 360 partner meets Google's Customer Match requirements, and the Customer Match audience exists on the advertiser.",
		'Consent for ad user data and ad personalisation recorded for the profiles you send: every request declares both as granted.'
	],
	docs: [
		{
			label: 'Upload a Customer Match audience',
			url: 'https://developers.google.com/display-video/api/guides/audiences/upload-customer-match'
		},
		{
			label: 'firstPartyAndPartnerAudiences.editCustomerMatchMembers (v4)',
			url: 'https://developers.google.com/display-video/api/reference/rest/v4/firstPartyAndPartnerAudiences/editCustomerMatchMembers'
		},
		{
			label: 'Usage limits and quotas',
			url: 'https://developers.google.com/display-video/api/limits'
		}
	],
	errorDocs: {
		label: 'Display & Video 360 API troubleshooting',
		url: 'https://developers.google.com/display-video/api/support/troubleshooting'
	}
};
