import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'xandr',
	name: 'Xandr (Microsoft Invest) segments',
	vendor: 'Microsoft',
	kind: 'server-to-server',
	summary:
		'Adds profiles to and removes them from an Xandr segment through the Batch Segment Service, matched on the Xandr user ID from a cookie sync.',
	mark: { initials: 'X', color: '#5c2d91' },
	partnerType: 'displayRetargeting',
	partnerNumber: 1401,
	identifier: 'partnerUserId',
	multipleConfigurations: false,
	supportsRemoval: true,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		// Xandr caps files by bytes, not users; 100,000 users per upload is our choice. A legacy
		// line is about 30 bytes, so a file stays around 3 MB, far below the 0.5 GB file limit.
		maxBatchSize: 100_000,
		requestsPerMinute: 1,
		notes: [
			'About one upload per minute is recommended; with more than 200 jobs waiting, new uploads are refused.',
			'Hourly and daily byte caps per member (RATE_LIMIT_EXCEEDED), and at most 0.5 GB per file (FILESIZE_LIMIT_EXCEEDED).',
			'A file must be uploaded within 5 minutes of requesting its upload URL.',
			'Our choice: at most 100,000 users per upload file.'
		]
	},
	prerequisites: [
		'The Batch Segment Service set up for your member by Xandr support, with the legacy file format USER_ID,SEG_ID:EXPIRATION.',
		'An Xandr API user with access to the member and its segments.',
		'A cookie sync with Xandr, so profiles carry an Xandr user ID. Profiles without one are not sent.',
		'The segments created in Xandr, one per audience.'
	],
	docs: [
		{
			label: 'Batch Segment Service',
			url: 'https://learn.microsoft.com/en-us/xandr/digital-platform-api/batch-segment-service'
		},
		{
			label: 'Legacy BSS file format',
			url: 'https://learn.microsoft.com/en-us/xandr/digital-platform-api/legacy-bss-file-format'
		},
		{
			label: 'Batch Segment Service best practices',
			url: 'https://learn.microsoft.com/en-us/xandr/digital-platform-api/batch-segment-service-best-practices'
		},
		{
			label: 'Authentication service',
			url: 'https://learn.microsoft.com/en-us/xandr/digital-platform-api/authentication-service'
		}
	],
	errorDocs: {
		label: 'API semantics: error IDs',
		url: 'https://learn.microsoft.com/en-us/xandr/digital-platform-api/api-semantics'
	}
};
