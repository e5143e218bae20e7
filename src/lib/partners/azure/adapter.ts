import {
	deliveryError,
	outcome,
	type Delivery,
	type DeliveryError,
	type OutgoingRequest,
	type PartnerAdapter,
	type Probe,
	type Reply,
	type Step
} from '../adapter';
import type { AzureConfig } from './config';
import { header, partnerCode, partnerText, retryAfterMs, retryableStatus, transportFailure, uncodedError, type Answerer } from '../classify';

/**
 * Azure (non-event), *thin* in the public record: no definition of this connector exists, so it
 * is modelled as an audience file drop to Azure Blob Storage. Each batch becomes one new block
 * blob (Put Blob) under the use's path prefix, authorised by the connector's SAS token in the
 * query string; each line carries a member's customer ID and whether it is added or removed.
 * Blob Storage answers a whole request only: it has no per-member result, so a batch is
 * written entirely or not at all.
 */

type State = { kind: 'deliver'; blob: string; count: number; now: number } | { kind: 'probe'; container: string; account: string; now: number };

/** Service version sent with every request; SAS tokens carry their own (sv). */
export const AZURE_VERSION = '2023-11-03';

const INVALID_CREDENTIALS = new Set(['NoAuthenticationInformation', 'InvalidAuthenticationInfo', 'AuthenticationFailed']);
// Azure asks to retry these; ServerBusy with backoff (it sends no Retry-After, so the engine's
// exponential backoff applies unless a header says otherwise).
const RETRYABLE = new Set(['InternalError', 'ServerBusy', 'OperationTimedOut']);

const AZURE: Answerer = { partner: 'Azure', format: 'XML' };
// Blob Storage's error documents are a few hundred bytes: only this much of a body is searched.
const ERROR_XML_CHARS = 16 * 1024;

const CONTENT_TYPE = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

function sasOf(config: AzureConfig): string {
	return config.sasToken.trim().replace(/^\?/, '');
}

/** The SAS token, and its signature alone (as a log could show it decoded). */
function secretsOf(config: AzureConfig): string[] {
	const sas = sasOf(config);
	const sig = new URLSearchParams(sas).get('sig');
	return sig ? [sas, sig] : [sas];
}

function containerUrl(config: AzureConfig): string {
	return `https://${config.accountName}.blob.core.windows.net/${config.containerName}`;
}

/**
 * One new file per batch, so files never overwrite each other: the sandbox time (sorts by
 * time), the operation, the first member's profile ID and the count make it unique per batch
 * within a use (the engine sends one batch of a connector and use at a time).
 */
export function blobName(delivery: Delivery<AzureConfig>): string {
	const config = delivery.config;
	const prefix = (delivery.settings.pathPrefix ?? '').replace(/^\/+|\/+$/g, '');
	const stamp = new Date(delivery.now).toISOString().replace(/[:.]/g, '-');
	const first = delivery.recipients[0]?.profileId ?? 'empty';
	const file = `${stamp}-${delivery.operation}-${first}-${delivery.recipients.length}.${config.fileFormat === 'csv' ? 'csv' : 'ndjson'}`;
	return prefix ? `${prefix}/${file}` : file;
}

/** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The file: NDJSON lines {"customerId","operation"}, or CSV with the header customerId,operation. */
export function blobBody(delivery: Delivery<AzureConfig>): string {
	const config = delivery.config;
	const lines =
		config.fileFormat === 'csv'
			? ['customerId,operation', ...delivery.identifiers.map((identifier) => `${csvField(identifier)},${delivery.operation}`)]
			: delivery.identifiers.map((identifier) => JSON.stringify({ customerId: identifier, operation: delivery.operation }));
	return `${lines.join('\n')}\n`;
}

/** Put Blob of one block blob holding the batch. */
export function buildRequest(delivery: Delivery<AzureConfig>): OutgoingRequest {
	const config = delivery.config;
	const path = blobName(delivery).split('/').map(encodeURIComponent).join('/');
	return {
		method: 'PUT',
		url: `${containerUrl(config)}/${path}?${sasOf(config)}`,
		headers: {
			'x-ms-blob-type': 'BlockBlob',
			'x-ms-version': AZURE_VERSION,
			'content-type': CONTENT_TYPE[config.fileFormat === 'csv' ? 'csv' : 'ndjson']
		},
		body: blobBody(delivery),
		secrets: secretsOf(config)
	};
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first <name> element, entities decoded. Node workers have no DOMParser. */
function element(xml: string, name: string): string | undefined {
	const text = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
	return text?.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, named?: string) => {
		if (named) return ENTITIES[named] ?? whole;
		const point = dec ? Number(dec) : parseInt(hex!, 16);
		// fromCodePoint throws beyond U+10FFFF: such a reference stays as it was written.
		return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
	});
}

/**
 * A Blob Storage error: XML <Error><Code/><Message/></Error> with the code repeated in the
 * x-ms-error-code header. The message loses Azure's RequestId and Time lines and gains the
 * AuthenticationErrorDetail, which is what says a SAS token expired.
 */
export function classifyAzureError(reply: Extract<Reply, { kind: 'response' }>, now: number): DeliveryError {
	const xml = reply.body.slice(0, ERROR_XML_CHARS);
	const code = partnerCode(header(reply.headers, 'x-ms-error-code')?.trim() || element(xml, 'Code')?.trim());
	if (!code) return uncodedError(reply, now, AZURE, 'error Code');
	const summary = partnerText(element(xml, 'Message')?.split('\n')[0], `Azure Blob Storage error ${code}`);
	const detail = partnerText(element(xml, 'AuthenticationErrorDetail'), '');
	const message = detail ? `${summary} ${detail}` : summary;
	if (INVALID_CREDENTIALS.has(code)) return deliveryError('invalidCredentials', code, message);
	return deliveryError('partnerError', code, message, {
		retryable: RETRYABLE.has(code) || retryableStatus(reply.status),
		retryAfterMs: retryAfterMs(reply.headers, now)
	});
}

function finished(reply: Reply, state: State): Step<State> {
	if (reply.kind !== 'response') return { kind: 'finish', outcome: outcome.failed(transportFailure(reply)) };
	const expected = state.kind === 'deliver' ? 201 : 200;
	const success = reply.status >= 200 && reply.status < 300;
	// Put Blob and Get Container Properties answer with headers only. Another 2xx, or one with a
	// body (a proxy's page, a login form), is no answer they give: not a success.
	if (reply.status !== expected || (success && reply.body.trim() !== '')) {
		const error = success ? uncodedError(reply, state.now, AZURE, 'an empty body') : classifyAzureError(reply, state.now);
		return { kind: 'finish', outcome: outcome.failed(error) };
	}
	const tag = header(reply.headers, 'etag');
	const etag = tag ? partnerText(tag, '', 100) : '';
	const note =
		state.kind === 'probe'
			? `Connected to the container "${state.container}" of the storage account "${state.account}"; the SAS token is accepted.`
			: `Azure wrote ${state.blob} with ${state.count} ${state.count === 1 ? 'member' : 'members'}${etag ? ` (ETag ${etag})` : ''}.`;
	return { kind: 'finish', outcome: outcome.delivered(note) };
}

export const adapter: PartnerAdapter<State, AzureConfig> = {
	begin(delivery: Delivery<AzureConfig>): Step<State> {
		return {
			kind: 'send',
			purpose: 'deliver',
			request: buildRequest(delivery),
			state: { kind: 'deliver', blob: blobName(delivery), count: delivery.recipients.length, now: delivery.now }
		};
	},

	/**
	 * Get Container Properties: reads the container with the SAS token and writes nothing. It
	 * needs a token that may read container properties (an account SAS with the container
	 * resource type, srt=c or co); a container-scoped service SAS that may only create and
	 * write blobs can be refused here although it would deliver.
	 */
	probe({ config, now }: Probe<AzureConfig>): Step<State> {
		return {
			kind: 'send',
			purpose: 'test connection',
			request: {
				method: 'GET',
				url: `${containerUrl(config)}?restype=container&${sasOf(config)}`,
				headers: { 'x-ms-version': AZURE_VERSION },
				body: null,
				secrets: secretsOf(config)
			},
			state: { kind: 'probe', container: config.containerName, account: config.accountName, now }
		};
	},

	advance(state: State, reply: Reply): Step<State> {
		return finished(reply, state);
	}
};
