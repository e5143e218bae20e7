import type { ServerToServerCatalogEntry } from '../types';

export const catalog: ServerToServerCatalogEntry = {
	id: 'custom-http',
	name: 'Custom HTTP webhook',
	vendor: 'Your own endpoint',
	kind: 'server-to-server',
	summary:
		'Sends audience changes to any HTTP endpoint you run, as JSON built from your own template, keyed on the customer ID, with optional authentication and a signed body.',
	mark: { initials: 'CH', color: '#3f4a5a' },
	partnerType: 'customEndpoint',
	partnerNumber: 1801,
	identifier: 'customerId',
	// One configuration per endpoint.
	multipleConfigurations: true,
	supportsRemoval: true,
	// Any endpoint answers differently; statistics show categories only.
	reportsPartnerErrorCodes: false,
	liveEndpoints: true,
	limits: {
		// The batch size is a configuration field (1 to 1,000, 100 by default); this is its upper bound.
		maxBatchSize: 1_000,
		requestsPerMinute: null,
		notes: [
			'The batch size is yours to set in the configuration, from 1 to 1,000 profiles per request (100 by default).',
			'Any 2xx answer counts as sent; 401 and 403 as invalid credentials; 429 and 5xx are retried with backoff, honouring Retry-After; other 4xx are not retried.'
		]
	},
	prerequisites: [
		'An HTTPS endpoint that accepts the requests and answers with a 2xx status.',
		'CORS on the endpoint that allows this page: the browser sends the requests, so the endpoint must answer the preflight with your headers and method allowed.'
	],
	docs: [
		{
			label: 'HTTP authentication (MDN)',
			url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Authentication'
		},
		{
			label: 'Cross-origin resource sharing (MDN)',
			url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS'
		},
		{
			label: 'HMAC (RFC 2104)',
			url: 'https://www.rfc-editor.org/rfc/rfc2104'
		}
	],
	errorDocs: {
		label: 'HTTP response status codes (MDN)',
		url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status'
	}
};
