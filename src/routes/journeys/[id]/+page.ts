import { error } from '@sveltejs/kit';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	const workspace = requireWorkspace(await parent());
	const journey = await workspace.store.journeys.get(params.id);
	if (!journey) error(404, `No journey with id "${params.id}" exists in this workspace.`);
	return { ...workspace, id: params.id, journey };
};
