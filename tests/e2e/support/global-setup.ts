import { serveBuild } from '../../support/static-server';
import { BUILD, SANDBOX_BUILD } from './paths';

/**
 * Serves `build/` and the sub-path build `build-sandbox/` (under /sandbox) for the whole run,
 * the way a static host does (see serveBuild): a snapshot of each, so a `vite build` started
 * elsewhere during the run cannot swap files under the page. The addresses reach the test
 * workers as environment variables (the workers start after this setup). The returned
 * function is the global teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
	const app = await serveBuild(BUILD);
	const sandbox = await serveBuild(SANDBOX_BUILD, { base: '/sandbox' });
	process.env.E2E_APP_URL = app.baseURL;
	process.env.E2E_SANDBOX_URL = sandbox.baseURL;
	return async () => {
		await app.close();
		await sandbox.close();
	};
}
