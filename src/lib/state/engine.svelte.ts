import { messageOf } from '$lib/domain/message';
import type { EngineClient } from '$lib/engine/client';
import type { EngineProgress, HistoryResult, OpenEngineOptions } from '$lib/engine/protocol';
import { LeaderElection, type ElectionChannel, type ElectionTimers } from './leader-election';

type Command =
	| { kind: 'start' }
	| { kind: 'pause' }
	| { kind: 'step'; ms: number }
	| { kind: 'speed'; speed: number }
	| { kind: 'population'; populationSize: number; trafficRate: number }
	| { kind: 'reset' }
	| { kind: 'history'; days: number }
	| { kind: 'cancelHistory' };

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

	start = () => this.#command({ kind: 'start' });
	pause = () => this.#command({ kind: 'pause' });
	step = (ms: number) => this.#command({ kind: 'step', ms });
	setSpeed = (speed: number) => this.#command({ kind: 'speed', speed });
	setPopulation = (populationSize: number, trafficRate: number) => this.#command({ kind: 'population', populationSize, trafficRate });
	reset = () => this.#command({ kind: 'reset' });
	generateHistory = (days: number) => this.#command({ kind: 'history', days });
	cancelHistory = () => this.#command({ kind: 'cancelHistory' });

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
			switch (command.kind) {
				case 'start':
					return await this.#client.start();
				case 'pause':
					return await this.#client.pause();
				case 'step':
					return await this.#client.step(command.ms);
				case 'speed':
					return await this.#client.setSpeed(command.speed);
				case 'population':
					return await this.#client.setPopulation({ populationSize: command.populationSize, trafficRate: command.trafficRate });
				case 'reset':
					return await this.#client.reset();
				case 'history':
					this.#lastHistory = await this.#client.generateHistory(command.days);
					return;
				case 'cancelHistory':
					return await this.#client.cancelHistory();
			}
		} catch (error) {
			this.#problem = `The engine refused "${command.kind}": ${messageOf(error)}`;
		}
	}
}
