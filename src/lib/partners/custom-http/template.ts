/**
 * Payload templates of the Custom HTTP connector: JSON text with {{placeholders}}.
 *
 * - `{{profiles}}`: the batch, as a JSON array of profile objects;
 * - `{{profile.<field>}}`, e.g. `{{profile.customerId}}`, `{{profile.email}}`: a field of one
 *   profile (a template that uses these is sent once per profile);
 * - `{{operation}}`: "add" or "remove";
 * - `{{listName}}`: the list or segment name from the use settings (may be empty).
 *
 * Outside a JSON string a placeholder becomes a JSON value ("C-1001", [...], null); inside a
 * string it becomes the value's text, escaped for that string. Rendering never evaluates code.
 */

export interface TemplateValues {
	operation: 'add' | 'remove';
	profiles: ReadonlyArray<Readonly<Record<string, unknown>>>;
	profile?: Readonly<Record<string, unknown>>;
	listName?: string;
}

export const PLACEHOLDER_NAMES = ['profile.<field>', 'profiles', 'operation', 'listName'] as const;

/** Values the configuration check fills in, so a template is validated as it will be sent. */
export const SAMPLE_VALUES: TemplateValues = {
	operation: 'add',
	profiles: [
		{ customerId: 'C-1001', email: 'ada@example.com' },
		{ customerId: 'C-1002', email: 'grace@example.com' }
	],
	profile: { customerId: 'C-1001', email: 'ada@example.com' },
	listName: 'VIP customers'
};

export const DEFAULT_PAYLOAD_TEMPLATE = `{
  "operation": "{{operation}}",
  "list": "{{listName}}",
  "profiles": {{profiles}}
}`;

type TemplatePart =
	| { kind: 'text'; start: number; text: string }
	| { kind: 'placeholder'; start: number; end: number; name: string; inString: boolean };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/y;
const KNOWN_PLACEHOLDER = /^(?:operation|profiles|listName|profile\.[A-Za-z_][A-Za-z0-9_]*)$/;

/** Splits a template into literal text and placeholders, noting which sit inside a JSON string. */
export function parseTemplate(template: string): TemplatePart[] {
	const parts: TemplatePart[] = [];
	let textStart = 0;
	let inString = false;
	let escaped = false;
	let i = 0;
	const flush = (end: number) => {
		if (end > textStart) parts.push({ kind: 'text', start: textStart, text: template.slice(textStart, end) });
	};
	while (i < template.length) {
		if (!escaped && template.startsWith('{{', i)) {
			PLACEHOLDER.lastIndex = i;
			const match = PLACEHOLDER.exec(template);
			if (match) {
				flush(i);
				const end = i + match[0].length;
				parts.push({ kind: 'placeholder', start: i, end, name: match[1] ?? '', inString });
				i = end;
				textStart = end;
				continue;
			}
		}
		const ch = template[i];
		if (inString) {
			if (escaped) escaped = false;
			else if (ch === '\\') escaped = true;
			else if (ch === '"') inString = false;
		} else if (ch === '"') {
			inString = true;
		}
		i++;
	}
	flush(template.length);
	return parts;
}

/** Whether the template is sent once per profile (it uses {{profile.…}} placeholders). */
export function isPerProfileTemplate(template: string): boolean {
	return parseTemplate(template).some((p) => p.kind === 'placeholder' && p.name.startsWith('profile.'));
}

function valueOf(name: string, values: TemplateValues): unknown {
	if (name === 'operation') return values.operation;
	if (name === 'profiles') return values.profiles;
	if (name === 'listName') return values.listName ?? '';
	return values.profile?.[name.slice('profile.'.length)] ?? null;
}

function encode(value: unknown, inString: boolean): string {
	if (!inString) return JSON.stringify(value ?? null);
	const text = typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
	return JSON.stringify(text).slice(1, -1);
}

interface Rendered {
	text: string;
	/** Where each piece of the output came from in the template. */
	map: Array<{ from: number; to: number; source: number; placeholder: boolean }>;
}

function render(parts: TemplatePart[], values: TemplateValues): Rendered {
	let text = '';
	const map: Rendered['map'] = [];
	for (const part of parts) {
		const piece = part.kind === 'text' ? part.text : encode(valueOf(part.name, values), part.inString);
		map.push({ from: text.length, to: text.length + piece.length, source: part.start, placeholder: part.kind === 'placeholder' });
		text += piece;
	}
	return { text, map };
}

function sourceOffset(rendered: Rendered, offset: number, templateLength: number): number {
	for (const entry of rendered.map) {
		if (offset >= entry.from && offset < entry.to) {
			return entry.placeholder ? entry.source : entry.source + (offset - entry.from);
		}
	}
	return templateLength;
}

function lineAndColumn(text: string, offset: number): string {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

function unknownPlaceholder(template: string, parts: TemplatePart[]): string | null {
	for (const part of parts) {
		if (part.kind === 'placeholder' && !KNOWN_PLACEHOLDER.test(part.name)) {
			return `Unknown placeholder {{${part.name}}} at ${lineAndColumn(template, part.start)}. Use {{profile.<field>}} (such as {{profile.customerId}} or {{profile.email}}), {{profiles}}, {{operation}} or {{listName}}.`;
		}
	}
	return null;
}

/** The template filled in with `values`. Throws on an unknown placeholder. */
export function renderTemplate(template: string, values: TemplateValues): string {
	const parts = parseTemplate(template);
	const problem = unknownPlaceholder(template, parts);
	if (problem) throw new Error(problem);
	return render(parts, values).text;
}

/**
 * Why the template is not usable, or null: an unknown placeholder, or text that is not JSON
 * once the placeholders hold sample values. The message names the problem and where it is.
 */
export function payloadTemplateProblem(template: string): string | null {
	const parts = parseTemplate(template);
	const unknown = unknownPlaceholder(template, parts);
	if (unknown) return unknown;
	const rendered = render(parts, SAMPLE_VALUES);
	const error = findJsonError(rendered.text);
	if (!error) return null;
	const at = sourceOffset(rendered, error.offset, template.length);
	return `The payload template is not valid JSON once its placeholders are filled in: ${error.problem} at ${lineAndColumn(template, at)}.`;
}

/** The template rendered with the sample values and parsed, or undefined when it is not valid. */
export function samplePayload(template: string): unknown {
	if (payloadTemplateProblem(template)) return undefined;
	return JSON.parse(render(parseTemplate(template), SAMPLE_VALUES).text) as unknown;
}

class JsonProblem {
	constructor(
		readonly offset: number,
		readonly problem: string
	) {}
}

/**
 * A strict JSON syntax check with positions and plain-language problems. JSON.parse messages
 * differ between browsers and some carry no position, so the form gets its own.
 */
export function findJsonError(text: string): { offset: number; problem: string } | null {
	let i = 0;
	function fail(problem: string, at: number = i): never {
		throw new JsonProblem(at, problem);
	}
	const found = (): string => {
		const ch = text[i];
		if (ch === undefined) return 'the end of the template';
		if (ch === '\n' || ch === '\r') return 'a line break';
		if (ch === '\t') return 'a tab';
		if (ch === '"') return 'a quote (")';
		return `"${ch}"`;
	};
	const skipSpace = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

	function string(): void {
		const start = i;
		i++;
		for (;;) {
			const ch = text[i];
			if (ch === undefined) fail('a string is not closed (a " is missing)', start);
			if (ch === '"') {
				i++;
				return;
			}
			if (ch === '\\') {
				const next = text[i + 1];
				if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
				else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
				else fail('an invalid escape sequence in a string (use \\", \\\\, \\n, \\t or \\uXXXX)');
				continue;
			}
			if (ch === '\n' || ch === '\r') fail('a string runs past the end of the line (a closing " is missing)', start);
			if (ch < ' ') fail('a control character inside a string (escape it, for example as \\t)');
			i++;
		}
	}

	function number(): void {
		NUMBER.lastIndex = i;
		const match = NUMBER.exec(text);
		if (!match) fail(`an invalid number: found ${found()}`);
		const literal = match[0];
		if (/^-?0$/.test(literal) && /\d/.test(text[i + literal.length] ?? '')) {
			fail('a number with a leading zero, which JSON does not allow');
		}
		i += literal.length;
	}

	function object(depth: number): void {
		i++;
		skipSpace();
		if (text[i] === '}') {
			i++;
			return;
		}
		for (;;) {
			skipSpace();
			if (text[i] === '"') string();
			else if (text[i] === '}') fail("a trailing comma before '}', which JSON does not allow");
			else if (text[i] === "'") fail('a property name in single quotes (JSON needs double quotes)');
			else fail(`expected a property name in double quotes but found ${found()}`);
			skipSpace();
			if (text[i] !== ':') fail(`expected ':' after the property name but found ${found()}`);
			i++;
			value(depth + 1);
			if (!more('}', 'a property value')) return;
		}
	}

	function array(depth: number): void {
		i++;
		skipSpace();
		if (text[i] === ']') {
			i++;
			return;
		}
		for (;;) {
			skipSpace();
			if (text[i] === ']') fail("a trailing comma before ']', which JSON does not allow");
			value(depth + 1);
			if (!more(']', 'an array item')) return;
		}
	}

	/** After a member of an object or array: a comma means more follow, the closing bracket ends it. */
	function more(close: '}' | ']', member: string): boolean {
		skipSpace();
		const ch = text[i];
		if (ch === ',' || ch === close) {
			i++;
			return ch === ',';
		}
		return fail(`expected ',' or '${close}' after ${member} but found ${found()}`);
	}

	function value(depth: number): void {
		if (depth > 100) fail('the JSON is nested more than 100 levels deep');
		skipSpace();
		const ch = text[i];
		if (ch === undefined) fail('expected a value but the template ends');
		if (ch === '{') return object(depth);
		if (ch === '[') return array(depth);
		if (ch === '"') return string();
		if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, i)) {
				i += word.length;
				return;
			}
		}
		if (ch === "'") fail('a string in single quotes (JSON needs double quotes)');
		fail(`expected a value (a string, number, object, array, true, false or null) but found ${found()}`);
	}

	try {
		value(0);
		skipSpace();
		if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
		return null;
	} catch (error) {
		if (error instanceof JsonProblem) return { offset: error.offset, problem: error.problem };
		throw error;
	}
}
