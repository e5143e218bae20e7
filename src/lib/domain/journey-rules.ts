import type { Audience } from './audience';
import { describeRules, ruleProblems, type ConnectorUseInfo } from './audience-rules';
import type { ConnectorStatus } from './connector';
import { mayReceive } from './dispatch-rules';
import { connectorIdsOf, JourneySchema, type Journey, type JourneyStep, type JourneyVersion } from './journey';
import type { RuleGroup } from './rules';

/** Wait steps last from one hour to a year. */
export const MAX_WAIT_HOURS = 8760;

/**
 * A problem with a journey, keyed by what it concerns: "name", "trigger", "steps" (the list
 * itself), "exitConditions", or "step:<id>" and "step:<id>.condition.items.0" for a step.
 * The message is a whole sentence that says which step and why, for the summary.
 */
export interface JourneyProblem {
	key: string;
	message: string;
}

/** A step with its position in words: "Step 3", or "Step 2, if yes, step 1" inside a branch. */
export interface LabelledStep {
	step: JourneyStep;
	label: string;
}

/** Every step in reading order, branches included, each with its label. */
export function labelledSteps(steps: readonly JourneyStep[], prefix = ''): LabelledStep[] {
	const out: LabelledStep[] = [];
	steps.forEach((step, index) => {
		const label = prefix ? `${prefix}, step ${index + 1}` : `Step ${index + 1}`;
		out.push({ step, label });
		if (step.kind === 'branch') {
			out.push(...labelledSteps(step.then, `${label}, if yes`));
			out.push(...labelledSteps(step.otherwise, `${label}, if no`));
		}
	});
	return out;
}

/** What a step does, in a few words ("Send to Meta Retargeting EU", "Wait 24 hours"). */
export function stepTitle(step: JourneyStep, connectorName: (id: string) => string | undefined): string {
	switch (step.kind) {
		case 'wait':
			return `Wait ${step.hours} ${step.hours === 1 ? 'hour' : 'hours'}`;
		case 'branch':
			return `Check: ${describeRules(step.condition)}`;
		case 'destination': {
			const name = step.connectorId ? connectorName(step.connectorId) : undefined;
			if (!name) return step.operation === 'add' ? 'Send to a connector' : 'Remove at a connector';
			return step.operation === 'add' ? `Send to ${name}` : `Remove from ${name}`;
		}
	}
}

export interface JourneyContext {
	connector(id: string): ConnectorUseInfo | undefined;
	audiences: ReadonlyArray<Pick<Audience, 'id' | 'name'>>;
}

/** Problems that block saving a draft: a missing name, and rules that cannot match. */
export function draftProblems(name: string, version: JourneyVersion, context: JourneyContext): JourneyProblem[] {
	const problems: JourneyProblem[] = [];
	const nameCheck = JourneySchema.shape.name.safeParse(name);
	if (!nameCheck.success) problems.push({ key: 'name', message: nameCheck.error.issues[0]!.message });
	const title = (step: JourneyStep) => stepTitle(step, (id) => context.connector(id)?.name);
	for (const { step, label } of labelledSteps(version.steps)) {
		if (step.kind === 'wait' && !(Number.isInteger(step.hours) && step.hours >= 1 && step.hours <= MAX_WAIT_HOURS)) {
			problems.push({
				key: `step:${step.id}`,
				message: `${label} (Wait): enter a whole number of hours from 1 to ${MAX_WAIT_HOURS.toLocaleString('en-US')}.`
			});
		}
		if (step.kind === 'branch') {
			for (const problem of ruleProblems(step.condition)) {
				problems.push({ key: ruleKey(`step:${step.id}.condition`, problem.path), message: `${label} (${title(step)}): ${problem.message}` });
			}
		}
	}
	problems.push(...exitProblems(version.exitConditions));
	return problems;
}

/**
 * Problems that block publishing, on top of the draft's: the entry trigger must point at an
 * existing audience, there must be steps, and every destination step needs an existing
 * connector with the per-use settings its partner requires.
 */
export function publishProblems(name: string, version: JourneyVersion, context: JourneyContext): JourneyProblem[] {
	const problems = draftProblems(name, version, context);
	const trigger = version.trigger;
	if (trigger.kind === 'audienceEntered') {
		if (!trigger.audienceId) problems.push({ key: 'trigger', message: 'Entry trigger: choose the audience whose new members start this journey.' });
		else if (!context.audiences.some((a) => a.id === trigger.audienceId))
			problems.push({ key: 'trigger', message: 'Entry trigger: the audience it starts on no longer exists; choose another one.' });
	}
	if (version.steps.length === 0) problems.push({ key: 'steps', message: 'Add at least one step: a journey without steps does nothing.' });
	for (const { step, label } of labelledSteps(version.steps)) {
		if (step.kind !== 'destination') continue;
		const key = `step:${step.id}`;
		const title = stepTitle(step, (id) => context.connector(id)?.name);
		if (!step.connectorId) {
			problems.push({ key, message: `${label} (${title}): choose the connector to send to.` });
			continue;
		}
		const info = context.connector(step.connectorId);
		if (!info) {
			problems.push({ key, message: `${label} (${title}): its connector no longer exists; choose another one.` });
			continue;
		}
		const messages = info.check(step.settings);
		for (const field of info.fields) {
			const message = messages[field.name];
			if (!message) continue;
			const empty = (step.settings[field.name] ?? '').trim() === '';
			problems.push({
				key: `${key}.settings.${field.name}`,
				message: `${label} (${title}): ${empty && !field.optional ? `add the ${field.label}.` : `${field.label}: ${message}`}`
			});
		}
	}
	return problems;
}

function exitProblems(exit: RuleGroup | null): JourneyProblem[] {
	if (!exit) return [];
	return ruleProblems(exit).map((problem) => ({ key: ruleKey('exitConditions', problem.path), message: `Exit conditions: ${problem.message}` }));
}

function ruleKey(prefix: string, path: string): string {
	return path ? `${prefix}.${path}` : prefix;
}

/** A live journey that keeps sending to a deactivated connector until its draft is published. */
export interface KeepsSending {
	journey: Pick<Journey, 'id' | 'name'>;
	connector: { id: string; name: string };
}

/**
 * Each live journey whose published version sends to a deactivated connector and that the
 * engine's one rule (mayReceive) still lets send, because the journey has unpublished changes.
 * Publishing (or discarding the draft) stops the sending.
 */
export function journeysKeepingDeactivatedConnectors(
	connectors: ReadonlyArray<{ id: string; name: string; status: ConnectorStatus }>,
	journeys: readonly Journey[]
): KeepsSending[] {
	const out: KeepsSending[] = [];
	for (const journey of journeys) {
		if (!journey.published) continue;
		const used = connectorIdsOf(journey.published);
		for (const connector of connectors) {
			if (connector.status === 'active' || !used.has(connector.id)) continue;
			if (mayReceive(connector, { kind: 'journey', id: journey.id }, journey)) {
				out.push({ journey: { id: journey.id, name: journey.name }, connector: { id: connector.id, name: connector.name } });
			}
		}
	}
	return out;
}

/** The next status after Publish: a journey published for the first time goes live; a paused one stays paused. */
export function statusAfterPublish(journey: Pick<Journey, 'status'>): Journey['status'] {
	return journey.status === 'draft' ? 'live' : journey.status;
}
