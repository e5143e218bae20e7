import { messageOf } from '$lib/domain/message';
import type { EngineClient } from '$lib/engine/client';
import type { EngineApi, EngineProgress, HistoryResult, OpenEngineOptions } from '$lib/engine/protocol';
import { LeaderElection, type ElectionChannel, type ElectionTimers } from './leader-election';

/** The engine's commands any tab may give; the tab that runs the engine carries them out. */
type CommandName = 'start' | 'pause' | 'step' | 'setSpeed' | 'setPopulation' | 'reset' | 'generateHistory' | 'cancelHistory';

/** A command by its name in the protocol, with the protocol's arguments: nothing re-declared here. */
type Command = { [K in CommandName]: { name: K; args: Parameters<EngineApi[K]> } }[CommandName];

type ChannelMessage = { type: 'progress'; progress: EngineProgress } | { type: 'command'; command: Command } | { type: 'hello' };

/** What the controller needs of the browser, so tests can give it fakes. */
export interface EngineEnvironment {
	locks: Pick<LockManager, 'request'> | undefined;
	channel(name: string): Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((event: MessageEvent) => void) | null };
	/**
	 * Without Web Locks (plain HTTP is not a secure context) the tabs elect the engine's tab over
	 * a BroadcastChannel instead: this tab's id, timers, and the page's going away.
	 */
	election?: { tabId: string; timers: ElectionTimers; onPageHide(listener: () => void): void };
}

/**
 * One engine per workspace, however many tabs are open: the tab that holds the workspace's Web
 * Lock runs the engine in its worker; the others show its progress and send it their commands
 * over a BroadcastChannel. When the running tab closes, the lock passes to another tab.
 */
export class EngineController {
	#progress = $state.raw<EngineProgress | null>(null);
	#role = $state<'waiting' | 'running here' | 'running in another tab'>('waiting');
	#problem = $state<string | null>(null);
	#lastHistory = $state.raw<HistoryResult | null>(null);
	readonly #client: EngineClient;
	readonly #options: OpenEngineOptions;
	readonly #channel: ReturnType<EngineEnvironment['channel']>;
	readonly #environment: EngineEnvironment;
	#releaseLock: (() => void) | undefined;
	#election: LeaderElection | undefined;

	constructor(client: EngineClient, options: OpenEngineOptions, environment: EngineEnvironment) {
		this.#client = client;
		this.#options = options;
		this.#environment = environment;
		this.#channel = environment.channel(`activation-engine:${options.databaseName}`);
		this.#channel.onmessage = (event: MessageEvent) => void this.#onMessage(event.data as ChannelMessage);
	}

	get progress(): EngineProgress | null {
		return this.#progress;
	}

	/** Whether this tab runs the engine, or another one does. */
	get role(): 'waiting' | 'running here' | 'running in another tab' {
		return this.#role;
	}

	get problem(): string | null {
		return this.#problem ?? this.#progress?.problem ?? null;
	}

	get lastHistory(): HistoryResult | null {
		return this.#lastHistory;
	}

	/**
	 * Queues for the workspace's lock; until it is granted another tab runs the engine. Once
	 * this tab holds it, it opens the engine and, for a new workspace, calls `onLeader`.
	 */
	connect(onLeader?: () => Promise<void>): void {
		const locks = this.#environment.locks;
		this.#channel.postMessage({ type: 'hello' } satisfies ChannelMessage);
		if (!locks) {
			this.#elect(onLeader);
			return;
		}
		this.#role = 'running in another tab';
		void locks.request(`activation-engine:${this.#options.databaseName}`, () => {
			return new Promise<void>((release) => {
				this.#releaseLock = release;
				void this.#lead(onLeader);
			});
		});
	}

	start = () => this.#command({ name: 'start', args: [] });
	pause = () => this.#command({ name: 'pause', args: [] });
	step = (ms: number) => this.#command({ name: 'step', args: [ms] });
	setSpeed = (speed: number) => this.#command({ name: 'setSpeed', args: [speed] });
	setPopulation = (populationSize: number, trafficRate: number) => this.#command({ name: 'setPopulation', args: [{ populationSize, trafficRate }] });
	reset = () => this.#command({ name: 'reset', args: [] });
	generateHistory = (days: number) => this.#command({ name: 'generateHistory', args: [{ days }] });
	cancelHistory = () => this.#command({ name: 'cancelHistory', args: [] });

	disconnect(): void {
		this.#releaseLock?.();
		this.#election?.stop();
		this.#channel.close();
	}

	/**
	 * Without Web Locks the tabs elect one over a BroadcastChannel of their own: running an engine
	 * in every tab would send every message once per tab. A tab that stops leading (another took
	 * over after this one's heartbeats stalled) stops its engine.
	 */
	#elect(onLeader?: () => Promise<void>): void {
		const election = this.#environment.election;
		if (!election) {
			// Nothing to elect with (a test without timers): this tab runs the engine.
			void this.#lead(onLeader);
			return;
		}
		this.#role = 'running in another tab';
		this.#election = new LeaderElection({
			id: election.tabId,
			channel: this.#environment.channel(`activation-engine-election:${this.#options.databaseName}`) as ElectionChannel,
			timers: election.timers,
			onChange: (leading) => {
				if (leading) void this.#lead(onLeader);
				else void this.#stepDown();
			}
		});
		election.onPageHide(() => this.#election?.stop());
		this.#election.start();
	}

	async #stepDown(): Promise<void> {
		this.#role = 'running in another tab';
		try {
			await this.#client.pause();
		} catch {
			// The worker goes anyway; the new leader resumes from the last commit.
		}
		this.#client.dispose();
	}

	async #lead(onLeader?: () => Promise<void>): Promise<void> {
		this.#role = 'running here';
		try {
			this.#progress = await this.#client.open(this.#options);
			await this.#client.subscribe((progress) => {
				this.#progress = progress;
				this.#channel.postMessage({ type: 'progress', progress } satisfies ChannelMessage);
			});
			await onLeader?.();
		} catch (error) {
			this.#problem = `The engine could not start: ${messageOf(error)}`;
		}
	}

	async #onMessage(message: ChannelMessage): Promise<void> {
		if (message.type === 'progress' && this.#role !== 'running here') this.#progress = message.progress;
		else if (message.type === 'hello' && this.#role === 'running here' && this.#progress)
			this.#channel.postMessage({ type: 'progress', progress: this.#progress } satisfies ChannelMessage);
		else if (message.type === 'command' && this.#role === 'running here') await this.#command(message.command);
	}

	async #command(command: Command): Promise<void> {
		if (this.#role !== 'running here') {
			this.#channel.postMessage({ type: 'command', command } satisfies ChannelMessage);
			return;
		}
		this.#problem = null;
		try {
			const run = this.#client[command.name] as (...args: Command['args']) => Promise<unknown>;
			const result = await run.apply(this.#client, command.args);
			if (command.name === 'generateHistory') this.#lastHistory = result as HistoryResult;
		} catch (error) {
			this.#problem = `The engine refused "${command.name}": ${messageOf(error)}`;
		}
	}
}
