import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const DEXIE_ONLY_IN_DB = { name: 'dexie', message: 'Dexie lives behind the repositories in src/lib/db: import them from $lib/db.' };

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
	// Layering that cannot rot (docs/decisions/0014-layering.md); tests/unit/lint proves each rule bites.
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/db/**'],
		rules: { 'no-restricted-imports': ['error', { paths: [DEXIE_ONLY_IN_DB] }] }
	},
	{
		// The partner mocks run in the engine's worker; a page reads what it needs of them (the
		// error catalogue) through $lib/engine, so no route bundles or depends on handlers.
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [DEXIE_ONLY_IN_DB],
					patterns: [{ regex: '(^|/)mocks(/|$)', message: 'Routes do not reach into mocks/: take what a page needs of the mock partners from $lib/engine.' }]
				}
			]
		}
	},
	{
		// Components render in jsdom without SvelteKit's runtime: navigation and page state come
		// in as props from the routes; resolve() (a pure function of the base path) is allowed.
		files: ['src/lib/components/**/*.svelte', 'src/lib/components/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [DEXIE_ONLY_IN_DB],
					patterns: [
						{
							regex: '^\\$app/(?!paths$|types$)',
							message: 'Components import nothing from $app/* but resolve() from $app/paths and types: the route passes navigation and page state in.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [DEXIE_ONLY_IN_DB],
					patterns: [{ regex: '^(?!zod$|\\./)', message: 'The domain is pure TypeScript: it imports zod and its own modules, no framework, storage, worker or chart library.' }]
				}
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'The domain takes the time as an argument (a clock is passed in).' },
				{ object: 'Math', property: 'random', message: 'The domain takes a seeded random source as an argument.' },
				{ object: 'performance', property: 'now', message: 'The domain takes the time as an argument (a clock is passed in).' }
			],
			'no-restricted-globals': [
				'error',
				...['setTimeout', 'setInterval', 'fetch', 'indexedDB', 'localStorage', 'crypto'].map((name) => ({ name, message: 'The domain does no I/O and reads no timer: pass what it needs in.' }))
			],
			'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes the time as an argument (a clock is passed in).' }]
		}
	},
	{
		files: ['mocks/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib', '$lib/*', '**/src/**', '$app/*'],
							message: 'The mocks emulate each partner from its own side and import nothing from src/: an adapter bug cannot hide behind its mock.'
						}
					]
				}
			]
		}
	},
	{
		files: ['*.js', '*.config.ts'],
		...ts.configs.disableTypeChecked
	}
);
