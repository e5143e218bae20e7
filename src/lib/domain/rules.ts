import { z } from 'zod';
import { IdentifierKindSchema } from './identifiers';
import { checkedText } from './validation';

export const RULE_VALUE_MAX = 200;

/** A value typed into the rule builder: one line, nothing invisible, compared as it is. */
const RuleTextSchema = checkedText(z.string().max(RULE_VALUE_MAX, `Keep a value to ${RULE_VALUE_MAX} characters or fewer.`), 'Value', 'name');

/** Profile attributes that audience rules and journey checks can test. */
export const ProfileAttributeSchema = z.enum([
	'country',
	'device',
	'lifetimeValue',
	'marketingConsent',
	'lastVisit',
	'lastPurchase',
	'lastAppOpen',
	'lastEmailClick'
]);
export type ProfileAttribute = z.infer<typeof ProfileAttributeSchema>;

/** Attributes that hold a moment, so "within the last N days" applies to them. */
export const TIME_ATTRIBUTES = ['lastVisit', 'lastPurchase', 'lastAppOpen', 'lastEmailClick'] as const;

const attribute = ProfileAttributeSchema;

/** Why a value typed into the rule builder cannot be stored, or null. */
export function ruleValueProblem(value: string): string | null {
	const parsed = RuleTextSchema.safeParse(value);
	return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This value cannot be used.');
}

export const ConditionSchema = z.discriminatedUnion('operator', [
	z.object({
		operator: z.literal('equals'),
		attribute,
		value: z.union([RuleTextSchema, z.number(), z.boolean()])
	}),
	z.object({
		operator: z.literal('oneOf'),
		attribute,
		values: z.array(RuleTextSchema.min(1, 'A value cannot be empty.')).min(1, 'List at least one value.').max(500, 'List 500 values at most.')
	}),
	z.object({ operator: z.literal('greaterThan'), attribute, value: z.number() }),
	z.object({ operator: z.literal('lessThan'), attribute, value: z.number() }),
	z.object({
		operator: z.literal('withinLastDays'),
		attribute: z.enum(TIME_ATTRIBUTES),
		days: z.number().int().min(1).max(365)
	}),
	z.object({ operator: z.literal('hasIdentifier'), identifier: IdentifierKindSchema })
]);
export type Condition = z.infer<typeof ConditionSchema>;

/** AND/OR group of conditions and nested groups. */
export interface RuleGroup {
	combinator: 'and' | 'or';
	items: Array<Condition | RuleGroup>;
}

export const RuleGroupSchema: z.ZodType<RuleGroup> = z.lazy(() =>
	z.object({
		combinator: z.enum(['and', 'or']),
		items: z.array(z.union([ConditionSchema, RuleGroupSchema]))
	})
);

export function isRuleGroup(item: Condition | RuleGroup): item is RuleGroup {
	return 'combinator' in item;
}
