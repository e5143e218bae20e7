/** Timers on a virtual clock: `advance(ms)` runs what falls due, in order, delivering messages in between. */
export class FakeTimers {
	now = 0;
	#next = 1;
	#due = new Map<number, { at: number; callback: () => void }>();
	readonly hub = new FakeHub();

	setTimeout = (callback: () => void, ms: number): unknown => {
		const handle = this.#next++;
		this.#due.set(handle, { at: this.now + ms, callback });
		return handle;
	};

	clearTimeout = (handle: unknown): void => {
		this.#due.delete(handle as number);
	};

	advance(ms: number): void {
		const end = this.now + ms;
		this.hub.deliver();
		for (;;) {
			const [handle, timer] = [...this.#due].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0] ?? [];
			if (!timer || timer.at > end) break;
			this.#due.delete(handle!);
			this.now = timer.at;
			timer.callback();
			this.hub.deliver();
		}
		this.now = end;
	}
}

/** BroadcastChannels of one origin: a message reaches every other open channel of its name, later (as the browser's). */
export class FakeHub {
	#channels = new Set<FakeChannel>();
	#queue: Array<{ from: FakeChannel; data: unknown }> = [];
	/** Every message posted, for assertions. */
	readonly log: Array<{ name: string; data: unknown }> = [];

	channel = (name: string): FakeChannel => {
		const channel = new FakeChannel(name, this);
		this.#channels.add(channel);
		return channel;
	};

	post(from: FakeChannel, data: unknown): void {
		this.log.push({ name: from.name, data });
		this.#queue.push({ from, data: structuredClone(data) });
	}

	remove(channel: FakeChannel): void {
		this.#channels.delete(channel);
	}

	/** Delivers queued messages (and those they cause) until none is left. */
	deliver(): void {
		while (this.#queue.length > 0) {
			const { from, data } = this.#queue.shift()!;
			for (const channel of this.#channels) if (channel !== from && channel.name === from.name) channel.onmessage?.({ data } as MessageEvent);
		}
	}
}

export class FakeChannel {
	onmessage: ((event: MessageEvent) => void) | null = null;
	closed = false;
	constructor(
		readonly name: string,
		readonly hub: FakeHub
	) {}
	postMessage(data: unknown): void {
		if (this.closed) throw new Error('InvalidStateError: the channel is closed');
		this.hub.post(this, data);
	}
	close(): void {
		this.closed = true;
		this.hub.remove(this);
	}
}
