import {
	deliveryError,
	outcome,
	type DeliveryOutcome,
	type OutgoingRequest,
	type PartnerAdapter,
	type Reply,
	type Session,
	type Step,
	type StepPurpose
} from '$lib/partners/adapter';
import type { Transport } from './transport';

/** One request of an exchange, as the delivery log records it. */
export interface ExchangeRequest {
	purpose: StepPurpose;
	request: OutgoingRequest;
	reply: Reply;
}

export interface ExchangeContext {
	connectorId: string;
	timeoutMs: number;
	transport: Transport;
	/** Waits on the sandbox clock (a virtual clock returns at once, having moved time on). */
	sleep(ms: number): Promise<void>;
	onRequest?(record: ExchangeRequest): void;
}

export interface ExchangeResult {
	outcome: DeliveryOutcome;
	session: Session | null | undefined;
	requests: number;
}

// Xandr's polling is the longest chain; more than this means a partner that never finishes.
const MAX_STEPS = 60;

/** Carries out an adapter's steps through a transport until the adapter finishes. */
export async function runExchange<S>(adapter: Pick<PartnerAdapter<S>, 'advance'>, first: Step<S>, context: ExchangeContext): Promise<ExchangeResult> {
	let step = first;
	let requests = 0;
	while (step.kind === 'send') {
		if (requests >= MAX_STEPS) {
			const error = deliveryError('otherError', null, `The partner had not finished after ${MAX_STEPS} requests; the sandbox gave up.`, {
				retryable: true
			});
			return { outcome: outcome.failed(error), session: undefined, requests };
		}
		if (step.delayMs) await context.sleep(step.delayMs);
		const reply = await context.transport.send(step.request, { connectorId: context.connectorId, timeoutMs: context.timeoutMs });
		requests++;
		context.onRequest?.({ purpose: step.purpose, request: step.request, reply });
		step = adapter.advance(step.state, reply);
	}
	return { outcome: step.outcome, session: step.session, requests };
}
