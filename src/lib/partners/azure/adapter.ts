import { deliveryError, outcome, type Delivery, type DeliveryError, type PartnerAdapter, type Probe, type Reply, type Step } from '../adapter';
import { header, retryAfterMs, transportFailure, uncodedError } from '../classify';

/**
 * Azure (non-event), *thin* in the public record: an audience file drop to Azure Blob Storage.
 * Each batch is one new block blob under the use's path prefix, PUT with the connector's SAS
 * token; its lines carry each member's customer ID and whether it is added or removed.
 */
interface AzureConfig {
	accountName: string;
	containerName: string;
	sasToken: string;
	fileFormat: 'ndjson' | 'csv';
}

type State = { kind: 'deliver' | 'probe'; now: number };

/** Service version sent with every request (Put Blob and Get Container Properties). */
export const AZURE_VERSION = '2023-11-03';

const INVALID_CREDENTIALS = new Set(['NoAuthenticationInformation', 'InvalidAuthenticationInfo', 'AuthenticationFailed']);
const RETRYABLE = new Set(['InternalError', 'ServerBusy', 'OperationTimedOut']);

function sas(config: AzureConfig): string {
	return config.sasToken.trim().replace(/^\?/, '');
}

function containerUrl(config: AzureConfig): string {
	return `https://${config.accountName}.blob.core.windows.net/${config.containerName}`;
}

/** One file per batch: a name that sorts by time and cannot collide within a connector. */
export function blobName(delivery: Delivery): string {
	const stamp = new Date(delivery.now).toISOString().replace(/[:.]/g, '-');
	const first = delivery.recipients[0]?.profileId ?? 'empty';
	const ext = (delivery.config as unknown as AzureConfig).fileFormat === 'csv' ? 'csv' : 'ndjson';
	return `${delivery.settings.pathPrefix}/${stamp}-${delivery.operation}-${first}-${delivery.recipients.length}.${ext}`;
}

/** The file's body: NDJSON lines or CSV with a header row. */
export function blobBody(delivery: Delivery): string {
	const config = delivery.config as unknown as AzureConfig;
	if (config.fileFormat === 'csv') {
		const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
		return ['customerId,operation', ...delivery.recipients.map((r) => `${quote(r.identifier)},${delivery.operation}`)].join('\n') + '\n';
	}
	return delivery.recipients.map((r) => JSON.stringify({ customerId: r.identifier, operation: delivery.operation })).join('\n') + '\n';
}

export function buildRequest(delivery: Delivery) {
	const config = delivery.config as unknown as AzureConfig;
	const path = blobName(delivery).split('/').map(encodeURIComponent).join('/');
	return {
		method: 'PUT' as const,
		url: `${containerUrl(config)}/${path}?${sas(config)}`,
		headers: {
			'x-ms-blob-type': 'BlockBlob',
			'x-ms-version': AZURE_VERSION,
			'content-type': config.fileFormat === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8'
		},
		body: blobBody(delivery),
		secrets: [sas(config), new URLSearchParams(sas(config)).get('sig') ?? ''].filter(Boolean)
	};
}

/** Blob Storage errors are XML, with the code repeated in the x-ms-error-code header. */
export function classifyAzureError(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError {
	const code = header(reply.headers, 'x-ms-error-code') ?? /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
	if (!code) return uncodedError(reply, now);
	const message = (/<Message>([\s\S]*?)<\/Message>/.exec(reply.body)?.[1] ?? code).split('\n')[0]!.trim();
	if (INVALID_CREDENTIALS.has(code)) return deliveryError('invalidCredentials', code, message);
	return deliveryError('partnerError', code, message, {
		retryable: RETRYABLE.has(code) || reply.status >= 500,
		retryAfterMs: retryAfterMs(reply.headers, now)
	});
}

export const adapter: PartnerAdapter<State> = {
	begin(delivery: Delivery): Step<State> {
		return { kind: 'send', purpose: 'deliver', request: buildRequest(delivery), state: { kind: 'deliver', now: delivery.now } };
	},

	probe({ config, now }: Probe): Step<State> {
		const c = config as unknown as AzureConfig;
		return {
			kind: 'send',
			purpose: 'test connection',
			request: {
				method: 'GET',
				url: `${containerUrl(c)}?restype=container&${sas(c)}`,
				headers: { 'x-ms-version': AZURE_VERSION },
				body: null,
				secrets: [sas(c), new URLSearchParams(sas(c)).get('sig') ?? ''].filter(Boolean)
			},
			state: { kind: 'probe', now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
		const ok = state.kind === 'deliver' ? reply.status === 201 : reply.status === 200;
		if (!ok) {
			const error = reply.status >= 200 && reply.status < 300 ? uncodedError(reply, state.now) : classifyAzureError(reply, state.now);
			return { kind: 'finish', outcome: outcome.failed(error) };
		}
		const note =
			state.kind === 'probe'
				? `Connected: the container exists and the SAS token is accepted (request ${header(reply.headers, 'x-ms-request-id') ?? 'id not given'}).`
				: `Blob written (ETag ${header(reply.headers, 'etag') ?? 'not given'}).`;
		return { kind: 'finish', outcome: outcome.delivered(note) };
	}
};
