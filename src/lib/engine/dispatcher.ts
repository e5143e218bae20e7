import { addCounts, emptyCounts, type StatisticsIncrement } from '$lib/domain/statistics';
import { hourStart } from '$lib/domain/time';
import type { MessageSource } from '$lib/domain/dispatch-rules';
import type { DeliveryError, DeliveryOutcome, Operation } from '$lib/partners/adapter';

/**
 * The dispatcher's pure core: queues per connector and use, batches up to the partner's limit
 * with a maximum wait, a concurrency limit and a token-bucket rate limit per connector,
 * retries with exponential backoff and jitter, and the accounting of every message. It does no
 * I/O and reads no clock: the runner passes the sandbox time and the random source in, carries
 * out the sends, and hands the outcomes back.
 *
 * Accounting: every accepted message ends in exactly one final outcome (sent, removed, error,
 * skipped, cancelled), and at every moment accepted = finished + queued + sending + waiting.
 */

export interface DispatchConnector {
	id: string;
	maxBatchSize: number;
	/** The partner's quota; null when it publishes none. */
	requestsPerMinute: number | null;
	/** Requests in flight at once. */
	concurrency: number;
	supportsRemoval: boolean;
}

export interface DispatchPolicy {
	/** A partial batch is sent once its oldest message waited this long. */
	maxWaitMs: number;
	maxAttempts: number;
	/** A message older than this is not retried again. */
	maxAgeMs: number;
	backoffBaseMs: number;
	backoffCapMs: number;
}

export const DEFAULT_POLICY: DispatchPolicy = {
	maxWaitMs: 5_000,
	maxAttempts: 5,
	maxAgeMs: 60 * 60_000,
	backoffBaseMs: 2_000,
	backoffCapMs: 5 * 60_000
};

/** A message offered to the dispatcher; it keeps copies of what it needs, never the object. */
export interface IncomingMessage {
	profileIndex: number;
	/** The identifier the partner reads, normalised and hashed; null when the profile lacks it. */
	identifier: string | null;
	connectorId: string;
	operation: Operation;
	settings: Record<string, string>;
	/** Identifies the settings, so equal settings share a queue. */
	settingsKey: string;
	source: MessageSource;
}

/**
 * Queued messages as columns, one array per field: a queue holds hundreds of thousands of
 * messages, and an object per message would outlive the young generation and be copied by
 * every garbage collection until sent. Message i is (profileIndexes[i], identifiers[i], acceptedAt[i]).
 */
export interface MessageColumns {
	profileIndexes: number[];
	/** Normalised and hashed as the partner reads it. */
	identifiers: string[];
	acceptedAt: number[];
}

export function emptyColumns(): MessageColumns {
	return { profileIndexes: [], identifiers: [], acceptedAt: [] };
}

/** How many messages the columns hold. */
export function columnsLength(columns: MessageColumns): number {
	return columns.profileIndexes.length;
}

/** Removes and returns the first `count` messages. */
function takeFront(columns: MessageColumns, count: number): MessageColumns {
	return {
		profileIndexes: columns.profileIndexes.splice(0, count),
		identifiers: columns.identifiers.splice(0, count),
		acceptedAt: columns.acceptedAt.splice(0, count)
	};
}

/**
 * How many of a lane's first messages had arrived by `now`, at most `limit`. A lane holds its
 * messages in arrival order (the simulator emits in time order), so a binary search finds it.
 */
function arrivedBy(acceptedAt: readonly number[], now: number, limit: number): number {
	let high = Math.min(acceptedAt.length, limit);
	if (high === 0 || acceptedAt[high - 1]! <= now) return high;
	let low = 0;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (acceptedAt[middle]! <= now) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Snapshots saved before the columns (an object per message) are read as columns, so an
 * engine checkpoint stored by an older version resumes with every message.
 */
function asColumns(messages: MessageColumns | Array<{ profileIndex: number; identifier: string; acceptedAt: number }>): MessageColumns {
	if (!Array.isArray(messages)) return messages;
	return {
		profileIndexes: messages.map((m) => m.profileIndex),
		identifiers: messages.map((m) => m.identifier),
		acceptedAt: messages.map((m) => m.acceptedAt)
	};
}

export interface Batch {
	id: number;
	connectorId: string;
	operation: Operation;
	settings: Record<string, string>;
	source: MessageSource;
	laneKey: string;
	messages: MessageColumns;
	/** 1 for the first try. */
	attempt: number;
	firstAttemptAt: number;
	/** When a batch waiting to retry may go again. */
	dueAt: number;
}

export interface Counters {
	accepted: number;
	queued: number;
	sending: number;
	waitingRetry: number;
	sent: number;
	removed: number;
	errors: number;
	skipped: number;
	cancelled: number;
	/** Requests made, first tries and retries alike. */
	attempts: number;
	retries: number;
}

export function emptyCounters(): Counters {
	return { accepted: 0, queued: 0, sending: 0, waitingRetry: 0, sent: 0, removed: 0, errors: 0, skipped: 0, cancelled: 0, attempts: 0, retries: 0 };
}

export type AcceptResult = 'accepted' | 'skipped' | 'refused';

export interface DispatcherSnapshot {
	lanes: Array<{
		key: string;
		connectorId: string;
		operation: Operation;
		settings: Record<string, string>;
		settingsKey: string;
		source: MessageSource;
		messages: MessageColumns;
	}>;
	waiting: Batch[];
	sending: Batch[];
	counters: Array<[string, Counters]>;
	total: Counters;
	nextBatchId: number;
}

interface Lane {
	key: string;
	connectorId: string;
	operation: Operation;
	settings: Record<string, string>;
	settingsKey: string;
	source: MessageSource;
	messages: MessageColumns;
}

/** The one rule for whether a connector may receive a message from a source (see domain/dispatch-rules). */
export type MayReceive = (connectorId: string, source: MessageSource) => boolean;

interface Bucket {
	tokens: number;
	updatedAt: number;
}

export class Dispatcher {
	readonly #policy: DispatchPolicy;
	readonly #random: () => number;
	readonly #mayReceive: MayReceive;
	readonly #connectors = new Map<string, DispatchConnector>();
	readonly #lanes = new Map<string, Lane>();
	readonly #waiting: Batch[] = [];
	readonly #sending = new Map<number, Batch>();
	readonly #inFlightPerConnector = new Map<string, number>();
	readonly #buckets = new Map<string, Bucket>();
	readonly #counters = new Map<string, Counters>();
	readonly #total = emptyCounters();
	#increments = new Map<string, StatisticsIncrement>();
	#nextBatchId = 1;
	#lastLane: Lane | undefined;

	constructor(options: { random: () => number; mayReceive?: MayReceive; policy?: Partial<DispatchPolicy> }) {
		this.#random = options.random;
		this.#mayReceive = options.mayReceive ?? (() => true);
		this.#policy = { ...DEFAULT_POLICY, ...options.policy };
	}

	/** Adds a connector or updates its limits. */
	setConnector(connector: DispatchConnector): void {
		this.#connectors.set(connector.id, connector);
		this.#lastLane = undefined;
	}

	/** A deleted connector: whatever still waits for it is cancelled. */
	removeConnector(connectorId: string, now: number): void {
		this.#lastLane = undefined;
		this.#cancelWhere((lane) => lane.connectorId === connectorId, now);
		this.#connectors.delete(connectorId);
	}

	/**
	 * Asks the rule again for everything queued or waiting to retry, after a connector was
	 * deactivated or a journey published: what may no longer be sent ends as cancelled.
	 */
	recheck(now: number): void {
		this.#lastLane = undefined;
		this.#cancelWhere((lane) => !this.#mayReceive(lane.connectorId, lane.source), now);
	}

	/**
	 * Takes a message in. `identifier` null means the profile lacks what the partner reads:
	 * accepted and finished at once as skipped. A remove to a partner without removal, or a
	 * message the caller's rule refused, is never accepted.
	 */
	accept(message: Readonly<IncomingMessage>, now: number): AcceptResult {
		// Consecutive messages mostly share a lane, whose first message the rule already let
		// through: nothing that changes the rule's answer happened since (see #forgetLastLane).
		const last = this.#lastLane;
		let lane =
			last !== undefined &&
			last.connectorId === message.connectorId &&
			last.operation === message.operation &&
			last.source.kind === message.source.kind &&
			last.source.id === message.source.id &&
			last.settingsKey === message.settingsKey
				? last
				: undefined;
		if (!lane) {
			const connector = this.#connectors.get(message.connectorId);
			if (!connector || (message.operation === 'remove' && !connector.supportsRemoval)) return 'refused';
			if (!this.#mayReceive(message.connectorId, message.source)) return 'refused';
		}
		const counters = this.#countersOf(message.connectorId);
		counters.accepted++;
		this.#total.accepted++;
		if (message.identifier === null) {
			this.#finish(message.connectorId, 1, 'skipped', now);
			return 'skipped';
		}
		if (!lane) {
			const key = `${message.connectorId}\u0000${message.operation}\u0000${message.source.kind}:${message.source.id}\u0000${message.settingsKey}`;
			lane = this.#lanes.get(key);
			if (!lane) {
				lane = {
					key,
					connectorId: message.connectorId,
					operation: message.operation,
					settings: message.settings,
					settingsKey: message.settingsKey,
					source: message.source,
					messages: emptyColumns()
				};
				this.#lanes.set(key, lane);
			}
			this.#lastLane = lane;
		}
		const queue = lane.messages;
		queue.profileIndexes.push(message.profileIndex);
		queue.identifiers.push(message.identifier);
		queue.acceptedAt.push(now);
		counters.queued++;
		this.#total.queued++;
		return 'accepted';
	}

	/**
	 * The batches to send now: retries that are due first, then full batches, then partial
	 * ones that waited long enough (all of them when `flush`), within each connector's
	 * concurrency and rate limit.
	 */
	takeReady(now: number, flush = false): Batch[] {
		const ready: Batch[] = [];
		this.#waiting.sort((a, b) => a.dueAt - b.dueAt);
		for (let i = 0; i < this.#waiting.length; ) {
			const batch = this.#waiting[i]!;
			if (batch.dueAt > now) break;
			if (!this.#mayStart(batch.connectorId, now)) {
				i++;
				continue;
			}
			this.#waiting.splice(i, 1);
			this.#move(batch.connectorId, 'waitingRetry', 'sending', columnsLength(batch.messages));
			ready.push(this.#start(batch, now));
		}
		for (const lane of this.#lanes.values()) {
			const connector = this.#connectors.get(lane.connectorId);
			if (!connector) continue;
			while (columnsLength(lane.messages) > 0) {
				// Only messages that have arrived by now may leave: the runner takes a slice's
				// messages in at its start, each with its own later time.
				const arrived = arrivedBy(lane.messages.acceptedAt, now, connector.maxBatchSize);
				if (arrived === 0) break;
				const full = arrived >= connector.maxBatchSize;
				const waitedEnough = now - lane.messages.acceptedAt[0]! >= this.#policy.maxWaitMs;
				if (!full && !waitedEnough && !flush) break;
				if (!this.#mayStart(lane.connectorId, now)) break;
				const messages = takeFront(lane.messages, arrived);
				this.#move(lane.connectorId, 'queued', 'sending', columnsLength(messages));
				const batch: Batch = {
					id: this.#nextBatchId++,
					connectorId: lane.connectorId,
					operation: lane.operation,
					settings: lane.settings,
					source: lane.source,
					laneKey: lane.key,
					messages,
					attempt: 1,
					firstAttemptAt: now,
					dueAt: now
				};
				ready.push(this.#start(batch, now));
			}
		}
		return ready;
	}

	/**
	 * Accounts a finished request: each profile ends as delivered or with its error, or the
	 * batch waits to retry when the error allows it and attempts and age remain.
	 */
	complete(batchId: number, result: DeliveryOutcome, now: number): void {
		const batch = this.#sending.get(batchId);
		if (!batch) throw new Error(`Batch ${batchId} is not being sent.`);
		this.#sending.delete(batchId);
		this.#inFlightPerConnector.set(batch.connectorId, (this.#inFlightPerConnector.get(batch.connectorId) ?? 1) - 1);
		const error = result.batchError;
		if (error) {
			let oldest = Infinity;
			for (const at of batch.messages.acceptedAt) if (at < oldest) oldest = at;
			const age = now - oldest;
			const mayRetry = this.#connectors.has(batch.connectorId) && this.#mayReceive(batch.connectorId, batch.source);
			if (error.retryable && mayRetry && batch.attempt < this.#policy.maxAttempts && age < this.#policy.maxAgeMs) {
				batch.attempt++;
				batch.dueAt = now + this.#backoff(batch.attempt, error);
				this.#waiting.push(batch);
				this.#move(batch.connectorId, 'sending', 'waitingRetry', columnsLength(batch.messages));
				this.#countersOf(batch.connectorId).retries++;
				this.#total.retries++;
				return;
			}
			this.#move(batch.connectorId, 'sending', null, columnsLength(batch.messages));
			this.#finish(batch.connectorId, columnsLength(batch.messages), error, now);
			return;
		}
		const rejected = result.rejected.length;
		this.#move(batch.connectorId, 'sending', null, columnsLength(batch.messages));
		for (const { error: itemError } of result.rejected) this.#finish(batch.connectorId, 1, itemError, now);
		this.#finish(batch.connectorId, columnsLength(batch.messages) - rejected, batch.operation === 'add' ? 'sent' : 'removed', now);
	}

	/** The earliest moment something becomes ready without new messages, or null. */
	nextWakeAt(): number | null {
		let next = Infinity;
		for (const batch of this.#waiting) next = Math.min(next, this.#withToken(batch.connectorId, batch.dueAt));
		for (const lane of this.#lanes.values()) {
			const queued = columnsLength(lane.messages);
			if (queued === 0) continue;
			const acceptedAt = lane.messages.acceptedAt;
			const maxBatchSize = this.#connectors.get(lane.connectorId)?.maxBatchSize ?? Infinity;
			// Ready when its oldest message has waited long enough, or when a full batch has arrived.
			let readyAt = acceptedAt[0]! + this.#policy.maxWaitMs;
			if (queued >= maxBatchSize) readyAt = Math.min(readyAt, acceptedAt[maxBatchSize - 1]!);
			next = Math.min(next, this.#withToken(lane.connectorId, readyAt));
		}
		return next === Infinity ? null : next;
	}

	/**
	 * When something due at `at` can really start: not before the connector's bucket holds a
	 * token again. Without this a batch due while the bucket was empty (a retry of Xandr's one
	 * upload a minute) gave a wake time already past, the runner's flush never moved the clock
	 * on, and the batch stayed waiting to retry after the run had ended.
	 */
	#withToken(connectorId: string, at: number): number {
		const connector = this.#connectors.get(connectorId);
		const bucket = this.#buckets.get(connectorId);
		if (!connector || connector.requestsPerMinute === null || !bucket || bucket.tokens >= 1) return at;
		return Math.max(at, bucket.updatedAt + Math.ceil(((1 - bucket.tokens) * 60_000) / connector.requestsPerMinute));
	}

	/** Whether anything is queued, sending or waiting to retry. */
	get idle(): boolean {
		return this.#total.queued + this.#total.sending + this.#total.waitingRetry === 0;
	}

	get totals(): Readonly<Counters> {
		return this.#total;
	}

	countersOf(connectorId: string): Readonly<Counters> {
		return this.#counters.get(connectorId) ?? emptyCounters();
	}

	connectorIds(): string[] {
		return [...this.#counters.keys()];
	}

	/** Statistics of the messages that ended since the last call. */
	drainIncrements(): StatisticsIncrement[] {
		const drained = [...this.#increments.values()];
		this.#increments = new Map();
		return drained;
	}

	/**
	 * Takes back increments whose commit failed (storage full, say), so the next commit carries
	 * them: the stored statistics never fall behind the counters they are checked against.
	 */
	returnIncrements(increments: readonly StatisticsIncrement[]): void {
		for (const returned of increments) {
			const key = `${returned.connectorId}\u0000${returned.hour}`;
			const present = this.#increments.get(key);
			this.#increments.set(key, present ? { ...present, counts: addCounts(present.counts, returned.counts) } : returned);
		}
	}

	/**
	 * Everything not finished, and the counters, as structured-cloneable data. Saved with the
	 * statistics in one transaction, it lets a reload resume with every message accounted once.
	 */
	snapshot(): DispatcherSnapshot {
		return structuredClone({
			lanes: [...this.#lanes.values()],
			waiting: this.#waiting,
			sending: [...this.#sending.values()],
			counters: [...this.#counters.entries()],
			total: this.#total,
			nextBatchId: this.#nextBatchId
		});
	}

	/**
	 * Resumes from a snapshot. Batches that were being sent had no answer recorded: they are
	 * sent again (the partner may see them twice; the statistics count them once).
	 */
	restore(snapshot: DispatcherSnapshot, now: number): void {
		const copy = structuredClone(snapshot);
		this.#lastLane = undefined;
		this.#lanes.clear();
		for (const lane of copy.lanes) this.#lanes.set(lane.key, { ...lane, messages: asColumns(lane.messages) });
		this.#waiting.length = 0;
		this.#waiting.push(...copy.waiting.map((batch) => ({ ...batch, messages: asColumns(batch.messages) })));
		this.#sending.clear();
		this.#inFlightPerConnector.clear();
		this.#counters.clear();
		for (const [id, counters] of copy.counters) this.#counters.set(id, counters);
		Object.assign(this.#total, copy.total);
		for (const sent of copy.sending) {
			const batch = { ...sent, messages: asColumns(sent.messages), dueAt: now };
			this.#waiting.push(batch);
			this.#move(batch.connectorId, 'sending', 'waitingRetry', columnsLength(batch.messages));
		}
		this.#nextBatchId = copy.nextBatchId;
		this.#increments = new Map();
	}

	#mayStart(connectorId: string, now: number): boolean {
		const connector = this.#connectors.get(connectorId);
		if (!connector) return false;
		if ((this.#inFlightPerConnector.get(connectorId) ?? 0) >= connector.concurrency) return false;
		if (connector.requestsPerMinute === null) return true;
		const bucket = this.#bucketOf(connector, now);
		return bucket.tokens >= 1;
	}

	#start(batch: Batch, now: number): Batch {
		const connector = this.#connectors.get(batch.connectorId)!;
		if (connector.requestsPerMinute !== null) this.#bucketOf(connector, now).tokens -= 1;
		this.#sending.set(batch.id, batch);
		this.#inFlightPerConnector.set(batch.connectorId, (this.#inFlightPerConnector.get(batch.connectorId) ?? 0) + 1);
		this.#countersOf(batch.connectorId).attempts++;
		this.#total.attempts++;
		return batch;
	}

	#bucketOf(connector: DispatchConnector, now: number): Bucket {
		const capacity = connector.requestsPerMinute ?? Infinity;
		let bucket = this.#buckets.get(connector.id);
		if (!bucket) {
			bucket = { tokens: capacity, updatedAt: now };
			this.#buckets.set(connector.id, bucket);
		}
		const refill = ((now - bucket.updatedAt) * capacity) / 60_000;
		bucket.tokens = Math.min(capacity, bucket.tokens + refill);
		bucket.updatedAt = now;
		return bucket;
	}

	/** Exponential backoff with jitter, never sooner than the partner's Retry-After. */
	#backoff(attempt: number, error: DeliveryError): number {
		const exponential = Math.min(this.#policy.backoffCapMs, this.#policy.backoffBaseMs * 2 ** (attempt - 2));
		const jittered = exponential * (0.5 + this.#random());
		return Math.max(error.retryAfterMs ?? 0, Math.round(jittered));
	}

	#cancelWhere(cancel: (lane: { connectorId: string; source: MessageSource }) => boolean, now: number): void {
		for (const [key, lane] of this.#lanes) {
			if (!cancel(lane)) continue;
			this.#move(lane.connectorId, 'queued', null, columnsLength(lane.messages));
			this.#finish(lane.connectorId, columnsLength(lane.messages), 'cancelled', now);
			this.#lanes.delete(key);
			if (this.#lastLane === lane) this.#lastLane = undefined;
		}
		for (let i = this.#waiting.length - 1; i >= 0; i--) {
			const batch = this.#waiting[i]!;
			if (!cancel(batch)) continue;
			this.#waiting.splice(i, 1);
			this.#move(batch.connectorId, 'waitingRetry', null, columnsLength(batch.messages));
			this.#finish(batch.connectorId, columnsLength(batch.messages), 'cancelled', now);
		}
	}

	#move(connectorId: string, from: 'queued' | 'sending' | 'waitingRetry', to: 'queued' | 'sending' | 'waitingRetry' | null, count: number): void {
		const counters = this.#countersOf(connectorId);
		counters[from] -= count;
		this.#total[from] -= count;
		if (to) {
			counters[to] += count;
			this.#total[to] += count;
		}
	}

	#finish(connectorId: string, count: number, outcome: 'sent' | 'removed' | 'skipped' | 'cancelled' | DeliveryError, now: number): void {
		if (count <= 0) return;
		const counters = this.#countersOf(connectorId);
		const hour = hourStart(now);
		const key = `${connectorId}\u0000${hour}`;
		let increment = this.#increments.get(key);
		if (!increment) {
			increment = { connectorId, hour, counts: emptyCounts() };
			this.#increments.set(key, increment);
		}
		const counts = increment.counts;
		if (typeof outcome === 'string') {
			counters[outcome] += count;
			this.#total[outcome] += count;
			counts[outcome] += count;
			return;
		}
		counters.errors += count;
		this.#total.errors += count;
		if (outcome.category === 'partnerError') {
			const code = outcome.code ?? 'unknown';
			counts.partnerErrors[code] = (counts.partnerErrors[code] ?? 0) + count;
		} else {
			counts[outcome.category] += count;
		}
	}

	#countersOf(connectorId: string): Counters {
		let counters = this.#counters.get(connectorId);
		if (!counters) {
			counters = emptyCounters();
			this.#counters.set(connectorId, counters);
		}
		return counters;
	}
}
