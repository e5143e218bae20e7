import { getResponse, RequestHandler } from 'msw';

// One folder per partner, named by its id in the sandbox's catalog; each exports `handlers`.
const modules = import.meta.glob<{ handlers?: RequestHandler[] }>('./*/handlers.ts', { eager: true });

/** Every mock partner's MSW handlers: the same list serves node tests and the browser worker. */
export const handlers: RequestHandler[] = Object.values(modules).flatMap((module) => module.handlers ?? []);

/**
 * The mock partners' answer to a request, as msw's getResponse gives it, or undefined when no
 * mock serves the URL. msw clones each request so that its logging can read the body again;
 * nothing reads that copy here, and copying a body of several megabytes (a DV360 batch is 8 MB)
 * costs more than the partner's own parsing of it, so the request stands in for its clone.
 */
export function partnerResponse(request: Request, among: RequestHandler[] = handlers): Promise<Response | undefined> {
	RequestHandler.cache.set(request, request);
	return getResponse(among, request);
}

/** The partner ids that have a mock, from their folder names. */
export const mockedPartnerIds: string[] = Object.entries(modules)
	.filter(([, module]) => module.handlers)
	.map(([path]) => path.split('/')[1]!);

export { faultBoard, NO_FAULTS, type FaultSettings, type LatencyDistribution } from './faults';
