import type { RequestHandler } from 'msw';
import { answer, createPartnerMocks } from './partner-mocks';

/**
 * The default set of mock partners, for callers that need one and no more (the browser's MSW
 * setup, the node benchmark, partner tests). Whoever needs knobs of its own (the engine's
 * worker, each test workspace) calls createPartnerMocks instead. No import.meta.glob here or
 * below: this module loads in plain Node with a TypeScript loader as well as under Vite.
 */
export const defaultMocks = createPartnerMocks();

/** Every mock partner's MSW handlers: the same list serves node tests and the browser worker. */
export const handlers: RequestHandler[] = defaultMocks.handlers;

/** The default mocks' fault knobs. */
export const faultBoard = defaultMocks.faults;

/** The default mocks' answer to a request, or the answer of the given handlers (not tallied). */
export function partnerResponse(request: Request, among?: RequestHandler[]): Promise<Response | undefined> {
	return among && among !== handlers ? answer(request, among) : defaultMocks.respond(request);
}

export { createPartnerMocks, mockedPartnerIds, type PartnerMocks, type PartnerMocksOptions, type ReceivedTally } from './partner-mocks';
export { FaultBoard, NO_FAULTS, seededRandom, type FaultSettings, type LatencyDistribution } from './faults';
