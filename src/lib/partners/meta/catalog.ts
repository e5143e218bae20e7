import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'meta',
	name: 'Meta (Facebook) Custom Audiences',
	vendor: 'Meta',
	kind: 'server-to-server',
	summary:
		'Adds profiles to and removes them from a Custom Audience on Facebook and Instagram, matched on hashed e-mail addresses.',
	mark: { initials: 'f', color: '#1664d9' },
	partnerType: 'socialAdvertising',
	partnerNumber: 1101,
	identifier: 'hashedEmail',
	multipleConfigurations: false,
	supportsRemoval: true,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 10_000,
		requestsPerMinute: null,
		notes: [
			'Rate limited per ad account per hour (hundreds of thousands of calls at standard access).'
		]
	},
	prerequisites: [
		'A Meta Business Manager with an ad account, and a system user with the ads_management permission on it.',
		'The Custom Audience terms accepted for the ad account.'
	],
	docs: [
		{
			label: 'Custom Audiences guide',
			url: 'https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences'
		},
		{
			label: 'Custom Audience users endpoint',
			url: 'https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/'
		}
	],
	errorDocs: {
		label: 'Marketing API error codes',
		url: 'https://developers.facebook.com/docs/marketing-api/error-reference/'
	}
};
