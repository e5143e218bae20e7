import type { ServerToServerCatalogEntry } from '../types';

/**
 * Clang's public API is SOAP (one WSDL, a uuid token on every call). The batch connector is
 * our model: one SOAP envelope per batch that looks customers up by external ID and adds them
 * to or removes them from a group. The public record of limits is thin; the batch size follows
 * Clang's fault 105 "Size must be between 1 and 50".
 */
export const catalog: ServerToServerCatalogEntry = {
	id: 'clang',
	name: 'Clang e-mail marketing groups',
	vendor: 'Clang',
	kind: 'server-to-server',
	summary:
		'Adds customers to and removes them from a group in Clang through its SOAP API, matched on the customer ID stored as the Clang external ID.',
	mark: { initials: 'Cl', color: '#b0155a' },
	partnerType: 'emailMarketing',
	partnerNumber: 1601,
	identifier: 'customerId',
	multipleConfigurations: false,
	supportsRemoval: true,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 50,
		requestsPerMinute: null,
		notes: [
			'At most 50 customers per call: Clang answers larger sets with fault 105 "Size must be between 1 and 50".',
			'No request rate is published.'
		]
	},
	prerequisites: [
		'A Clang API token (uuid) with access to customers and groups; Clang support or your Clang administrator issues it.',
		"Customers in Clang carry the platform's customer ID in their external ID field.",
		'A Clang group for each audience.'
	],
	docs: [
		{
			label: 'Clang SOAP API (WSDL)',
			url: 'https://secure.myclang.com/app/api/soap/public/index.php?wsdl'
		},
		{
			label: 'node-clang, a community client for the SOAP API',
			url: 'https://github.com/devotis/clang'
		}
	],
	errorDocs: {
		// Clang publishes no separate error reference; faults and codes are defined with the API.
		label: 'Clang SOAP API (WSDL): faults carry a numeric code and message',
		url: 'https://secure.myclang.com/app/api/soap/public/index.php?wsdl'
	}
};
