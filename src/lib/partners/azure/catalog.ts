import type { ServerToServerCatalogEntry } from '../types';

/**
 * No public definition of an "Azure (non-event)" connector exists. It is modelled as an
 * audience file drop to Azure Blob Storage: each batch is one block blob, written with Put Blob
 * and a SAS token. The file size per blob below is our design, not an Azure rule.
 */
export const catalog: ServerToServerCatalogEntry = {
	id: 'azure',
	name: 'Azure Blob Storage audience files',
	vendor: 'Microsoft',
	kind: 'server-to-server',
	summary:
		'Writes audience changes as files (NDJSON or CSV) to a container in your Azure Blob Storage account, one file per batch, keyed on the customer ID, for your own pipelines to pick up.',
	mark: { initials: 'Az', color: '#0063b1' },
	partnerType: 'cloudStorage',
	partnerNumber: 1501,
	identifier: 'customerId',
	multipleConfigurations: false,
	supportsRemoval: true,
	reportsPartnerErrorCodes: true,
	liveEndpoints: false,
	limits: {
		maxBatchSize: 50_000,
		requestsPerMinute: null,
		notes: [
			'Our design: at most 50,000 members per file (a few megabytes), far below the size Azure accepts in a single Put Blob request (5,000 MiB with current service versions).',
			'A storage account serves up to about 20,000 requests per second; above its limits Azure answers 503 ServerBusy, which is retried with backoff.'
		]
	},
	prerequisites: [
		'A storage account and a blob container for the audience files.',
		'A SAS token for the container with create and write permissions, valid for as long as the connector should run. Test connection reads the container\'s properties, which a token limited to the container\'s blobs may not allow: an account SAS for the Blob service with container and object resource types (srt=co) passes both.',
		'A CORS rule on the Blob service that allows PUT from this page, because the browser sends the files itself.',
		'Something on your side that reads the files, such as a warehouse load or an Azure Function.'
	],
	docs: [
		{
			label: 'Put Blob',
			url: 'https://learn.microsoft.com/en-us/rest/api/storageservices/put-blob'
		},
		{
			label: 'Create a service SAS',
			url: 'https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas'
		},
		{
			label: 'CORS support for Azure Storage',
			url: 'https://learn.microsoft.com/en-us/rest/api/storageservices/cross-origin-resource-sharing--cors--support-for-the-azure-storage-services'
		}
	],
	errorDocs: {
		label: 'Blob service error codes',
		url: 'https://learn.microsoft.com/en-us/rest/api/storageservices/blob-service-error-codes'
	}
};
