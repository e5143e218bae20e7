import { error } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	const workspace = requireWorkspace(await parent());
	if (!(await workspace.store.connectors.get(params.id))) error(404, `No connector with id "${params.id}" exists in this workspace.`);
	return { ...workspace, id: params.id };
};
