import { error } from '@sveltejs/kit';
import { catalogEntryById, partnerById } from '$lib/partners/registry';
import { requireWorkspace } from '$lib/services/workspace';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, url }) => {
	const entry = catalogEntryById(params.partnerId);
	if (!entry) error(404, `There is no connector "${params.partnerId}" in the catalog.`);
	const workspace = requireWorkspace(await parent());
	if (entry.kind === 'tag-based') return { ...workspace, entry, partner: null, tagBased: entry, configuring: false };
	const partner = partnerById(entry.id);
	if (!partner) error(404, `There is no server-to-server partner "${entry.id}".`);
	return { ...workspace, entry, partner, tagBased: null, configuring: url.searchParams.get('step') === 'configure' };
};
