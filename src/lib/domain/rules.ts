import { z } from 'zod';
import { IdentifierKindSchema } from './identifiers';

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

export const ConditionSchema = z.discriminatedUnion('operator', [
	z.object({
		operator: z.literal('equals'),
		attribute,
		value: z.union([z.string(), z.number(), z.boolean()])
	}),
	z.object({
		operator: z.literal('oneOf'),
		attribute,
		values: z.array(z.string().min(1)).min(1, 'List at least one value.')
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
