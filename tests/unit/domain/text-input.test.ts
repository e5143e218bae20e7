import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AudienceSchema } from '$lib/domain/audience';
import { ConnectorNameSchema } from '$lib/domain/connector';
import { JourneySchema } from '$lib/domain/journey';
import { ConditionSchema } from '$lib/domain/rules';
import { textProblem } from '$lib/domain/validation';
import { WorkspaceNameSchema } from '$lib/domain/workspace';
import { partners } from '$lib/partners/registry';
import { freshStore, metaConfig } from '../../fixtures/store';

/**
 * Typed text everywhere it is stored: markup is just text, control characters (and, in names,
 * invisible formatting) are refused with a message naming the field, the character and its
 * position, lengths are bounded, right-to-left text is accepted, and what is accepted comes back
 * from storage exactly as it was accepted.
 */

// Characters that break things, disguise them, or merely look alarming, mixed with any text.
const AWKWARD = [
	'\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069', '\u200b', '\u200d',
	'\u200f', '\ufeff', '\u061c', '\ud800', '\udfff', '<', '>', '&', '"', "'", '`', '{{', '}}', '</script>', 'שלום', 'مرحبا', '🙂', 'é', 'e\u0301',
	' ', '\u00a0', 'İ', 'ß'
];
const typed = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 100 }),
	fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((parts) => parts.join('')),
	fc.string({ unit: 'binary', minLength: 70, maxLength: 300 })
);

// eslint-disable-next-line no-control-regex -- control characters are what the test looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The character a "… (U+XXXX …) at position N" message names, checked against the text. */
function namedCharacterMatches(message: string, text: string): boolean {
	const match = /\(U\+([0-9A-F]{4,6})[^)]*\) at position (\d+)/.exec(message) ?? /unpaired U\+([0-9A-F]{4})\) at position (\d+)/.exec(message);
	if (!match) return false;
	return [...text][Number(match[2]) - 1]?.codePointAt(0) === parseInt(match[1]!, 16);
}

const names = [
	['connector name', ConnectorNameSchema, 80],
	['audience name', AudienceSchema.shape.name, 120],
	['journey name', JourneySchema.shape.name, 120],
	['workspace name', WorkspaceNameSchema, 80]
] as const;

describe('names', () => {
	it.each(names)('a %s is accepted exactly when it is trimmed text of a sane length with nothing hidden', (_what, schema, max) => {
		fc.assert(
			fc.property(typed, (value) => {
				const trimmed = value.trim();
				// Lengths count characters (code points), as positions do: an emoji is one.
				const length = [...trimmed].length;
				const parsed = schema.safeParse(value);
				const acceptable = length >= 1 && length <= max && !CONTROL.test(trimmed) && !INVISIBLE.test(trimmed) && !LONE_SURROGATE.test(trimmed);
				expect(parsed.success).toBe(acceptable);
				if (parsed.success) {
					expect(parsed.data).toBe(trimmed);
				} else {
					const message = parsed.error.issues[0]!.message;
					expect(message.length).toBeGreaterThan(10);
					if (length >= 1 && length <= max) {
						expect(message).toMatch(/^Name contains (a control character|an invisible formatting character|a broken character)/);
						expect(namedCharacterMatches(message, trimmed), message).toBe(true);
					}
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('says which character, where, and why', () => {
		const problem = (value: string) => ConnectorNameSchema.safeParse(value).error?.issues[0]?.message;
		expect(problem('Meta\u0007EU')).toBe('Name contains a control character (U+0007 BELL) at position 5.');
		expect(problem('Meta\nEU')).toBe('Name contains a control character (U+000A LINE FEED) at position 5 (keep it to one line).');
		expect(problem('invoice\u202Efdp.exe')).toBe(
			'Name contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 8: it would disguise what is shown.'
		);
		expect(problem('🙂\u200bx')).toMatch(/\(U\+200B ZERO WIDTH SPACE\) at position 2:/);
		expect(problem('x'.repeat(81))).toBe('Keep the name to 80 characters or fewer.');
	});

	it('takes markup and right-to-left text as text', () => {
		for (const name of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'מטא ישראל', 'ميتا مصر', 'Meta מטא 2', '{{profile.email}}', 'Zoë & Co "quoted"']) {
			expect(ConnectorNameSchema.parse(`  ${name} `)).toBe(name);
		}
	});
});

describe('other typed text', () => {
	it('rule values refuse control and invisible characters, naming the field', () => {
		const equals = (value: string) => ConditionSchema.safeParse({ operator: 'equals', attribute: 'country', value });
		expect(equals('<b>NL</b>').success).toBe(true);
		expect(equals('ישראל').success).toBe(true);
		expect(equals('N\u0000L').error?.issues[0]?.message).toBe('Value contains a control character (U+0000 NULL) at position 2.');
		const oneOf = ConditionSchema.safeParse({ operator: 'oneOf', attribute: 'device', values: ['ios', 'and\u2066roid'] });
		expect(oneOf.error?.issues[0]).toMatchObject({ path: ['values', 1], message: expect.stringMatching(/U\+2066 LEFT-TO-RIGHT ISOLATE\) at position 4/) });
		expect(equals('x'.repeat(201)).error?.issues[0]?.message).toBe('Keep a value to 200 characters or fewer.');
	});

	it('an audience description and a payload template may span lines and hold tabs, not other control characters', () => {
		expect(AudienceSchema.shape.description.safeParse('First line\n\tsecond line').success).toBe(true);
		expect(AudienceSchema.shape.description.safeParse('bell\u0007').error?.issues[0]?.message).toBe(
			'Description contains a control character (U+0007 BELL) at position 5.'
		);
		const template = partners['custom-http'].configSchema.shape.payloadTemplate;
		expect(template.safeParse('{\n\t"operation": "{{operation}}",\n\t"profiles": {{profiles}}\n}').success).toBe(true);
		expect(template.safeParse('{"a":"\u0000"}').error?.issues[0]?.message).toMatch(/^Payload template contains a control character \(U\+0000 NULL\) at position 7\./i);
	});

	it('configuration fields refuse hidden characters; a header value cannot carry a line break', () => {
		const meta = partners.meta.configSchema.safeParse({ ...metaConfig, accessToken: `${metaConfig.accessToken}\u200b` });
		expect(meta.error?.issues[0]?.message).toMatch(/^System user access token contains an invisible formatting character \(U\+200B ZERO WIDTH SPACE\) at position 45/i);
		const headers = partners['custom-http'].configSchema.shape.headers;
		expect(headers.safeParse([{ name: 'X-Tenant', value: 'a\tb' }]).success).toBe(true);
		expect(headers.safeParse([{ name: 'X-Tenant', value: 'a\r\nX-Injected: 1' }]).error?.issues[0]?.message).toBe(
			'A header value contains a control character (U+000D CARRIAGE RETURN) at position 2 (keep it to one line).'
		);
	});

	it('textProblem counts positions in characters, so an emoji before the problem counts once', () => {
		expect(textProblem('🙂🙂\u0007', 'Name', 'name')).toBe('Name contains a control character (U+0007 BELL) at position 3.');
		expect(textProblem('a\tb', 'Name', 'name')).toMatch(/U\+0009 TAB\) at position 2/);
		expect(textProblem('a\tb', 'A header value', 'line')).toBeNull();
		expect(textProblem('x\ud800y', 'Name', 'line')).toBe('Name contains a broken character (an unpaired U+D800) at position 2.');
	});
});

describe('save and reload', () => {
	it('a connector name that is accepted comes back unchanged; one that is refused is not stored', async () => {
		await fc.assert(
			fc.asyncProperty(typed, async (name) => {
				const store = await freshStore();
				const result = await store.connectors.create({ partnerId: 'meta', name, target: 'mock', config: metaConfig });
				const stored = await store.connectors.list();
				if (result.ok) {
					expect(stored).toHaveLength(1);
					expect((await store.connectors.get(result.value.id))?.name).toBe(name.trim());
				} else {
					expect(stored).toEqual([]);
					expect(result.error.kind === 'invalid' && result.error.fieldErrors.name).toBeTruthy();
				}
				store.close();
			}),
			{ numRuns: 60 }
		);
	});

	it('an audience\'s name, description and rule value that are accepted come back unchanged; refused ones are not stored', async () => {
		await fc.assert(
			fc.asyncProperty(typed, typed, typed, async (name, description, value) => {
				const store = await freshStore();
				const result = await store.audiences.create({
					name,
					description,
					rules: { combinator: 'and', items: [{ operator: 'equals', attribute: 'country', value }] },
					exitConditions: null,
					connectors: []
				});
				const stored = await store.audiences.list();
				if (result.ok) {
					const reloaded = await store.audiences.get(result.value.id);
					expect(reloaded).toMatchObject({ name: name.trim(), description: description.trim(), rules: { items: [{ value }] } });
				} else {
					expect(stored).toEqual([]);
					expect(Object.values(result.error).every((message) => message.length > 10)).toBe(true);
				}
				store.close();
			}),
			{ numRuns: 60 }
		);
	});
});
