import { StorageFullError, WorkspaceClosedError } from '$lib/db';

/** What the storage banner says: the workspace changed elsewhere, storage is full, or a notice. */
export type StorageNotice =
	| { kind: 'changedElsewhere'; message: string }
	| { kind: 'full'; message: string }
	| { kind: 'interrupted'; message: string };

/** Where the unhandled failures of a page come from; `window` in the app, a fake in tests. */
export interface RejectionSource {
	addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
	removeEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

/**
 * Storage problems every page must show, whichever page caused them: the open workspace's
 * database closed by another tab, the browser's storage full, and creations cut short by an
 * earlier reload. A form that lets a storage failure escape is still covered: unhandled
 * rejections carrying one of these errors are shown here instead of vanishing in the console.
 */
export class StorageAlerts {
	#changedElsewhere = $state<StorageNotice | null>(null);
	#full = $state<StorageNotice | null>(null);
	#interrupted = $state.raw<StorageNotice[]>([]);

	/** The notices to show, the most pressing first. */
	get notices(): StorageNotice[] {
		return [this.#changedElsewhere, this.#full, ...this.#interrupted].filter((n): n is StorageNotice => n !== null);
	}

	/** Shows a storage failure; returns whether it was one (other errors are left to their callers). */
	report(error: unknown): boolean {
		if (error instanceof WorkspaceClosedError) {
			this.#changedElsewhere ??= { kind: 'changedElsewhere', message: error.message };
			return true;
		}
		if (error instanceof StorageFullError) {
			this.#full = { kind: 'full', message: error.message };
			return true;
		}
		return false;
	}

	/** Tells the user that the creation of these workspaces was cut short and its leftovers removed. */
	interrupted(names: readonly string[]): void {
		this.#interrupted = [
			...this.#interrupted,
			...names.map(
				(name): StorageNotice => ({
					kind: 'interrupted',
					message: `Creating the workspace "${name}" was interrupted (the page was reloaded or closed before it finished), so it was not added and its partial copy was removed. Import the file or start it again.`
				})
			)
		];
	}

	dismiss(notice: StorageNotice): void {
		if (notice.kind === 'full') this.#full = null;
		else if (notice.kind === 'interrupted') this.#interrupted = this.#interrupted.filter((n) => n !== notice);
		// "Changed in another tab" stays until the page is reloaded: nothing here can be saved.
	}

	/** Shows storage failures that no caller handled; returns a function that stops listening. */
	listen(source: RejectionSource): () => void {
		const onRejection = (event: PromiseRejectionEvent) => {
			if (this.report(event.reason)) event.preventDefault();
		};
		source.addEventListener('unhandledrejection', onRejection);
		return () => source.removeEventListener('unhandledrejection', onRejection);
	}
}
