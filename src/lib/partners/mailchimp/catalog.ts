import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'mailchimp',
	name: 'Mailchimp audiences',
	vendor: 'Intuit Mailchimp',
	kind: 'server-to-server',
	summary:
		'Subscribes profiles to a Mailchimp audience by e-mail address, and unsubscribes them when they leave.',
	mark: { initials: 'Mc', color: '#241c15' },
	partnerType: 'emailMarketing',
	partnerNumber: 1701,
	identifier: 'email',
	multipleConfigurations: false,
	supportsRemoval: true,
	// Per-member errors come back as text inside a 200; statistics show categories only.
	reportsPartnerErrorCodes: false,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 500,
		requestsPerMinute: null,
		notes: [
			'At most 10 simultaneous connections per API key; more are answered with 429 Too Many Requests.'
		]
	},
	prerequisites: [
		'A Mailchimp audience to subscribe the profiles to.',
		'An API key created under Profile > Extras > API keys.',
		'Permission to e-mail the profiles: members are added with the status subscribed, so their consent must be recorded first.'
	],
	docs: [
		{
			label: 'Batch subscribe or unsubscribe',
			url: 'https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/'
		},
		{
			label: 'List members',
			url: 'https://mailchimp.com/developer/marketing/api/list-members/'
		},
		{
			label: 'API fundamentals (datacenter and authentication)',
			url: 'https://mailchimp.com/developer/marketing/docs/fundamentals/'
		}
	],
	errorDocs: {
		label: 'Marketing API errors',
		url: 'https://mailchimp.com/developer/marketing/docs/errors/'
	}
};
