import type { z } from 'zod';

/** Messages for a form, keyed by the field's dotted path ("name", "config.accessToken"). */
export type FieldErrors = Record<string, string>;

/** The first message zod gives for each field path, so a form can show one message per field. */
export function fieldErrorsFrom(error: z.ZodError, prefix = ''): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
		const key = path || (prefix ? prefix : 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

/** A result that carries either the value or why there is none. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
