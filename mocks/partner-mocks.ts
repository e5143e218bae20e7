import { getResponse, RequestHandler } from 'msw';
import * as azure from './azure/handlers';
import * as clang from './clang/handlers';
import * as cm360 from './cm360/handlers';
import * as customHttp from './custom-http/handlers';
import * as dv360 from './dv360/handlers';
import { FaultBoard } from './faults';
import * as mailchimp from './mailchimp/handlers';
import * as meta from './meta/handlers';
import { partnerMockKit, type ReceivedTally } from './route';
import * as xandr from './xandr/handlers';

/**
 * Every mocked partner, by its id in the sandbox's catalog (one folder each). Listed by hand,
 * not globbed, so the mocks load in plain Node as well as under Vite.
 */
const PARTNER_MOCKS = {
	azure: azure.createMock,
	clang: clang.createMock,
	cm360: cm360.createMock,
	'custom-http': customHttp.createMock,
	dv360: dv360.createMock,
	mailchimp: mailchimp.createMock,
	meta: meta.createMock,
	xandr: xandr.createMock
};

type PartnerMocksById = { [id in keyof typeof PARTNER_MOCKS]: ReturnType<(typeof PARTNER_MOCKS)[id]> };

/** The partner ids that have a mock. */
export const mockedPartnerIds = Object.keys(PARTNER_MOCKS) as Array<keyof typeof PARTNER_MOCKS>;

export type { ReceivedTally };

export interface PartnerMocksOptions {
	/** The knobs these mocks read; a board of their own unless given. */
	faults?: FaultBoard;
	/** The seeded random source of a new board (faults and latencies); seed 1 unless given. */
	random?: () => number;
}

/** One set of mock partners: its handlers, knobs and partner state belong to it alone. */
export interface PartnerMocks {
	/** Every partner's MSW handlers. */
	handlers: RequestHandler[];
	/** Each partner's own mock: its handlers and state (Xandr's sessions and jobs, Mailchimp's lists). */
	partners: PartnerMocksById;
	/** The fault knobs per connector, and the random source they draw from. */
	faults: FaultBoard;
	/**
	 * What each connector's partner acknowledged taking (Meta: POST adds, DELETE removes). Only for
	 * tests: the crash-safety end-to-end test reads the engine worker's tally through DevTools.
	 */
	receivedTally: ReceivedTally;
	/** The partners' answer to a request, or undefined when no mock serves its URL. */
	respond(request: Request): Promise<Response | undefined>;
	/** Healthy partners that remember nothing: knobs, sessions, jobs, lists and tally forgotten. */
	reset(): void;
}

/** A fresh set of mock partners, sharing nothing with any other set. */
export function createPartnerMocks(options: PartnerMocksOptions = {}): PartnerMocks {
	const faults = options.faults ?? new FaultBoard(options.random);
	const receivedTally: ReceivedTally = {};
	const kit = partnerMockKit(faults, receivedTally);
	const partners = Object.fromEntries(Object.entries(PARTNER_MOCKS).map(([id, create]) => [id, create(kit)])) as PartnerMocksById;
	const partnerHandlers = Object.values(partners).map((partner) => partner.handlers);
	const handlers = partnerHandlers.flat();
	const servedBy = new Map<string, RequestHandler[]>();

	// After a host's first answer only its partner's handlers are tried for it (msw would try every handler of every partner in turn).
	async function resolve(request: Request): Promise<Response | undefined> {
		const origin = new URL(request.url).origin;
		const known = servedBy.get(origin);
		if (known) return (await answer(request, known)) ?? answer(request, handlers);
		for (const partner of partnerHandlers) {
			const response = await answer(request, partner);
			if (response) {
				servedBy.set(origin, partner);
				return response;
			}
		}
		return undefined;
	}

	return {
		handlers,
		partners,
		faults,
		receivedTally,
		respond: resolve,
		reset() {
			faults.reset();
			for (const partner of Object.values(partners) as Array<{ reset?(): void }>) partner.reset?.();
			for (const connectorId of Object.keys(receivedTally)) delete receivedTally[connectorId];
		}
	};
}

/**
 * The answer of these handlers to a request, as msw's getResponse gives it, or undefined. msw
 * clones each request so that its logging can read the body again; nothing reads that copy here
 * (and a DV360 batch is 8 MB), so the request stands in for its clone.
 */
export function answer(request: Request, handlers: RequestHandler[]): Promise<Response | undefined> {
	RequestHandler.cache.set(request, request);
	return getResponse(handlers, request);
}
