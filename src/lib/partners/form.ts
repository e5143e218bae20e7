import type { z } from 'zod';
import { fieldDefault, fieldMeta, type FieldMeta } from './fields';
import type { ConfigSchema } from './types';

/** A row of a key/value field such as extra HTTP headers. */
export interface KeyValue {
	name: string;
	value: string;
}

/** What a form input holds: text for every widget except key/value lists. */
export type FormValue = string | KeyValue[];

export interface FormField {
	name: string;
	meta: FieldMeta;
}

/** The fields of a partner's schema in declaration order, with their form metadata. */
export function formFieldsOf(schema: ConfigSchema): FormField[] {
	return Object.entries(schema.shape).map(([name, field]) => ({ name, meta: fieldMeta(field as z.ZodType) }));
}

/** Starting values for the form: the stored config when editing, else defaults. */
export function initialFormValues(schema: ConfigSchema, config: Record<string, unknown> = {}): Record<string, FormValue> {
	const values: Record<string, FormValue> = {};
	for (const { name, meta } of formFieldsOf(schema)) {
		const stored = name in config ? config[name] : fieldDefault(schema.shape[name] as z.ZodType);
		if (meta.widget === 'keyValues') {
			values[name] = Array.isArray(stored) ? (stored as KeyValue[]).map((kv) => ({ name: kv.name, value: kv.value })) : [];
		} else if (meta.widget === 'select') {
			values[name] = typeof stored === 'string' ? stored : (meta.options?.[0]?.value ?? '');
		} else {
			values[name] = stored === undefined || stored === null ? '' : String(stored);
		}
	}
	return values;
}

/** The form's values as the schema expects them (numbers as numbers), ready to validate. */
export function configFromForm(schema: ConfigSchema, values: Record<string, FormValue>): Record<string, unknown> {
	const config: Record<string, unknown> = {};
	for (const { name, meta } of formFieldsOf(schema)) {
		const value = values[name];
		if (meta.widget === 'number') {
			const text = typeof value === 'string' ? value.trim() : '';
			// An empty or non-numeric entry reaches zod as NaN, which gets the field's own message.
			config[name] = text === '' ? Number.NaN : Number(text);
		} else {
			config[name] = value;
		}
	}
	return config;
}
