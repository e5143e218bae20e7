import { messageOf } from '$lib/domain/message';
import { untrack } from 'svelte';
import type { AudienceSaveResult, WorkspaceStore } from '$lib/db';
import type { Audience } from '$lib/domain/audience';
import { canMatch, type AudienceDraft } from '$lib/domain/audience-rules';
import type { Connector } from '$lib/domain/connector';
import type { Journey } from '$lib/domain/journey';
import type { RuleGroup } from '$lib/domain/rules';
import type { OutcomeCounts } from '$lib/domain/statistics';
import type { FieldErrors } from '$lib/domain/validation';
import type { AudienceEstimate, AudienceEstimateRequest } from '$lib/engine/protocol';
import { LiveQuery } from './live-query.svelte';

/** The records the audience and journey screens read. */
export interface ActivationRecords {
	readonly audiences: Audience[];
	readonly journeys: Journey[];
	readonly connectors: Connector[];
}

/**
 * The workspace's audiences, journeys and connectors, kept current as they change here or in
 * another tab: what the audience and journey screens read. Call destroy() when done.
 */
export class ActivationDirectory implements ActivationRecords {
	readonly #records: LiveQuery<ActivationRecords>;

	constructor(store: WorkspaceStore) {
		this.#records = new LiveQuery<ActivationRecords>({ audiences: [], journeys: [], connectors: [] }, async () => {
			const [audiences, journeys, connectors] = await Promise.all([store.audiences.list(), store.journeys.list(), store.connectors.list()]);
			return { audiences, journeys, connectors };
		});
	}

	get loaded(): boolean {
		return this.#records.loaded;
	}

	get error(): string | null {
		return this.#records.error;
	}

	get audiences(): Audience[] {
		return this.#records.value.audiences;
	}

	get journeys(): Journey[] {
		return this.#records.value.journeys;
	}

	get connectors(): Connector[] {
		return this.#records.value.connectors;
	}

	audience(id: string): Audience | undefined {
		return this.audiences.find((a) => a.id === id);
	}

	journey(id: string): Journey | undefined {
		return this.journeys.find((j) => j.id === id);
	}

	connector(id: string): Connector | undefined {
		return this.connectors.find((c) => c.id === id);
	}

	/** Journeys (draft or published) that start when a profile enters the audience. */
	journeysStartingOn(audienceId: string): Journey[] {
		return this.journeys.filter((j) => [j.draft, j.published].some((v) => v?.trigger.kind === 'audienceEntered' && v.trigger.audienceId === audienceId));
	}

	destroy(): void {
		this.#records.destroy();
	}
}

/** A new audience's starting point: one condition, so the builder never starts empty. */
export function newAudienceDraft(): AudienceDraft {
	return {
		name: '',
		description: '',
		rules: { combinator: 'and', items: [{ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 }] },
		exitConditions: null,
		connectors: []
	};
}

/**
 * The audience editor's working copy and its save. Nothing is stored until Save, and then
 * only when every rule can match and every connected connector has its settings.
 */
export class AudienceEditor {
	draft = $state<AudienceDraft>(newAudienceDraft());
	#errors = $state<FieldErrors>({});
	#saving = $state(false);
	readonly #save: (draft: AudienceDraft) => Promise<AudienceSaveResult>;

	/** The draft as last stored (or as the editor opened), to tell unsaved edits. */
	#baseline = $state('');

	constructor(initial: AudienceDraft | undefined, save: (draft: AudienceDraft) => Promise<AudienceSaveResult>) {
		if (initial) this.draft = structuredClone(untrack(() => initial));
		this.#baseline = untrack(() => draftKey(this.draft));
		this.#save = save;
	}

	/** The working copy differs from what was stored. */
	get unsaved(): boolean {
		return draftKey(this.draft) !== this.#baseline;
	}

	get errors(): FieldErrors {
		return this.#errors;
	}

	get saving(): boolean {
		return this.#saving;
	}

	/** Stores the draft; returns the audience, or null with the messages beside their fields. */
	async save(): Promise<Audience | null> {
		this.#saving = true;
		try {
			const result = await this.#save($state.snapshot(this.draft) as AudienceDraft);
			if (result.ok) {
				this.#errors = {};
				this.#baseline = draftKey(result.value);
				this.draft = structuredClone(pickDraft(result.value));
				return result.value;
			}
			this.#errors = result.error;
			return null;
		} catch (error) {
			// A failure of storage itself: say so rather than fail silently.
			this.#errors = { form: `The audience could not be saved: ${messageOf(error)}` };
			return null;
		} finally {
			this.#saving = false;
		}
	}

	/** Forgets messages at or under a path once its field is edited. */
	clearError(path: string): void {
		if (!Object.keys(this.#errors).some((key) => key === path || key.startsWith(`${path}.`))) return;
		this.#errors = Object.fromEntries(Object.entries(this.#errors).filter(([key]) => key !== path && !key.startsWith(`${path}.`)));
	}
}

function pickDraft(audience: AudienceDraft): AudienceDraft {
	const { name, description, rules, exitConditions, connectors } = audience;
	return { name, description, rules, exitConditions, connectors };
}

function draftKey(draft: AudienceDraft): string {
	return JSON.stringify($state.snapshot(pickDraft(draft)));
}

export type EstimateFunction = (rules: RuleGroup, exitConditions: RuleGroup | null) => Promise<AudienceEstimate>;

/**
 * The live size estimate beside the rule builder. The count runs in the engine's worker, a
 * short pause after the last edit; an answer to rules that were edited since is dropped.
 */
export class SizeEstimate {
	#value = $state.raw<AudienceEstimate | null>(null);
	#pending = $state(false);
	#error = $state<string | null>(null);
	#impossible = $state(false);
	#run = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #estimate: EstimateFunction;
	readonly #delayMs: number;

	constructor(estimate: EstimateFunction, delayMs = 300) {
		this.#estimate = estimate;
		this.#delayMs = delayMs;
	}

	get value(): AudienceEstimate | null {
		return this.#value;
	}

	get pending(): boolean {
		return this.#pending;
	}

	get error(): string | null {
		return this.#error;
	}

	/** The rules cannot match anyone, so nothing is counted. */
	get impossible(): boolean {
		return this.#impossible;
	}

	/** Asks for a new estimate for these rules (call with plain snapshots). */
	request(rules: RuleGroup, exitConditions: RuleGroup | null): void {
		clearTimeout(this.#timer);
		const run = ++this.#run;
		if (!canMatch(rules)) {
			this.#impossible = true;
			this.#pending = false;
			return;
		}
		this.#impossible = false;
		this.#pending = true;
		const exit = exitConditions && canMatch(exitConditions) ? exitConditions : null;
		this.#timer = setTimeout(() => void this.#go(run, rules, exit), this.#delayMs);
	}

	async #go(run: number, rules: RuleGroup, exitConditions: RuleGroup | null): Promise<void> {
		try {
			const value = await this.#estimate(rules, exitConditions);
			if (run !== this.#run) return;
			this.#value = value;
			this.#error = null;
		} catch (error) {
			if (run !== this.#run) return;
			this.#error = `The size could not be estimated: ${messageOf(error)}`;
		} finally {
			if (run === this.#run) this.#pending = false;
		}
	}

	destroy(): void {
		clearTimeout(this.#timer);
		this.#run++;
	}
}

/** Estimates through the engine's worker, with the population size and clock the engine reports. */
export function engineEstimate(
	engine: { estimateAudience(request: AudienceEstimateRequest): Promise<AudienceEstimate> },
	progress: () => { populationSize: number; clock: number } | null,
	seed: number,
	wallClock: () => number = () => Date.now()
): EstimateFunction {
	return (rules, exitConditions) => {
		const current = progress();
		return engine.estimateAudience({
			rules,
			exitConditions,
			seed,
			populationSize: current?.populationSize || 100_000,
			now: current?.clock || wallClock()
		});
	};
}

/** A connector's outcomes over the last 24 sandbox hours, from the statistics. */
export interface RecentMessageCounts {
	sent: number;
	removed: number;
	errors: number;
}

const HOUR = 3_600_000;

/**
 * The last 24 hours of one connector's statistics, up to the sandbox clock, kept current as
 * the engine commits. The query covers a wider window that moves once a day, so the clock
 * ticking does not re-query; the sum picks the hours that fall in the last 24.
 */
export class RecentMessages {
	#hours = new LiveQuery<Array<{ hour: number; counts: OutcomeCounts }>>([]);
	#clock = $state(0);
	#windowStart = -1;
	readonly #store: WorkspaceStore;
	readonly #connectorId: string;

	constructor(store: WorkspaceStore, connectorId: string) {
		this.#store = store;
		this.#connectorId = connectorId;
	}

	get error(): string | null {
		return this.#hours.error;
	}

	/** Moves the window to the sandbox clock. */
	setClock(clock: number): void {
		this.#clock = clock;
		const start = Math.floor(clock / (24 * HOUR)) * 24 * HOUR - 24 * HOUR;
		if (start === this.#windowStart) return;
		this.#windowStart = start;
		this.#hours.follow(() => this.#store.statistics.hourly(this.#connectorId, start, Number.MAX_SAFE_INTEGER));
	}

	get counts(): RecentMessageCounts {
		const to = this.#clock;
		const from = Math.floor(to / HOUR) * HOUR - 23 * HOUR;
		const total: RecentMessageCounts = { sent: 0, removed: 0, errors: 0 };
		for (const { hour, counts } of this.#hours.value) {
			if (hour < from || hour > to) continue;
			total.sent += counts.sent;
			total.removed += counts.removed;
			total.errors += counts.otherError + counts.invalidCredentials + counts.timeout + Object.values(counts.partnerErrors).reduce((a, b) => a + b, 0);
		}
		return total;
	}

	destroy(): void {
		this.#hours.destroy();
	}
}
