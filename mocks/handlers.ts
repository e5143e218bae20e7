import { getResponse, RequestHandler } from 'msw';

// One folder per partner, named by its id in the sandbox's catalog; each exports `handlers`.
const modules = import.meta.glob<{ handlers?: RequestHandler[] }>('./*/handlers.ts', { eager: true });

/** Every mock partner's MSW handlers: the same list serves node tests and the browser worker. */
export const handlers: RequestHandler[] = Object.values(modules).flatMap((module) => module.handlers ?? []);

// Each partner's handlers apart, so a request is offered to the one partner that serves its host.
const partnerHandlers: RequestHandler[][] = Object.values(modules).flatMap((module) => (module.handlers ? [module.handlers] : []));
const servedBy = new Map<string, RequestHandler[]>();

/**
 * The mock partners' answer to a request, as msw's getResponse gives it, or undefined when no
 * mock serves the URL. Two costs of getResponse are avoided, both measured in the engine's
 * worker: msw clones each request so that its logging can read the body again (nothing reads
 * that copy here, and a DV360 batch is 8 MB), so the request stands in for its clone; and msw
 * tries every handler of every partner in turn, so after the first answer from a host only that
 * partner's handlers are tried for it.
 */
export async function partnerResponse(request: Request, among: RequestHandler[] = handlers): Promise<Response | undefined> {
	RequestHandler.cache.set(request, request);
	if (among !== handlers) return getResponse(among, request);
	const origin = new URL(request.url).origin;
	const known = servedBy.get(origin);
	if (known) return (await getResponse(known, request)) ?? getResponse(handlers, request);
	for (const partner of partnerHandlers) {
		const response = await getResponse(partner, request);
		if (response) {
			servedBy.set(origin, partner);
			return response;
		}
	}
	return undefined;
}

/** The partner ids that have a mock, from their folder names. */
export const mockedPartnerIds: string[] = Object.entries(modules)
	.filter(([, module]) => module.handlers)
	.map(([path]) => path.split('/')[1]!);

export { faultBoard, NO_FAULTS, type FaultSettings, type LatencyDistribution } from './faults';
