import { http, type PathParams, type RequestHandler } from 'msw';
import { CONNECTOR_HEADER, LATENCY_HEADER, NORMAL_LATENCY, type FaultBoard, type FaultSettings } from './faults';
import { forcedAnswer, type ErrorRow, type FaultRows, type Knobs } from './respond';

/** Members each connector's partner says it took, by connector and request method. */
export type ReceivedTally = Record<string, Record<string, number>>;

/** What a route's answer reads: the request, its path parameters and the connector's knobs. */
export interface RouteInput {
	request: Request;
	params: PathParams;
	faults: Knobs;
	/**
	 * Notes how many members the partner's success answer says it took, in the set's received
	 * tally (see PartnerMocks.receivedTally). The answer's author knows the count; reading it
	 * back from every answer cost a copy and a parse of each response (a tenth of a history).
	 */
	acknowledge(members: number): void;
}

export interface RouteOptions {
	/**
	 * What the partner's front end answers before any knob applies: a Response (a 404 page for an
	 * API version it does not serve), null to go on, or undefined for a request that is not this
	 * partner's at all (msw then offers it to the next handler).
	 */
	before?(input: RouteInput): Response | null | undefined;
	/**
	 * Which knobs force an answer on this route before the partner reads the request: all of
	 * them (the default), some (a function that turns the others off), or none (false: the route
	 * checks them itself, in the order the partner does).
	 */
	forced?: false | ((faults: FaultSettings) => FaultSettings);
}

type Answer = (input: RouteInput) => Response | undefined | Promise<Response | undefined>;

/** Declares one route of a partner: an msw handler that goes through the knobs and latency. */
export type Route = (method: 'get' | 'post' | 'put' | 'delete' | 'all', path: string | RegExp, answer: Answer, options?: RouteOptions) => RequestHandler;

/** What each partner's mock is built with: routes that read the knobs of one set of mocks. */
export interface PartnerMockKit {
	/** The route builder of a partner with this error catalogue and fault mapping. */
	routes(rows: readonly ErrorRow[], map: FaultRows): Route;
}

/** One partner's mock within a set of mocks: its handlers, and how to forget its state. */
export interface PartnerMock {
	handlers: RequestHandler[];
	reset?(): void;
}

/**
 * The one wrapper every route goes through: it reads the connector's knobs from the board,
 * answers what they force (unless the route says otherwise), and marks on every answer how long
 * the partner took (the transport applies it on the sandbox clock).
 */
export function partnerMockKit(board: FaultBoard, tally: ReceivedTally): PartnerMockKit {
	const random = () => board.random();
	return {
		routes: (rows, map) => (method, path, answer, options = {}) =>
			http[method](path, async ({ request, params }) => {
				const settings = board.forRequest(request);
				const input: RouteInput = { request, params, faults: { ...settings, random }, acknowledge: (members) => acknowledge(tally, request, members) };
				let response = options.before ? options.before(input) : null;
				if (response === null) {
					const forced = options.forced === false ? null : forcedAnswer(options.forced ? options.forced(settings) : settings, rows, map);
					response = forced ?? (await answer(input));
				}
				response?.headers.set(LATENCY_HEADER, String(board.latency(settings.slow ?? NORMAL_LATENCY)));
				return response;
			})
	};
}

function acknowledge(tally: ReceivedTally, request: Request, members: number): void {
	const connectorId = request.headers.get(CONNECTOR_HEADER);
	if (!connectorId) return;
	const byMethod = (tally[connectorId] ??= {});
	byMethod[request.method] = (byMethod[request.method] ?? 0) + members;
}
