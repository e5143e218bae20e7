import { error } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	const workspace = requireWorkspace(await parent());
	const audience = await workspace.store.audiences.get(params.id);
	if (!audience) error(404, `No audience with id "${params.id}" exists in this workspace.`);
	const seed = (await workspace.store.workspace.get())?.seed ?? 1;
	return { ...workspace, id: params.id, audience, seed };
};
