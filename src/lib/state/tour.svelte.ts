/**
 * Where the user is in the guided tour. Dismissing keeps the step, so the tour resumes where
 * it was left; the place is kept in the browser's storage, so it survives a reload.
 */
export type TourStatus = 'not started' | 'running' | 'paused' | 'finished';

interface Saved {
	status: TourStatus;
	step: number;
}

const KEY = 'activation-sandbox:tour';

export class TourGuide {
	#status = $state<TourStatus>('not started');
	#step = $state(0);
	readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;

	constructor(storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
		this.#storage = storage;
		const saved = read(storage);
		if (saved) {
			// A tour running when the page was closed comes back paused: it never opens by itself.
			this.#status = saved.status === 'running' ? 'paused' : saved.status;
			this.#step = saved.step;
		}
	}

	get status(): TourStatus {
		return this.#status;
	}

	get step(): number {
		return this.#step;
	}

	get running(): boolean {
		return this.#status === 'running';
	}

	/** From the first step. */
	start(): void {
		this.#step = 0;
		this.#set('running');
	}

	/** From the step where it was left. */
	resume(): void {
		this.#set('running');
	}

	next(count: number): void {
		if (this.#step + 1 >= count) {
			this.#step = 0;
			this.#set('finished');
			return;
		}
		this.#step++;
		this.#save();
	}

	back(): void {
		if (this.#step > 0) this.#step--;
		this.#save();
	}

	/** Closes the tour, keeping its place. */
	dismiss(): void {
		this.#set('paused');
	}

	/** Keeps the step within a shorter tour (a workspace with fewer connectors). */
	clamp(count: number): void {
		if (this.#step >= count) this.#step = Math.max(0, count - 1);
	}

	#set(status: TourStatus): void {
		this.#status = status;
		this.#save();
	}

	#save(): void {
		try {
			this.#storage?.setItem(KEY, JSON.stringify({ status: this.#status, step: this.#step } satisfies Saved));
		} catch {
			// Storage full or refused: the tour still works for this page's life.
		}
	}
}

function read(storage: Pick<Storage, 'getItem'> | null): Saved | null {
	try {
		const value = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<Saved> | null;
		const statuses: TourStatus[] = ['not started', 'running', 'paused', 'finished'];
		if (!value || !statuses.includes(value.status as TourStatus) || !Number.isInteger(value.step) || (value.step as number) < 0) return null;
		return { status: value.status as TourStatus, step: value.step as number };
	} catch {
		return null;
	}
}
