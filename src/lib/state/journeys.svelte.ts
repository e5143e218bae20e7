import { messageOf } from '$lib/domain/message';
import { untrack } from 'svelte';
import type { JourneyResult } from '$lib/db';
import { hasUnpublishedChanges, type Journey, type JourneyStep, type JourneyVersion } from '$lib/domain/journey';
import type { JourneyProblem } from '$lib/domain/journey-rules';
import { randomId } from '$lib/platform/random-id';

/** What the journey editor does with the stored journey; the route wires it to the repository. */
export interface JourneyActions {
	create(name: string, draft: JourneyVersion): Promise<JourneyResult>;
	saveDraft(id: string, name: string, draft: JourneyVersion): Promise<JourneyResult>;
	publish(id: string, name: string, draft: JourneyVersion): Promise<JourneyResult>;
	discardDraft(id: string): Promise<JourneyResult>;
	setStatus(id: string, status: 'live' | 'paused'): Promise<JourneyResult>;
}

/** A new journey's starting point. */
export function newJourneyVersion(audienceId: string | undefined): JourneyVersion {
	return {
		trigger: audienceId ? { kind: 'audienceEntered', audienceId } : { kind: 'event', eventType: 'purchase' },
		steps: [],
		exitConditions: null
	};
}

/** A new step of the given kind with a fresh id. */
export function newStep(kind: JourneyStep['kind'], newId: () => string = () => randomId()): JourneyStep {
	const id = newId();
	if (kind === 'wait') return { kind, id, hours: 24 };
	if (kind === 'branch')
		return { kind, id, condition: { combinator: 'and', items: [{ operator: 'equals', attribute: 'marketingConsent', value: true }] }, then: [], otherwise: [] };
	return { kind, id, connectorId: '', operation: 'add', settings: {} };
}

/**
 * The journey editor: a working copy of the name and draft, and the stored journey it came
 * from. Save stores the draft (live keeps running the published version); Publish stores it
 * and makes it live, or lists every problem naming its step.
 */
export class JourneyEditor {
	name = $state('');
	version = $state<JourneyVersion>(newJourneyVersion(undefined));
	#stored = $state.raw<Journey | null>(null);
	#problems = $state.raw<JourneyProblem[]>([]);
	#problemsFrom = $state<'save' | 'publish' | null>(null);
	#busy = $state(false);
	#notice = $state<string | null>(null);
	readonly #actions: JourneyActions;

	constructor(stored: Journey | null, actions: JourneyActions, initial?: JourneyVersion) {
		this.#actions = actions;
		untrack(() => this.#load(stored, initial));
	}

	get stored(): Journey | null {
		return this.#stored;
	}

	get problems(): JourneyProblem[] {
		return this.#problems;
	}

	/** Whether the problems came from saving or from publishing. */
	get problemsFrom(): 'save' | 'publish' | null {
		return this.#problemsFrom;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** What the last action did, for a polite status line. */
	get notice(): string | null {
		return this.#notice;
	}

	/** The working copy differs from the stored draft. */
	get unsaved(): boolean {
		const stored = this.#stored;
		if (!stored) return true;
		return stored.name !== this.name.trim() || hasUnpublishedChanges({ published: stored.draft, draft: $state.snapshot(this.version) as JourneyVersion });
	}

	/** What would be published differs from what is live (a journey never published counts). */
	get unpublished(): boolean {
		const stored = this.#stored;
		return !stored || hasUnpublishedChanges({ published: stored.published, draft: $state.snapshot(this.version) as JourneyVersion });
	}

	/** The first problem for a key ("trigger", "step:<id>", …), if any. */
	problemFor(key: string): string | undefined {
		return this.#problems.find((p) => p.key === key)?.message;
	}

	/** Problems at or under a key. */
	problemsUnder(key: string): JourneyProblem[] {
		return this.#problems.filter((p) => p.key === key || p.key.startsWith(`${key}.`));
	}

	/** Takes the stored journey again when it changed elsewhere and this copy has no edits. */
	refresh(stored: Journey): void {
		if (!this.unsaved || this.#busy) this.#load(stored);
		else this.#stored = stored;
	}

	save(): Promise<Journey | null> {
		return this.#do('save', 'Draft saved. The live version is unchanged until you publish.', (name, draft) => {
			const stored = this.#stored;
			return stored ? this.#actions.saveDraft(stored.id, name, draft) : this.#actions.create(name, draft);
		});
	}

	publish(): Promise<Journey | null> {
		return this.#do('publish', 'Published: the live journey now runs this version.', async (name, draft) => {
			let stored = this.#stored;
			if (!stored) {
				const created = await this.#actions.create(name, draft);
				if (!created.ok) return created;
				stored = created.value;
				this.#stored = stored;
			}
			return this.#actions.publish(stored.id, name, draft);
		});
	}

	discard(): Promise<Journey | null> {
		const stored = this.#stored;
		if (!stored) return Promise.resolve(null);
		return this.#do('save', 'Draft changes discarded: the draft is the published version again.', () => this.#actions.discardDraft(stored.id), true);
	}

	setStatus(status: 'live' | 'paused'): Promise<Journey | null> {
		const stored = this.#stored;
		if (!stored) return Promise.resolve(null);
		return this.#do(
			'save',
			status === 'paused' ? 'Paused: no one enters, and profiles in it wait where they are.' : 'Resumed: the journey runs its published version again.',
			() => this.#actions.setStatus(stored.id, status),
			false
		);
	}

	async #do(
		from: 'save' | 'publish',
		notice: string,
		action: (name: string, draft: JourneyVersion) => Promise<JourneyResult>,
		reload = true
	): Promise<Journey | null> {
		this.#busy = true;
		this.#notice = null;
		try {
			const result = await action(this.name, $state.snapshot(this.version) as JourneyVersion);
			if (!result.ok) {
				this.#problems = result.error;
				this.#problemsFrom = from;
				return null;
			}
			this.#problems = [];
			this.#problemsFrom = null;
			if (reload) this.#load(result.value);
			else this.#stored = result.value;
			this.#notice = notice;
			return result.value;
		} catch (error) {
			// A failure of storage itself (or the journey deleted in another tab): say so.
			this.#problems = [{ key: 'form', message: `Nothing was changed: ${messageOf(error)}` }];
			this.#problemsFrom = from;
			return null;
		} finally {
			this.#busy = false;
		}
	}

	#load(stored: Journey | null, initial?: JourneyVersion): void {
		this.#stored = stored;
		this.name = stored?.name ?? '';
		this.version = structuredClone(stored?.draft ?? initial ?? newJourneyVersion(undefined));
	}
}
