import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', 'build-sandbox/', '.svelte-kit/', 'node_modules/', 'static/mockServiceWorker.js', 'docs/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		// The service worker has a tsconfig of its own (webworker types, no DOM).
		files: ['src/service-worker.ts'],
		languageOptions: { parserOptions: { projectService: false, project: './tsconfig.service-worker.json' } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.ts', '**/*.svelte'],
		rules: {
			// Fire-and-forget must be written `void x()`; a forgotten await is a bug.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-undef': 'off',
			// The app may be hosted under a sub-path (`BASE_PATH`): every link and navigation goes
			// through resolve() from $app/paths, and hrefs passed as props are typed ResolvedPathname.
			'svelte/no-navigation-without-resolve': 'error'
		}
	},
	{
		files: ['*.js', '*.config.ts'],
		...ts.configs.disableTypeChecked
	}
);
