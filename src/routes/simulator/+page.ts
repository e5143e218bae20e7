import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const data = await parent();
	return { ...requireWorkspace(data), seed: (await data.store?.workspace.get())?.seed ?? 0 };
};
