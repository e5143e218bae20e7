/**
 * Fault knobs of the mock partners, set per connector at run time. The mocks emulate each
 * partner from its own side: they know the connector only through the X-Sandbox-Connector
 * header that the sandbox's mock transport adds (it never reaches a live endpoint).
 */

export const CONNECTOR_HEADER = 'x-sandbox-connector';
/** How long the partner took, on the sandbox clock; the transport applies it (no real waiting). */
export const LATENCY_HEADER = 'x-sandbox-latency-ms';

export interface LatencyDistribution {
	/** Half the requests are faster than this. */
	medianMs: number;
	/** Spread of the log-normal distribution: 0 is constant, 1 is a long tail. */
	spread: number;
}

export interface FaultSettings {
	/** Credentials the partner no longer or never accepted. */
	credentials: 'valid' | 'expired' | 'invalid';
	/** The platform is not allowlisted, or the account lacks access (permission denied). */
	notAllowlisted: boolean;
	/** Quota or rate limit exhausted: 429 and the partner's throttle codes. */
	throttled: boolean;
	/** The partner is down: its own 5xx error, or an empty 500. */
	outage: 'none' | 'partnerError' | 'empty500';
	/** Answers are slow; past the platform's timeout they count as Timeout. Null is normal speed. */
	slow: LatencyDistribution | null;
	/** Answers that are not the API's: an HTML error page, or JSON cut short. */
	malformed: 'none' | 'htmlPage' | 'truncatedJson';
	/** Share (0 to 1) of the profiles in a successful batch that the partner rejects one by one. */
	rejectionRate: number;
	/** Answer every request with this error row of the partner's error catalogue (its id). */
	answerWith: string | null;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
	credentials: 'valid',
	notAllowlisted: false,
	throttled: false,
	outage: 'none',
	slow: null,
	malformed: 'none',
	rejectionRate: 0,
	answerWith: null
});

/** Normal partner speed: most answers within a few hundred milliseconds. */
export const NORMAL_LATENCY: LatencyDistribution = { medianMs: 120, spread: 0.5 };

/** A small seeded random source (mulberry32), so faults and latencies replay the same way. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The fault settings of every connector, and the random source the mocks draw from. Each set of
 * partner mocks (createPartnerMocks) has a board of its own: two workspaces never share knobs.
 */
export class FaultBoard {
	readonly #settings = new Map<string, FaultSettings>();
	#random: () => number;

	/** A seed, or a random source of the caller's (it should be seeded, so runs replay). */
	constructor(random: number | (() => number) = 1) {
		this.#random = typeof random === 'number' ? seededRandom(random) : random;
	}

	/** Changes some knobs of a connector, keeping the others. */
	set(connectorId: string, change: Partial<FaultSettings>): FaultSettings {
		const next = { ...this.get(connectorId), ...change };
		this.#settings.set(connectorId, next);
		return next;
	}

	get(connectorId: string | null | undefined): FaultSettings {
		return (connectorId && this.#settings.get(connectorId)) || { ...NO_FAULTS };
	}

	/** Back to a healthy partner for one connector, or for all. */
	reset(connectorId?: string): void {
		if (connectorId === undefined) this.#settings.clear();
		else this.#settings.delete(connectorId);
	}

	reseed(seed: number): void {
		this.#random = seededRandom(seed);
	}

	random(): number {
		return this.#random();
	}

	/** A latency drawn from the distribution (log-normal around the median). */
	latency(distribution: LatencyDistribution): number {
		// Box-Muller: a standard normal from two uniform draws.
		const u = Math.max(this.random(), 1e-12);
		const v = this.random();
		const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		return Math.round(distribution.medianMs * Math.exp(distribution.spread * normal));
	}

	/** The fault settings that apply to a request, as its connector header names it. */
	forRequest(request: Request): FaultSettings {
		return this.get(request.headers.get(CONNECTOR_HEADER));
	}
}
