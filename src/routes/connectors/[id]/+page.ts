import { error } from '@sveltejs/kit';
import { parseRange } from '$lib/domain/stats-range';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, url }) => {
	const workspace = requireWorkspace(await parent());
	if (!(await workspace.store.connectors.get(params.id))) error(404, `No connector with id "${params.id}" exists in this workspace.`);
	// The statistics' range lives in the URL (?range=7|30|90), so a view can be shared and reloaded.
	const { range, problem: rangeProblem } = parseRange(url.searchParams.get('range'));
	const timeZone = (await workspace.store.workspace.get())?.timeZone ?? 'UTC';
	return { ...workspace, id: params.id, range, rangeProblem, timeZone };
};
