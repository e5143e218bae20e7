import { isRuleGroup, type Condition, type ProfileAttribute, type RuleGroup } from '$lib/domain/rules';
import type { Population } from './population';
import { identifierTest } from './population';
import { APP_OPEN, CONSENT_REVIEW, COUNTRIES, DAY_MS, DEVICES, EMAIL_CLICK, PURCHASE, VISIT } from './traits';

/**
 * A compiled rule: for a profile, the moment until which it matches, exclusive. +Infinity
 * matches for good (until its attributes change), -Infinity does not match; a finite value
 * comes from "within the last N days" and says when the match runs out by time alone.
 * A profile matches at `now` when `until(index) > now`.
 *
 * Why a moment instead of a boolean: rules are monotone (AND/OR, no NOT) and time only ever
 * turns "within the last N days" from true to false, so the moment a whole rule stops
 * matching is exact (AND takes the earliest, OR the latest). The simulator schedules one
 * wake-up at that moment instead of rescanning members every hour.
 */
export type MatchUntil = (index: number) => number;

const ALWAYS: MatchUntil = () => Infinity;
const NEVER: MatchUntil = () => -Infinity;

/**
 * Compiles a rule group over a population's columns. An empty group matches nobody: rules
 * that cannot match are flagged before saving, and matching everyone by accident would send
 * the whole population.
 */
export function compileRuleGroup(group: RuleGroup, population: Population): MatchUntil {
	const items = group.items.map((item) => (isRuleGroup(item) ? compileRuleGroup(item, population) : compileCondition(item, population)));
	if (items.length === 0) return NEVER;
	if (items.length === 1) return items[0]!;
	if (group.combinator === 'and') {
		if (items.length === 2) {
			const [a, b] = items as [MatchUntil, MatchUntil];
			return (i) => {
				const x = a(i);
				if (x === -Infinity) return x;
				const y = b(i);
				return x < y ? x : y;
			};
		}
		return (i) => {
			let until = Infinity;
			for (let k = 0; k < items.length; k++) {
				const v = items[k]!(i);
				if (v < until) {
					until = v;
					if (until === -Infinity) break;
				}
			}
			return until;
		};
	}
	return (i) => {
		let until = -Infinity;
		for (let k = 0; k < items.length; k++) {
			const v = items[k]!(i);
			if (v > until) {
				until = v;
				if (until === Infinity) break;
			}
		}
		return until;
	};
}

/** Compiles one condition. Values that cannot occur (an unknown country) match nobody. */
export function compileCondition(condition: Condition, population: Population): MatchUntil {
	const p = population;
	switch (condition.operator) {
		case 'hasIdentifier': {
			const kind = condition.identifier;
			if (identifierTest(kind, 0)) return ALWAYS; // customer IDs: every profile has one
			let mask = 0;
			for (let bit = 1; bit < 256; bit <<= 1) if (identifierTest(kind, bit)) mask |= bit;
			const identifiers = p.identifiers;
			return (i) => (identifiers[i]! & mask ? Infinity : -Infinity);
		}
		case 'withinLastDays': {
			const column = p[condition.attribute];
			const window = condition.days * DAY_MS;
			return (i) => {
				const at = column[i]!;
				return at === at ? at + window : -Infinity; // NaN (never) does not match
			};
		}
		case 'equals':
			return compileOneOf(condition.attribute, [condition.value], p);
		case 'oneOf':
			return compileOneOf(condition.attribute, condition.values, p);
		case 'greaterThan':
		case 'lessThan': {
			const column = numericColumn(condition.attribute, p);
			if (!column) return NEVER; // country and device have no order
			const bound = condition.value;
			return condition.operator === 'greaterThan'
				? (i) => (column[i]! > bound ? Infinity : -Infinity)
				: (i) => (column[i]! < bound ? Infinity : -Infinity);
		}
	}
}

function compileOneOf(attribute: ProfileAttribute, values: ReadonlyArray<string | number | boolean>, p: Population): MatchUntil {
	if (attribute === 'country' || attribute === 'device') {
		const names: readonly string[] = attribute === 'country' ? COUNTRIES : DEVICES;
		const allowed = new Uint8Array(names.length);
		let any = false;
		for (const value of values) {
			const text = String(value).trim();
			const code = names.indexOf(attribute === 'country' ? text.toUpperCase() : text.toLowerCase());
			if (code >= 0) allowed[code] = 1;
			any ||= code >= 0;
		}
		if (!any) return NEVER;
		const column = attribute === 'country' ? p.country : p.device;
		return (i) => (allowed[column[i]!] ? Infinity : -Infinity);
	}
	if (attribute === 'marketingConsent') {
		const wanted = new Set(values.map(toConsent).filter((v) => v !== null));
		if (wanted.size === 0) return NEVER;
		if (wanted.size === 2) return ALWAYS;
		const want = wanted.has(1) ? 1 : 0;
		const column = p.marketingConsent;
		return (i) => (column[i] === want ? Infinity : -Infinity);
	}
	const column = numericColumn(attribute, p)!;
	// Lifetime value is stored as float32: compare in the same precision.
	const round = attribute === 'lifetimeValue' ? Math.fround : (v: number) => v;
	const wanted = values.map(Number).filter((v) => Number.isFinite(v)).map(round);
	if (wanted.length === 0) return NEVER;
	if (wanted.length === 1) {
		const want = wanted[0]!;
		return (i) => (column[i] === want ? Infinity : -Infinity);
	}
	const set = new Set(wanted);
	return (i) => (set.has(column[i]!) ? Infinity : -Infinity);
}

function toConsent(value: string | number | boolean): 0 | 1 | null {
	if (value === true || value === 1) return 1;
	if (value === false || value === 0) return 0;
	const text = String(value).trim().toLowerCase();
	if (text === 'true' || text === 'yes' || text === '1') return 1;
	if (text === 'false' || text === 'no' || text === '0') return 0;
	return null;
}

function numericColumn(attribute: ProfileAttribute, p: Population): Float32Array | Float64Array | Uint8Array | null {
	switch (attribute) {
		case 'country':
		case 'device':
			return null;
		default:
			return p[attribute];
	}
}

/** The attributes a rule group reads (identifiers, country and device never change). */
export function attributesOf(group: RuleGroup, into = new Set<ProfileAttribute>()): Set<ProfileAttribute> {
	for (const item of group.items) {
		if (isRuleGroup(item)) attributesOf(item, into);
		else if (item.operator !== 'hasIdentifier') into.add(item.attribute);
	}
	return into;
}

/** Behaviour kinds that change each attribute (see Behaviour.applyNext). */
const CHANGED_BY: Record<ProfileAttribute, number[]> = {
	country: [],
	device: [],
	lifetimeValue: [PURCHASE],
	marketingConsent: [CONSENT_REVIEW],
	lastVisit: [VISIT, PURCHASE],
	lastPurchase: [PURCHASE],
	lastAppOpen: [APP_OPEN],
	lastEmailClick: [EMAIL_CLICK]
};

/** A bit per behaviour kind that can change whether a profile matches these rules. */
export function eventMaskOf(...groups: Array<RuleGroup | null>): number {
	const attributes = new Set<ProfileAttribute>();
	for (const group of groups) if (group) attributesOf(group, attributes);
	let mask = 0;
	for (const attribute of attributes) for (const kind of CHANGED_BY[attribute]) mask |= 1 << kind;
	return mask;
}
