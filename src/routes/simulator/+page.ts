import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const workspace = requireWorkspace(await parent());
	const settings = await workspace.store.workspace.get();
	return { ...workspace, seed: settings?.seed ?? null, timeZone: settings?.timeZone };
};
