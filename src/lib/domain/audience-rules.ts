import { AudienceSchema, type Audience, type ConnectorUse } from './audience';
import { identifierLabels } from './identifiers';
import { isRuleGroup, ruleValueProblem, type Condition, type ProfileAttribute, type RuleGroup } from './rules';
import { fail, fieldErrorsFrom, ok, type FieldErrors, type Result } from './validation';

/** How the product names each attribute, in rules and messages. */
export const attributeLabels: Record<ProfileAttribute, string> = {
	country: 'Country',
	device: 'Device',
	lifetimeValue: 'Lifetime value',
	marketingConsent: 'Marketing consent',
	lastVisit: 'Last visit',
	lastPurchase: 'Last purchase',
	lastAppOpen: 'Last app open',
	lastEmailClick: 'Last e-mail click'
};

/** A problem in a rule group, at the dotted path of the item it concerns ("items.0.items.2"). */
export interface RuleProblem {
	path: string;
	message: string;
}

/**
 * Finds what makes rules unable to match anyone: empty groups, "one of" without values,
 * ordering on unordered attributes, values that cannot occur, and contradictions among the
 * conditions of one AND group (value > 100 AND value < 50, equals A AND equals B). An OR
 * group fails only when every item fails, but each failing item is reported, since a
 * condition that can never match is a mistake wherever it sits.
 */
export function ruleProblems(group: RuleGroup): RuleProblem[] {
	const problems: RuleProblem[] = [];
	analyseGroup(group, '', problems);
	return problems;
}

/** Whether a rule group can match at least one profile. */
export function canMatch(group: RuleGroup): boolean {
	return analyseGroup(group, '', []);
}

function join(prefix: string, key: string | number): string {
	return prefix ? `${prefix}.${key}` : String(key);
}

function analyseGroup(group: RuleGroup, path: string, problems: RuleProblem[]): boolean {
	if (group.items.length === 0) {
		problems.push({
			path,
			message: path
				? 'This group has no conditions, so it matches nobody: add a condition or remove the group.'
				: 'Add at least one condition: rules without conditions match nobody.'
		});
		return false;
	}
	const results = group.items.map((item, index) => {
		const itemPath = join(path, `items.${index}`);
		return isRuleGroup(item) ? analyseGroup(item, itemPath, problems) : analyseCondition(item, itemPath, problems);
	});
	if (group.combinator === 'or') return results.some(Boolean);
	if (!results.every(Boolean)) return false;
	const contradiction = contradictionIn(group.items.filter((item): item is Condition => !isRuleGroup(item)));
	if (contradiction) {
		problems.push({ path, message: contradiction });
		return false;
	}
	return true;
}

function analyseCondition(condition: Condition, path: string, problems: RuleProblem[]): boolean {
	const problem = conditionProblem(condition);
	if (problem) problems.push({ path, message: problem });
	return problem === null;
}

function conditionProblem(condition: Condition): string | null {
	switch (condition.operator) {
		case 'hasIdentifier':
			return null;
		case 'withinLastDays':
			return Number.isInteger(condition.days) && condition.days >= 1 && condition.days <= 365
				? null
				: `${attributeLabels[condition.attribute]}: enter a whole number of days from 1 to 365.`;
		case 'oneOf': {
			const typed = condition.values.map(ruleValueProblem).find((problem) => problem !== null);
			if (typed) return `${attributeLabels[condition.attribute]} is one of: ${typed}`;
			return condition.values.filter((v) => v.trim() !== '').length === 0
				? `${attributeLabels[condition.attribute]} is one of: choose at least one value.`
				: null;
		}
		case 'equals':
			// An emptied number field gives null, whatever the type says.
			if ((condition.value as unknown) === null || condition.value === undefined)
				return `${attributeLabels[condition.attribute]} equals: enter or choose a value.`;
			if (typeof condition.value === 'string' && condition.value.trim() === '')
				return `${attributeLabels[condition.attribute]} equals: enter or choose a value.`;
			if (typeof condition.value === 'string' && ruleValueProblem(condition.value))
				return `${attributeLabels[condition.attribute]} equals: ${ruleValueProblem(condition.value)}`;
			if (typeof condition.value === 'number' && !Number.isFinite(condition.value))
				return `${attributeLabels[condition.attribute]} equals: enter a number.`;
			if (condition.attribute === 'lifetimeValue' && typeof condition.value === 'number' && condition.value < 0)
				return 'Lifetime value is never negative, so it cannot equal a negative number.';
			return null;
		case 'greaterThan':
		case 'lessThan': {
			const label = attributeLabels[condition.attribute];
			if (condition.attribute === 'country' || condition.attribute === 'device')
				return `${label} has no order: use "equals" or "is one of" instead of greater or less than.`;
			if (!Number.isFinite(condition.value)) return `${label}: enter a number to compare with.`;
			if (condition.attribute === 'lifetimeValue' && condition.operator === 'lessThan' && condition.value <= 0)
				return `Lifetime value is never below 0, so "less than ${condition.value}" matches nobody.`;
			return null;
		}
	}
}

/** A contradiction among the plain conditions of one AND group, said in the user's words. */
function contradictionIn(conditions: Condition[]): string | null {
	const byAttribute = new Map<ProfileAttribute, Condition[]>();
	for (const condition of conditions) {
		if (condition.operator === 'hasIdentifier') continue;
		const list = byAttribute.get(condition.attribute) ?? [];
		list.push(condition);
		byAttribute.set(condition.attribute, list);
	}
	for (const [attribute, list] of byAttribute) {
		const label = attributeLabels[attribute];
		let above: number | null = null;
		let below: number | null = null;
		// Values allowed so far, keyed case-insensitively, shown as the user wrote them.
		let allowed: Map<string, string> | null = null;
		for (const condition of list) {
			if (condition.operator === 'greaterThan') above = above === null ? condition.value : Math.max(above, condition.value);
			else if (condition.operator === 'lessThan') below = below === null ? condition.value : Math.min(below, condition.value);
			else if (condition.operator === 'equals' || condition.operator === 'oneOf') {
				const values = condition.operator === 'equals' ? [condition.value] : condition.values;
				const these = new Map(values.map((v) => [valueKey(v), displayValue(v)]));
				if (allowed === null) {
					allowed = these;
				} else {
					const before = [...allowed.values()].join(', ');
					const both: Map<string, string> = new Map([...allowed].filter(([key]) => these.has(key)));
					if (both.size === 0)
						return `${label} cannot be ${before} and ${[...these.values()].join(', ')} at once: these conditions are joined by AND.`;
					allowed = both;
				}
			}
		}
		if (above !== null && below !== null && above >= below)
			return `${label} cannot be greater than ${formatNumber(above)} and less than ${formatNumber(below)} at once: no profile matches.`;
		if (allowed !== null && (above !== null || below !== null)) {
			const fits = [...allowed.keys()].some((v) => {
				const n = Number(v);
				return Number.isFinite(n) && (above === null || n > above) && (below === null || n < below);
			});
			if (!fits) {
				const range = [above !== null ? `greater than ${formatNumber(above)}` : '', below !== null ? `less than ${formatNumber(below)}` : '']
					.filter(Boolean)
					.join(' and ');
				return `${label} cannot equal ${[...allowed.values()].join(', ')} and be ${range} at once: no profile matches.`;
			}
		}
	}
	return null;
}

function valueKey(value: string | number | boolean): string {
	return typeof value === 'string' ? value.trim().toLowerCase() : String(value);
}

function displayValue(value: string | number | boolean): string {
	return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

function formatNumber(value: number): string {
	return value.toLocaleString('en-US');
}

/** A one-line description of a condition, for lists and summaries. */
export function describeCondition(condition: Condition): string {
	switch (condition.operator) {
		case 'hasIdentifier':
			return `Has ${identifierLabels[condition.identifier].replace(/^[A-Z][a-z]/, (s) => s.toLowerCase())}`;
		case 'withinLastDays':
			return `${attributeLabels[condition.attribute]} within the last ${condition.days} ${condition.days === 1 ? 'day' : 'days'}`;
		case 'equals':
			return `${attributeLabels[condition.attribute]} is ${typeof condition.value === 'boolean' ? (condition.value ? 'yes' : 'no') : String(condition.value)}`;
		case 'oneOf':
			return `${attributeLabels[condition.attribute]} is one of ${condition.values.join(', ')}`;
		case 'greaterThan':
			return `${attributeLabels[condition.attribute]} greater than ${formatNumber(condition.value)}`;
		case 'lessThan':
			return `${attributeLabels[condition.attribute]} less than ${formatNumber(condition.value)}`;
	}
}

/** A rule group in one line ("A and (B or C)"), for lists. */
export function describeRules(group: RuleGroup): string {
	if (group.items.length === 0) return 'No conditions';
	const parts = group.items.map((item) => (isRuleGroup(item) ? `(${describeRules(item)})` : describeCondition(item)));
	return parts.join(group.combinator === 'and' ? ' and ' : ' or ');
}

/**
 * What the audience and journey editors need to know about a connector they attach: its name
 * and status, its per-use fields and how to check their values. Built from the partner's
 * use-settings schema (src/lib/partners/use-settings.ts), so the domain stays free of partners.
 */
export interface ConnectorUseInfo {
	id: string;
	name: string;
	status: 'active' | 'deactivated';
	fields: Array<{ name: string; label: string; optional: boolean }>;
	/** Messages per field name for the given settings; empty when they are valid. */
	check(settings: Record<string, string>): Record<string, string>;
}

/** The connector attached to a use, or why it is not usable. */
export function connectorUseProblems(
	use: ConnectorUse,
	lookup: (connectorId: string) => ConnectorUseInfo | undefined
): { connector: string | null; fields: Record<string, string> } {
	if (!use.connectorId) return { connector: 'Choose a connector.', fields: {} };
	const info = lookup(use.connectorId);
	if (!info) return { connector: 'This connector no longer exists: choose another one or remove it.', fields: {} };
	return { connector: null, fields: info.check(use.settings) };
}

/** What the audience editor saves; ids and timestamps are the repository's. */
export type AudienceDraft = Pick<Audience, 'name' | 'description' | 'rules' | 'exitConditions' | 'connectors'>;

/**
 * Checks an audience before it is saved. Messages are keyed by path: "name", "rules" or
 * "rules.items.0" for the rule builder, "exitConditions…", "connectors.1" (the connector
 * itself) and "connectors.1.settings.audienceId".
 */
export function checkAudienceDraft(
	draft: AudienceDraft,
	lookup: (connectorId: string) => ConnectorUseInfo | undefined,
	existing: ReadonlyArray<Pick<Audience, 'id' | 'name'>> = [],
	selfId?: string
): Result<AudienceDraft, FieldErrors> {
	const errors: FieldErrors = {};
	const name = draft.name.trim();
	const parsed = AudienceSchema.pick({ name: true, description: true }).safeParse({ name, description: draft.description });
	if (!parsed.success) Object.assign(errors, fieldErrorsFrom(parsed.error));
	const clash = existing.find((a) => a.id !== selfId && a.name.trim().toLowerCase() === name.toLowerCase());
	if (name && clash) errors.name = `An audience named "${clash.name}" already exists: give this one another name.`;
	for (const problem of ruleProblems(draft.rules)) errors[problem.path ? `rules.${problem.path}` : 'rules'] ??= problem.message;
	if (draft.exitConditions) {
		for (const problem of ruleProblems(draft.exitConditions)) errors[problem.path ? `exitConditions.${problem.path}` : 'exitConditions'] ??= problem.message;
	}
	const seen = new Set<string>();
	draft.connectors.forEach((use, index) => {
		const problems = connectorUseProblems(use, lookup);
		if (problems.connector) errors[`connectors.${index}`] = problems.connector;
		else if (seen.has(use.connectorId)) errors[`connectors.${index}`] = `${lookup(use.connectorId)!.name} is already connected to this audience.`;
		seen.add(use.connectorId);
		const info = lookup(use.connectorId);
		for (const [field, message] of Object.entries(problems.fields)) {
			// Said with the connector's name, since several connectors can show the same field.
			const meta = info?.fields.find((f) => f.name === field);
			const empty = (use.settings[field] ?? '').trim() === '';
			errors[`connectors.${index}.settings.${field}`] =
				meta && empty && !meta.optional ? `${info!.name}: add the ${meta.label}.` : `${info?.name ?? 'Connector'}: ${message}`;
		}
	});
	if (Object.keys(errors).length > 0) return fail(errors);
	return ok({ ...draft, name, description: draft.description.trim() });
}
