import { messageOf } from '$lib/domain/message';
import type { Connector } from '$lib/domain/connector';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '$lib/domain/connector';
import { mayReceive, type MessageSource } from '$lib/domain/dispatch-rules';
import type { Journey } from '$lib/domain/journey';
import type { Profile } from '$lib/domain/profile';
import type { DeliveryLogEntry, OutcomeCategory, StatisticsIncrement } from '$lib/domain/statistics';
import { dayInZone } from '$lib/domain/time';
import type { Delivery, DeliveryOutcome, Operation, Recipient, Session } from '$lib/partners/adapter';
import { IdentifierCache, type Sha256 } from '$lib/partners/identifiers';
import { partnerById } from '$lib/partners/registry';
import { Dispatcher, type Batch, type DispatcherSnapshot, type DispatchPolicy, type IncomingMessage } from './dispatcher';
import { runExchange, type ExchangeRequest } from './exchange';
import { logExchanges } from './masking';
import type { Transport } from './transport';

/** A message the simulator emits: a profile entering or leaving, or a journey step. */
export interface SimMessage {
	profileIndex: number;
	connectorId: string;
	operation: Operation;
	settings: Record<string, string>;
	source: MessageSource;
	at: number;
}

/** What the runner needs of the simulator. */
export interface SimulatorPort {
	advance(to: number): SimMessage[];
	/**
	 * Does what `advance` does, handing each message to `accept` as soon as it is made rather
	 * than gathering them in an array (hundreds of thousands at one instant would otherwise all
	 * outlive the young generation). The message object is only valid during the call.
	 */
	advanceInto?(to: number, accept: (message: SimMessage) => void): void;
	profile(index: number): Profile;
}

export interface RunnerDeps {
	simulator: SimulatorPort;
	transportFor(connector: Connector): Transport;
	sha256: Sha256;
	random: () => number;
	timeZone: string;
	policy?: Partial<DispatchPolicy>;
	/** How much sandbox time one step of the loop covers at most. */
	sliceMs?: number;
}

interface Completion {
	at: number;
	batch: Batch;
	outcome: DeliveryOutcome;
	session: Session | null | undefined;
	log: Array<Omit<DeliveryLogEntry, 'category' | 'partnerCode' | 'message' | 'day' | 'example'>>;
}

const EXAMPLES_PER_DAY_AND_CATEGORY = 3;
const RECENT_PER_CONNECTOR = 200;

/**
 * Carries out the dispatcher's decisions on the sandbox clock: takes the simulator's messages
 * in through the one rule (mayReceive), resolves identifiers once per profile, sends ready
 * batches through the partner adapters (concurrently, in real time), and accounts each answer
 * at the sandbox time it arrives (send time plus the partner's latency).
 */
export class EngineRunner {
	readonly #deps: RunnerDeps;
	readonly #dispatcher: Dispatcher;
	readonly #identifiers: IdentifierCache;
	readonly #connectors = new Map<string, Connector>();
	readonly #journeys = new Map<string, Journey>();
	readonly #sessions = new Map<string, Session>();
	readonly #settingsKeys = new Map<Record<string, string>, string>();
	#completions: Completion[] = [];
	readonly #profileAt = (index: number) => this.#deps.simulator.profile(index);
	readonly #acceptMessage = (message: SimMessage) => this.#accept(message);
	#now: number;
	#recent = new Map<string, DeliveryLogEntry[]>();
	#examples = new Map<string, number>();
	#logSeq = 0;
	readonly #incoming: IncomingMessage = { profileIndex: 0, identifier: null, connectorId: '', operation: 'add', settings: {}, settingsKey: '', source: { kind: 'audience', id: '' } };

	constructor(deps: RunnerDeps, start: number) {
		this.#deps = deps;
		this.#now = start;
		this.#identifiers = new IdentifierCache(deps.sha256);
		this.#dispatcher = new Dispatcher({
			random: deps.random,
			policy: deps.policy,
			mayReceive: (connectorId, source) => this.#mayReceive(connectorId, source)
		});
	}

	get now(): number {
		return this.#now;
	}

	get dispatcher(): Dispatcher {
		return this.#dispatcher;
	}

	/** The connectors as stored now; a deactivated one stops receiving at once (the rule decides). */
	setConnectors(connectors: readonly Connector[]): void {
		const ids = new Set(connectors.map((c) => c.id));
		for (const id of this.#connectors.keys()) if (!ids.has(id)) this.#dispatcher.removeConnector(id, this.#now);
		this.#connectors.clear();
		for (const connector of connectors) {
			const partner = partnerById(connector.partnerId);
			if (!partner) continue;
			this.#connectors.set(connector.id, connector);
			this.#dispatcher.setConnector({
				id: connector.id,
				maxBatchSize: Math.min(partner.catalog.limits.maxBatchSize, partner.adapter.batchSize?.(connector.config) ?? Infinity),
				requestsPerMinute: partner.catalog.limits.requestsPerMinute,
				concurrency: 4,
				supportsRemoval: partner.catalog.supportsRemoval
			});
		}
		this.#identifiers.prepare(
			[...this.#connectors.values()].flatMap((c) => {
				const catalog = partnerById(c.partnerId)?.catalog;
				return catalog ? [{ kind: catalog.identifier, partnerNumber: catalog.partnerNumber }] : [];
			})
		);
		this.#dispatcher.recheck(this.#now);
	}

	/** Journeys as stored now: publishing a draft can end a deactivated connector's exception. */
	setJourneys(journeys: readonly Journey[]): void {
		this.#journeys.clear();
		for (const journey of journeys) this.#journeys.set(journey.id, journey);
		this.#dispatcher.recheck(this.#now);
	}

	/** Runs the sandbox clock forward to `target`. */
	async advanceTo(target: number): Promise<void> {
		const slice = this.#deps.sliceMs ?? 60_000;
		while (this.#now < target) {
			const sliceEnd = Math.min(target, this.#now + slice);
			const simulator = this.#deps.simulator;
			if (simulator.advanceInto) simulator.advanceInto(sliceEnd, this.#acceptMessage);
			else for (const message of simulator.advance(sliceEnd)) this.#accept(message);
			await this.#runUntil(sliceEnd, false);
			this.#now = sliceEnd;
		}
	}

	/** Sends everything still queued, without waiting for batches to fill (end of a run, tests). */
	async flush(): Promise<void> {
		for (let guard = 0; (!this.#dispatcher.idle || this.#completions.length > 0) && guard < 10_000; guard++) {
			const next = Math.max(this.#now, Math.min(this.#completions[0]?.at ?? Infinity, this.#dispatcher.nextWakeAt() ?? Infinity));
			await this.#runUntil(Number.isFinite(next) ? next : this.#now, true);
			if (Number.isFinite(next)) this.#now = next;
		}
	}

	/** Statistics and log entries since the last call, for one commit. */
	drain(): { increments: StatisticsIncrement[]; log: DeliveryLogEntry[] } {
		const log = [...this.#recent.values()].flat();
		this.#recent = new Map();
		return { increments: this.#dispatcher.drainIncrements(), log };
	}

	/** Takes back what a failed commit drained, so the next commit stores it (the log is a sample: not kept). */
	undrain({ increments }: { increments: StatisticsIncrement[] }): void {
		this.#dispatcher.returnIncrements(increments);
	}

	snapshot(): DispatcherSnapshot {
		return this.#dispatcher.snapshot();
	}

	restore(snapshot: DispatcherSnapshot): void {
		this.#dispatcher.restore(snapshot, this.#now);
	}

	#mayReceive(connectorId: string, source: MessageSource): boolean {
		const connector = this.#connectors.get(connectorId);
		if (!connector) return false;
		return mayReceive(connector, source, source.kind === 'journey' ? this.#journeys.get(source.id) : undefined);
	}

	#accept(message: SimMessage): void {
		const connector = this.#connectors.get(message.connectorId);
		if (!connector) return;
		const { identifier: kind, partnerNumber } = partnerById(connector.partnerId)!.catalog;
		// One reused object: the dispatcher copies what it keeps, and this runs for every message.
		const incoming = this.#incoming;
		incoming.profileIndex = message.profileIndex;
		incoming.identifier = this.#identifiers.get(message.profileIndex, kind, partnerNumber, this.#profileAt);
		incoming.connectorId = message.connectorId;
		incoming.operation = message.operation;
		incoming.settings = message.settings;
		incoming.settingsKey = this.#settingsKey(message.settings);
		incoming.source = message.source;
		this.#dispatcher.accept(incoming, message.at > this.#now ? message.at : this.#now);
	}

	async #runUntil(end: number, flush: boolean): Promise<void> {
		let t = this.#now;
		for (let guard = 0; guard < 100_000; guard++) {
			const ready = this.#dispatcher.takeReady(t, flush);
			if (ready.length > 0) {
				const done = await Promise.all(ready.map((batch) => this.#send(batch, t)));
				this.#completions.push(...done);
				this.#completions.sort((a, b) => a.at - b.at);
			}
			const wake = this.#dispatcher.nextWakeAt();
			const nextCompletion = this.#completions[0]?.at ?? Infinity;
			// A wake time already passed means the connector is at its limit: only an answer frees it.
			const next = Math.min(nextCompletion, wake !== null && wake > t ? wake : Infinity);
			if (next > end) return;
			t = next;
			while (this.#completions.length > 0 && this.#completions[0]!.at <= t) this.#complete(this.#completions.shift()!);
		}
	}

	async #send(batch: Batch, at: number): Promise<Completion> {
		const connector = this.#connectors.get(batch.connectorId);
		const partner = connector && partnerById(connector.partnerId);
		if (!connector || !partner) {
			return {
				at,
				batch,
				outcome: { batchError: { category: 'otherError', code: null, message: 'The connector was deleted.', retryable: false, retryAfterMs: null }, rejected: [], note: '' },
				session: undefined,
				log: []
			};
		}
		const simulator = this.#deps.simulator;
		const { profileIndexes, identifiers } = batch.messages;
		// Recipients (with their profiles) are made only for partners that read more than identifiers.
		let recipients: Recipient[] | undefined;
		const delivery: Delivery = {
			connectorId: connector.id,
			operation: batch.operation,
			identifiers,
			get recipients() {
				return (recipients ??= profileIndexes.map((index, i) => new LazyRecipient(simulator, index, identifiers[i]!)));
			},
			config: connector.config,
			settings: batch.settings,
			now: at
		};
		let elapsed = 0;
		const records: Array<{ record: ExchangeRequest; at: number }> = [];
		let result: Awaited<ReturnType<typeof runExchange>>;
		try {
			result = await runExchange(partner.adapter, partner.adapter.begin(delivery, this.#sessions.get(connector.id) ?? null), {
				connectorId: connector.id,
				timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
				transport: this.#deps.transportFor(connector),
				sleep: async (ms) => void (elapsed += ms),
				onRequest: (record) => {
					elapsed += record.reply.latencyMs;
					records.push({ record, at: at + elapsed });
				}
			});
		} catch (error) {
			// A fault in the sandbox's own code ends this batch as Other error; the engine goes on.
			const message = `The sandbox could not carry out this request: ${messageOf(error)}`;
			result = {
				outcome: { batchError: { category: 'otherError', code: null, message, retryable: false, retryAfterMs: null }, rejected: [], note: message },
				session: undefined,
				requests: records.length
			};
		}
		const logged = logExchanges(records.map((r) => r.record));
		const log: Completion['log'] = logged.map((entry, i) => ({
			id: '',
			connectorId: connector.id,
			at: records[i]!.at,
			method: entry.method,
			url: entry.url,
			requestHeaders: entry.requestHeaders,
			requestBodySample: entry.requestBodySample,
			status: entry.status,
			responseSample: entry.responseSample,
			latencyMs: entry.latencyMs,
			attempt: batch.attempt
		}));
		return { at: at + Math.max(1, elapsed), batch, outcome: result.outcome, session: result.session, log };
	}

	#complete(completion: Completion): void {
		const { batch, outcome } = completion;
		if (completion.session === null) this.#sessions.delete(batch.connectorId);
		else if (completion.session) this.#sessions.set(batch.connectorId, completion.session);
		this.#dispatcher.complete(batch.id, outcome, completion.at);
		const failure = outcome.batchError;
		// A request the partner took while refusing some profiles was sent: its rejections are
		// noted beside, so the log can show it behind both bars.
		const rejection = failure ? null : (outcome.rejected[0]?.error ?? null);
		const category: OutcomeCategory = failure ? failure.category : batch.operation === 'add' ? 'sent' : 'removed';
		for (const entry of completion.log) {
			const day = dayInZone(entry.at, this.#deps.timeZone);
			const slots = [category, ...(rejection ? [rejection.category] : [])].map((c) => `${entry.connectorId}\u0000${day}\u0000${c}`);
			// An example for each bar it stands behind, a few per day and bar.
			const example = slots.some((slot) => (this.#examples.get(slot) ?? 0) < EXAMPLES_PER_DAY_AND_CATEGORY);
			if (example) for (const slot of slots) this.#examples.set(slot, (this.#examples.get(slot) ?? 0) + 1);
			const full: DeliveryLogEntry = {
				...entry,
				id: `${entry.connectorId}:${entry.at}:${++this.#logSeq}`,
				category,
				rejectedCategory: rejection?.category ?? null,
				partnerCode: failure?.code ?? rejection?.code ?? null,
				message: failure?.message ?? outcome.note,
				day,
				example
			};
			const recent = this.#recent.get(entry.connectorId) ?? [];
			recent.push(full);
			// Keep what the ring will keep, plus examples; the store trims the rest.
			if (recent.length > RECENT_PER_CONNECTOR) {
				const dropAt = recent.findIndex((e) => !e.example);
				if (dropAt >= 0) recent.splice(dropAt, 1);
			}
			this.#recent.set(entry.connectorId, recent);
		}
	}

	#settingsKey(settings: Record<string, string>): string {
		let key = this.#settingsKeys.get(settings);
		if (key === undefined) {
			key = JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
			this.#settingsKeys.set(settings, key);
		}
		return key;
	}
}

/** A recipient whose profile is materialised only if the adapter reads it (Custom HTTP). */
class LazyRecipient implements Recipient {
	constructor(
		private readonly simulator: SimulatorPort,
		private readonly index: number,
		readonly identifier: string
	) {}

	get profileId(): string {
		return String(this.index);
	}

	get profile(): Profile {
		return this.simulator.profile(this.index);
	}
}
