import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const workspace = requireWorkspace(await parent());
	const seed = (await workspace.store.workspace.get())?.seed ?? 1;
	return { ...workspace, seed };
};
