import { z } from 'zod';
import { checkedText } from '$lib/domain/validation';

/**
 * Field builders for partner configuration schemas. Each returns a zod schema carrying the
 * metadata the generated form needs (label, help, widget), so one definition drives both
 * validation and the form.
 */
export type FieldWidget = 'text' | 'secret' | 'url' | 'number' | 'select' | 'textarea' | 'keyValues';

export interface FieldMeta {
	label: string;
	help?: string;
	placeholder?: string;
	widget: FieldWidget;
	options?: ReadonlyArray<{ value: string; label: string }>;
	/** Shown when the value is empty and the field may stay empty. */
	optional?: boolean;
}

interface Described {
	label: string;
	help?: string;
	placeholder?: string;
}

interface Pattern {
	regex: RegExp;
	message: string;
}

/** A required single-line value, optionally constrained by a pattern. */
export function text(d: Described & { pattern?: Pattern; max?: number }) {
	let schema = z
		.string({ error: `Enter the ${lower(d.label)}.` })
		.trim()
		.min(1, `Enter the ${lower(d.label)}.`)
		.max(d.max ?? 200, `Keep the ${lower(d.label)} to ${d.max ?? 200} characters or fewer.`);
	schema = checkedText(schema, d.label, 'name');
	if (d.pattern) schema = schema.regex(d.pattern.regex, d.pattern.message);
	return schema.meta({ ...d, widget: 'text' } satisfies FieldMeta);
}

/** A value that may stay empty. */
export function optionalText(d: Described & { pattern?: Pattern; max?: number }) {
	const max = d.max ?? 200;
	return checkedText(z.string().trim().max(max, `Keep the ${lower(d.label)} to ${max} characters or fewer.`), d.label, 'name')
		.refine((v) => v === '' || !d.pattern || d.pattern.regex.test(v), d.pattern?.message ?? '')
		.default('')
		.meta({ ...d, widget: 'text', optional: true } satisfies FieldMeta);
}

/** A credential: shown as a password field with a reveal toggle, masked everywhere else. */
export function secret(d: Described & { minLength?: number }) {
	// A credential travels in a header or a URL: a pasted control or zero-width character breaks it.
	return checkedText(
		z
			.string({ error: `Enter the ${lower(d.label)}.` })
			.trim()
			.min(1, `Enter the ${lower(d.label)}.`)
			.min(d.minLength ?? 1, `The ${lower(d.label)} is at least ${d.minLength} characters long.`)
			.max(4096, `The ${lower(d.label)} is too long (4,096 characters at most).`),
		d.label,
		'name'
	).meta({ ...d, widget: 'secret' } satisfies FieldMeta);
}

/** An optional credential (for example a signing secret). */
export function optionalSecret(d: Described) {
	return checkedText(z.string().trim().max(4096, `The ${lower(d.label)} is too long (4,096 characters at most).`), d.label, 'name')
		.default('')
		.meta({ ...d, widget: 'secret', optional: true } satisfies FieldMeta);
}

/** An absolute http(s) URL. */
export function url(d: Described) {
	return checkedText(
		z
			.string({ error: `Enter the ${lower(d.label)}.` })
			.trim()
			.min(1, `Enter the ${lower(d.label)}.`)
			.max(2048, `Keep the ${lower(d.label)} to 2,048 characters or fewer.`),
		d.label,
		'name'
	)
		.refine(isHttpUrl, 'Enter a full URL that starts with https:// or http://.')
		.meta({ ...d, widget: 'url' } satisfies FieldMeta);
}

/** One of a fixed list of values. */
export function choice<const T extends readonly [string, ...string[]]>(
	d: Described & { options: { [K in keyof T]: { value: T[K]; label: string } } }
) {
	return z
		.enum(d.options.map((o): T[number] => o.value), { error: `Choose the ${lower(d.label)}.` })
		.meta({ ...d, widget: 'select' } satisfies FieldMeta);
}

/** A whole number within bounds. */
export function integer(d: Described & { min: number; max: number }) {
	const message = `Enter a whole number from ${d.min.toLocaleString('en-US')} to ${d.max.toLocaleString('en-US')}.`;
	return z
		.number({ error: message })
		.int(message)
		.min(d.min, message)
		.max(d.max, message)
		.meta({ ...d, widget: 'number' } satisfies FieldMeta);
}

/** Multi-line text, such as a JSON payload template. */
export function multiline(d: Described & { max?: number; check?: (value: string) => string | null }) {
	const max = d.max ?? 20_000;
	return checkedText(
		z
			.string({ error: `Enter the ${lower(d.label)}.` })
			.min(1, `Enter the ${lower(d.label)}.`)
			.max(max, `Keep the ${lower(d.label)} to ${max.toLocaleString('en-US')} characters or fewer.`),
		d.label,
		'multiline'
	)
		.superRefine((value, ctx) => {
			const problem = d.check?.(value);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		})
		.meta({ ...d, widget: 'textarea' } satisfies FieldMeta);
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Name/value pairs such as extra HTTP headers. */
export function keyValues(d: Described) {
	return z
		.array(
			z.object({
				name: z
					.string()
					.trim()
					.min(1, 'Enter a header name.')
					.max(200, 'Keep a header name to 200 characters or fewer.')
					.regex(HEADER_NAME, 'A header name uses letters, digits and - only (no spaces or colons).'),
				// A line break in a value would inject another header: one line, a tab at most.
				value: checkedText(z.string().max(4096, 'Keep a header value to 4,096 characters or fewer.'), 'A header value', 'line')
			})
		)
		.max(30, 'Thirty headers at most.')
		.default([])
		.meta({ ...d, widget: 'keyValues', optional: true } satisfies FieldMeta);
}

/** The form metadata of a field built above (also through .optional() or .default()). */
export function fieldMeta(schema: z.ZodType): FieldMeta {
	for (let current: z.ZodType | undefined = schema; current; current = innerOf(current)) {
		const meta = current.meta() as FieldMeta | undefined;
		if (meta?.widget) return meta;
	}
	throw new Error('A configuration field was not built with partners/fields.ts');
}

/** The value a field starts with when it declares a default. */
export function fieldDefault(schema: z.ZodType): unknown {
	for (let current: z.ZodType | undefined = schema; current; current = innerOf(current)) {
		if (current instanceof z.ZodDefault) return current.def.defaultValue;
	}
	return undefined;
}

function innerOf(schema: z.ZodType): z.ZodType | undefined {
	if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
		return schema.def.innerType as z.ZodType;
	}
	return undefined;
}

/** Names of the fields whose values are secrets, to mask them wherever they are shown. */
export function secretFieldNames(schema: z.ZodObject): string[] {
	return Object.entries(schema.shape)
		.filter(([, field]) => fieldMeta(field as z.ZodType).widget === 'secret')
		.map(([name]) => name);
}

function isHttpUrl(value: string): boolean {
	try {
		const parsed = new URL(value);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:';
	} catch {
		return false;
	}
}

function lower(label: string): string {
	// Keep acronyms and product names as written ("API key", "DV360 advertiser ID").
	return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
