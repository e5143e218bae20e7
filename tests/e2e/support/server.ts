import type { TestProject } from 'vitest/node';
import { serveBuild } from '../../support/static-server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

/**
 * Serves `build/` for the whole e2e run the way a static host does (see serveBuild). Only
 * `build/` is read, so a half-finished `vite build` that wiped `.svelte-kit/output` (which
 * `vite preview` needs) does not stop the run.
 */
export default async function setup(project: TestProject) {
	const server = await serveBuild();
	project.provide('baseURL', server.baseURL);
	return () => server.close();
}
