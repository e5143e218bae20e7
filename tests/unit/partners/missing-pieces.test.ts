import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * That a partner missing a piece does not compile is checked by `npm run check` over
 * tenth-partner.typecheck.ts. This compiles that file once more with its @ts-expect-error
 * lines taken out, and checks that the compiler's message for each case names the piece.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const FILE = resolve(import.meta.dirname, 'tenth-partner.typecheck.ts');
const PIECES = ['catalog', 'configSchema', 'useSettingsSchema', 'adapter', 'errorHelp', 'historyFaults', 'cookieSync', 'testSample'];

function diagnosticsWithoutExpectations(): Array<{ line: string; message: string }> {
	const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
	const text = readFileSync(FILE, 'utf8').replace(/^\/\/ @ts-expect-error.*$/gm, '');
	const host = ts.createCompilerHost(config.options);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (name, language, ...rest) =>
		resolve(name) === FILE ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
	const program = ts.createProgram({ rootNames: [FILE], options: { ...config.options, noEmit: true }, host });
	const source = program.getSourceFile(FILE)!;
	const lines = text.split('\n');
	return program.getSemanticDiagnostics(source).map((d) => ({
		line: lines[source.getLineAndCharacterOfPosition(d.start ?? 0).line] ?? '',
		message: ts.flattenDiagnosticMessageText(d.messageText, '\n')
	}));
}

describe('a partner missing a piece', () => {
	it('is a compile error that names the piece, through definePartner and through the registry', { timeout: 120_000 }, () => {
		const diagnostics = diagnosticsWithoutExpectations();
		for (const piece of PIECES) {
			for (const call of ['definePartner(', 'createRegistry(']) {
				const found = diagnostics.filter((d) => d.line.startsWith(call) && d.line.includes(`without('${piece}')`));
				expect(found.map((d) => d.message).join('\n'), `${call} without ${piece}`).toContain(`Property '${piece}' is missing`);
			}
		}
		// Every case in the file is an error: none compiles.
		expect(diagnostics.length).toBeGreaterThanOrEqual(2 * PIECES.length + 2);
	});
});
