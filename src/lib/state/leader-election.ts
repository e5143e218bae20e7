/**
 * One leader among the tabs of a workspace, agreed over a BroadcastChannel, for browsers
 * without Web Locks (a page served over plain HTTP is not a secure context, so
 * `navigator.locks` is missing there). With Web Locks the browser elects; this is the fallback.
 *
 * - A tab starts by claiming: a leader that hears the claim answers at once with a heartbeat,
 *   and the tab follows it. Tabs that claim at the same time tell each other so, and after a
 *   short settling time the one with the smallest id leads: every tab reaches the same verdict.
 * - The leader sends a heartbeat every `heartbeatMs`. A follower that hears nothing for
 *   `leaderTimeoutMs` claims again; a leader that leaves (pagehide) resigns, and the followers
 *   claim at once.
 * - Each leadership has a term, one more than the last the tab saw. Should two tabs ever both
 *   lead (a leader's timers throttled in a background tab past the timeout, say), the later
 *   term wins and the other steps down, so the tabs converge on one.
 */
export type ElectionMessage =
	| { type: 'claim'; id: string }
	| { type: 'candidate'; id: string }
	| { type: 'heartbeat'; id: string; term: number }
	| { type: 'resign'; id: string };

/** The part of a BroadcastChannel the election uses. */
export interface ElectionChannel {
	postMessage(message: ElectionMessage): void;
	onmessage: ((event: MessageEvent) => void) | null;
	close(): void;
}

/** Timers, injected so tests move time without waiting. */
export interface ElectionTimers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface ElectionOptions {
	/** This tab's id; unique among tabs, and the smallest wins a tie. */
	id: string;
	channel: ElectionChannel;
	timers: ElectionTimers;
	/** Called when this tab becomes the leader, and when it stops leading (another tab took over). */
	onChange: (leading: boolean) => void;
	heartbeatMs?: number;
	leaderTimeoutMs?: number;
	settleMs?: number;
}

export const HEARTBEAT_MS = 1000;
export const LEADER_TIMEOUT_MS = 4000;
export const SETTLE_MS = 400;

export type ElectionState = 'idle' | 'claiming' | 'following' | 'leading';

export class LeaderElection {
	readonly #o: Required<ElectionOptions>;
	#state: ElectionState = 'idle';
	#candidates = new Set<string>();
	#term = 0;
	#leader: string | null = null;
	#timer: unknown;

	constructor(options: ElectionOptions) {
		this.#o = { heartbeatMs: HEARTBEAT_MS, leaderTimeoutMs: LEADER_TIMEOUT_MS, settleMs: SETTLE_MS, ...options };
		this.#o.channel.onmessage = (event) => this.#receive(event.data as ElectionMessage);
	}

	get state(): ElectionState {
		return this.#state;
	}

	/** The tab that leads, as far as this tab knows (itself included). */
	get leader(): string | null {
		return this.#state === 'leading' ? this.#o.id : this.#leader;
	}

	start(): void {
		if (this.#state === 'idle') this.#claim();
	}

	/** Leaves the election (the page goes away): a leader resigns so another takes over at once. */
	stop(): void {
		if (this.#state === 'idle') return;
		const wasLeading = this.#state === 'leading';
		this.#setTimer(null);
		this.#state = 'idle';
		if (wasLeading) {
			this.#post({ type: 'resign', id: this.#o.id });
			this.#o.onChange(false);
		}
		this.#o.channel.onmessage = null;
		this.#o.channel.close();
	}

	#claim(): void {
		this.#state = 'claiming';
		this.#leader = null;
		this.#candidates = new Set([this.#o.id]);
		this.#post({ type: 'claim', id: this.#o.id });
		this.#setTimer(() => this.#settle(), this.#o.settleMs);
	}

	#settle(): void {
		const winner = [...this.#candidates].sort()[0];
		if (winner === this.#o.id) {
			this.#lead();
			return;
		}
		// Another candidate wins; if its heartbeat never comes (it closed meanwhile), claim again.
		this.#follow(winner ?? null, this.#term);
	}

	#lead(): void {
		this.#state = 'leading';
		this.#term += 1;
		this.#leader = this.#o.id;
		this.#heartbeat();
		this.#o.onChange(true);
	}

	#heartbeat(): void {
		this.#post({ type: 'heartbeat', id: this.#o.id, term: this.#term });
		this.#setTimer(() => this.#heartbeat(), this.#o.heartbeatMs);
	}

	#follow(leader: string | null, term: number): void {
		const wasLeading = this.#state === 'leading';
		this.#state = 'following';
		this.#leader = leader;
		this.#term = Math.max(this.#term, term);
		this.#setTimer(() => this.#claim(), this.#o.leaderTimeoutMs);
		if (wasLeading) this.#o.onChange(false);
	}

	#receive(message: ElectionMessage): void {
		if (this.#state === 'idle' || message.id === this.#o.id) return;
		switch (message.type) {
			case 'claim':
				if (this.#state === 'leading') this.#post({ type: 'heartbeat', id: this.#o.id, term: this.#term });
				else if (this.#state === 'claiming') {
					this.#candidates.add(message.id);
					// The claimant may have missed this tab's claim (it opened later): say so.
					this.#post({ type: 'candidate', id: this.#o.id });
				}
				return;
			case 'candidate':
				if (this.#state === 'claiming') this.#candidates.add(message.id);
				return;
			case 'heartbeat':
				if (this.#state === 'leading') {
					const theirsWins = message.term > this.#term || (message.term === this.#term && message.id < this.#o.id);
					if (theirsWins) this.#follow(message.id, message.term);
					else this.#post({ type: 'heartbeat', id: this.#o.id, term: this.#term });
					return;
				}
				this.#follow(message.id, message.term);
				return;
			case 'resign':
				if (this.#state === 'claiming') this.#candidates.delete(message.id);
				else if (this.#state === 'following' && (this.#leader === message.id || this.#leader === null)) this.#claim();
				return;
		}
	}

	#post(message: ElectionMessage): void {
		this.#o.channel.postMessage(message);
	}

	#setTimer(callback: (() => void) | null, ms = 0): void {
		if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
		this.#timer = callback ? this.#o.timers.setTimeout(callback, ms) : undefined;
	}
}
