import { attributeLabels } from '$lib/domain/audience-rules';
import { IdentifierKindSchema } from '$lib/domain/identifiers';
import { TIME_ATTRIBUTES, type Condition, type ProfileAttribute } from '$lib/domain/rules';

/** What the first select of a condition row offers: an attribute, or "identifier". */
export type ConditionField = ProfileAttribute | 'identifier';

export const FIELD_OPTIONS: Array<{ value: ConditionField; label: string }> = [
	...(Object.keys(attributeLabels) as ProfileAttribute[]).map((value) => ({ value, label: attributeLabels[value] })),
	{ value: 'identifier', label: 'Identifier' }
];

export const IDENTIFIER_KINDS = IdentifierKindSchema.options;

export function fieldOf(condition: Condition): ConditionField {
	return condition.operator === 'hasIdentifier' ? 'identifier' : condition.attribute;
}

export function isTimeAttribute(field: ConditionField): field is (typeof TIME_ATTRIBUTES)[number] {
	return (TIME_ATTRIBUTES as readonly string[]).includes(field);
}

/** The operators offered for a field, in the product's words. */
export function operatorsFor(field: ConditionField): Array<{ value: Condition['operator']; label: string }> {
	if (field === 'identifier') return [{ value: 'hasIdentifier', label: 'has' }];
	if (isTimeAttribute(field)) return [{ value: 'withinLastDays', label: 'within the last' }];
	if (field === 'country' || field === 'device')
		return [
			{ value: 'equals', label: 'is' },
			{ value: 'oneOf', label: 'is one of' }
		];
	if (field === 'marketingConsent') return [{ value: 'equals', label: 'is' }];
	return [
		{ value: 'greaterThan', label: 'greater than' },
		{ value: 'lessThan', label: 'less than' },
		{ value: 'equals', label: 'equals' }
	];
}

/** A sensible condition for a field and operator, keeping what still fits from the old one. */
export function conditionFor(field: ConditionField, operator: Condition['operator'] | undefined, choices: { country: string; device: string }): Condition {
	const op = operator && operatorsFor(field).some((o) => o.value === operator) ? operator : operatorsFor(field)[0]!.value;
	if (field === 'identifier') return { operator: 'hasIdentifier', identifier: 'hashedEmail' };
	if (isTimeAttribute(field)) return { operator: 'withinLastDays', attribute: field, days: 7 };
	if (field === 'country' || field === 'device') {
		const first = field === 'country' ? choices.country : choices.device;
		return op === 'oneOf' ? { operator: 'oneOf', attribute: field, values: [first] } : { operator: 'equals', attribute: field, value: first };
	}
	if (field === 'marketingConsent') return { operator: 'equals', attribute: field, value: true };
	if (op === 'lessThan') return { operator: 'lessThan', attribute: field, value: 100 };
	if (op === 'equals') return { operator: 'equals', attribute: field, value: 100 };
	return { operator: 'greaterThan', attribute: field, value: 100 };
}
