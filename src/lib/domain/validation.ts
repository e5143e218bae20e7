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

/**
 * What a typed text may hold. `name`: one line, and no invisible formatting (names are how
 * people tell things apart, so nothing may disguise what is shown). `line`: one line; a tab is
 * allowed (an HTTP header value). `multiline`: tabs and line breaks allowed (a JSON template,
 * a description). Every kind refuses the other control characters (C0, DEL and C1): they are
 * invisible, break exports and logs, and no one types them on purpose.
 */
export type TextKind = 'name' | 'line' | 'multiline';

// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks
// (U+200E, U+200F, U+061C) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF): they
// change how a name displays, or hide part of it, without showing themselves. Right-to-left
// letters need none of them: Hebrew or Arabic names display right by themselves.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]/u;
const CHARACTER_NAMES: Record<number, string> = {
	0x0: 'NULL',
	0x7: 'BELL',
	0x8: 'BACKSPACE',
	0x9: 'TAB',
	0xa: 'LINE FEED',
	0xd: 'CARRIAGE RETURN',
	0x1b: 'ESCAPE',
	0x7f: 'DELETE',
	0x85: 'NEXT LINE',
	0x200b: 'ZERO WIDTH SPACE',
	0x200c: 'ZERO WIDTH NON-JOINER',
	0x200d: 'ZERO WIDTH JOINER',
	0x200e: 'LEFT-TO-RIGHT MARK',
	0x200f: 'RIGHT-TO-LEFT MARK',
	0x202a: 'LEFT-TO-RIGHT EMBEDDING',
	0x202b: 'RIGHT-TO-LEFT EMBEDDING',
	0x202c: 'POP DIRECTIONAL FORMATTING',
	0x202d: 'LEFT-TO-RIGHT OVERRIDE',
	0x202e: 'RIGHT-TO-LEFT OVERRIDE',
	0x2060: 'WORD JOINER',
	0x2066: 'LEFT-TO-RIGHT ISOLATE',
	0x2067: 'RIGHT-TO-LEFT ISOLATE',
	0x2068: 'FIRST STRONG ISOLATE',
	0x2069: 'POP DIRECTIONAL ISOLATE',
	0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
	0x061c: 'ARABIC LETTER MARK'
};

function allowedControl(code: number, kind: TextKind): boolean {
	if (kind === 'multiline') return code === 0x9 || code === 0xa || code === 0xd;
	return kind === 'line' && code === 0x9;
}

/** "U+0007 BELL", or "U+0003" for a character without a well-known name. */
export function codePointLabel(code: number): string {
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	const name = CHARACTER_NAMES[code];
	return name ? `${hex} ${name}` : hex;
}

/**
 * Why a typed text cannot be stored, or null when it can: the first control character, invisible
 * formatting character (names only) or unpaired surrogate, named with its code point and its
 * position (counted in characters from 1), e.g. "Name contains a control character (U+0007
 * BELL) at position 5." `label` is the field's name as the form shows it.
 */
export function textProblem(value: string, label: string, kind: TextKind): string | null {
	let position = 0;
	for (const character of value) {
		position++;
		const code = character.codePointAt(0)!;
		if ((code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !allowedControl(code, kind)) {
			const line = code === 0xa || code === 0xd ? ' (keep it to one line)' : '';
			return `${label} contains a control character (${codePointLabel(code)}) at position ${position}${line}.`;
		}
		if (code >= 0xd800 && code <= 0xdfff) return `${label} contains a broken character (an unpaired ${codePointLabel(code)}) at position ${position}.`;
		if (kind === 'name' && INVISIBLE.test(character)) {
			return `${label} contains an invisible formatting character (${codePointLabel(code)}) at position ${position}: it would disguise what is shown.`;
		}
	}
	return null;
}

/**
 * Adds the checks of `textProblem` to a string schema: the one place every schema of typed
 * text (names, configuration fields, rule values, templates) gets them from.
 */
export function checkedText<T extends z.ZodType<string>>(schema: T, label: string, kind: TextKind): T {
	return schema.superRefine((value, ctx) => {
		const problem = textProblem(value, label, kind);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	}) as T;
}
