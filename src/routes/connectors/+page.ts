import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	const workspace = requireWorkspace(await parent());
	// Days of the sparklines are days in the workspace's time zone.
	const timeZone = (await workspace.store.workspace.get())?.timeZone ?? 'UTC';
	return { ...workspace, timeZone };
};
