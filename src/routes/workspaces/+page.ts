import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

// Links in a trainer's e-mail: `?scenario=<id>` starts a scenario, `?import=<address>` offers a
// workspace file of this site for import (the page carries them out, showing what happens).
export const load: PageLoad = async ({ parent, url }) => ({
	...requireWorkspace(await parent()),
	scenarioLink: url.searchParams.get('scenario'),
	importLink: url.searchParams.get('import')
});
