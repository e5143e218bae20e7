import { getResponse, RequestHandler } from 'msw';
import { CONNECTOR_HEADER } from './faults';

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
	const response = await resolve(request, among);
	if (response?.ok) await tallyReceived(request, response);
	return response;
}

async function resolve(request: Request, among: RequestHandler[]): Promise<Response | undefined> {
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

/**
 * Members each connector's partner says it took, by request method (Meta: POST adds, DELETE
 * removes), counted from the partner's own acknowledgement. Only for tests: the crash-safety
 * end-to-end test reads it in the engine's worker through DevTools, at the moment it kills the
 * worker and again after the reload, to check the statistics against what the partner got. It
 * lives in the mocks' memory like the partners themselves, so nothing of the app reads it, and
 * no engine command or stored data had to change for it.
 */
export const receivedTally: Record<string, Record<string, number>> = {};
Object.assign(globalThis, { sandboxReceivedTally: receivedTally });

/** How many members a success answer says were taken, for partners whose answers say so. */
const acknowledgedMembers: Record<string, (body: Record<string, unknown>) => number | undefined> = {
	'https://graph.facebook.com': (body) =>
		typeof body.num_received === 'number' ? body.num_received - (typeof body.num_invalid_entries === 'number' ? body.num_invalid_entries : 0) : undefined
};

async function tallyReceived(request: Request, response: Response): Promise<void> {
	const connectorId = request.headers.get(CONNECTOR_HEADER);
	const read = acknowledgedMembers[new URL(request.url).origin];
	if (!connectorId || !read) return;
	let members: number | undefined;
	try {
		members = read((await response.clone().json()) as Record<string, unknown>);
	} catch {
		return; // Not an acknowledgement (a truncated body, say): nothing was taken.
	}
	if (members === undefined) return;
	const byMethod = (receivedTally[connectorId] ??= {});
	byMethod[request.method] = (byMethod[request.method] ?? 0) + members;
}

/** The partner ids that have a mock, from their folder names. */
export const mockedPartnerIds: string[] = Object.entries(modules)
	.filter(([, module]) => module.handlers)
	.map(([path]) => path.split('/')[1]!);

export { faultBoard, NO_FAULTS, type FaultSettings, type LatencyDistribution } from './faults';
