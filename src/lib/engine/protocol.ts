import type { ConnectorTarget } from '$lib/domain/connector';
import type { FaultSettings } from '$lib/domain/faults';
import type { DeliveryError, StepPurpose } from '$lib/partners/adapter';

/**
 * The one protocol between the page and the engine's worker. Everything crossing it is
 * structured-cloneable data; secrets are masked before anything comes back.
 */
export interface EngineApi {
	/** Sends the partner's light request for the connector and classifies the answer. */
	testConnection(request: TestConnectionRequest): Promise<TestConnectionResult>;
}

export interface TestConnectionRequest {
	partnerId: string;
	/** The connector being tested; a form not saved yet uses a temporary id. */
	connectorId: string;
	config: Record<string, unknown>;
	target: ConnectorTarget;
	/** The mock partner's fault knobs for this connector (ignored for live endpoints). */
	faults: FaultSettings;
	timeoutMs: number;
}

/** One request and its answer, secrets masked, bodies sampled: what the delivery log shows. */
export interface LoggedExchange {
	purpose: StepPurpose;
	method: string;
	url: string;
	requestHeaders: Record<string, string>;
	requestBodySample: string;
	status: number | null;
	/** "response", or why there was none. */
	replyKind: 'response' | 'timeout' | 'network';
	responseHeaders: Record<string, string>;
	responseSample: string;
	latencyMs: number;
}

export type TestConnectionResult =
	| { ok: true; message: string; exchanges: LoggedExchange[] }
	| { ok: false; error: DeliveryError; exchanges: LoggedExchange[] };
