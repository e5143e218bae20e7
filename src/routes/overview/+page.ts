import { parseRange } from '$lib/domain/stats-range';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
	const workspace = requireWorkspace(await parent());
	const { range, problem: rangeProblem } = parseRange(url.searchParams.get('range'));
	const timeZone = (await workspace.store.workspace.get())?.timeZone ?? 'UTC';
	return { ...workspace, range, rangeProblem, timeZone };
};
