import { messageOf } from '$lib/domain/message';
import type { Pathname } from '$app/types';
import type { Scenario } from '$lib/demo/scenarios';
import { MAX_IMPORT_CHARS } from '$lib/domain/export-file';

/*
 * Links that start things, for a trainer's e-mail: `/workspaces?scenario=<id>` starts a scenario
 * in a new workspace, `/workspaces?import=<address>` offers a workspace file from this site for
 * import. The route only reads the address; the state classes in $lib/state/workspaces.svelte.ts
 * carry a link out with these functions.
 */

/** The page a started scenario opens on: the first place its card says to look at. */
export function scenarioDestination(scenario: Scenario): Pathname {
	return scenario.card.lookAt[0]?.href ?? '/connectors';
}

/** A workspace file fetched for an import link: its text to check, or why there is none. */
export type LinkedFile = { ok: true; fileName: string; text: string } | { ok: false; message: string };

/**
 * Fetches the workspace file an import link names. Only files of this site are fetched (the
 * address is relative to the app's root, or absolute on the same origin): a link in an e-mail
 * must not make the sandbox load whatever another site serves. Nothing is read or stored here;
 * the import panel checks the text and asks for confirmation as for a chosen file.
 */
export async function fetchLinkedFile(address: string, appRoot: URL, fetchFile: typeof fetch = fetch): Promise<LinkedFile> {
	const trimmed = address.trim();
	if (trimmed === '') return { ok: false, message: 'The import link names no file: after "import=" it needs the address of a workspace file on this site.' };
	let url: URL;
	try {
		url = new URL(trimmed, appRoot);
	} catch {
		return { ok: false, message: `“${trimmed}” is not an address, so no workspace file was loaded.` };
	}
	if (url.origin !== appRoot.origin) return { ok: false, message: crossOrigin(url, appRoot) };
	const shown = url.pathname + url.search;
	let response: Response;
	try {
		response = await fetchFile(url.href, { credentials: 'same-origin', cache: 'no-cache' });
	} catch (error) {
		const reason = messageOf(error);
		return { ok: false, message: `The workspace file ${shown} could not be reached (${reason}). Check the network connection and open the link again.` };
	}
	// A redirect may have led elsewhere; the same rule holds for where the file came from.
	if (response.url && new URL(response.url).origin !== appRoot.origin) return { ok: false, message: crossOrigin(new URL(response.url), appRoot) };
	if (response.status === 404) return { ok: false, message: `There is no workspace file at ${shown} on this site (it answered 404 Not Found). Check the address in the link.` };
	if (!response.ok) return { ok: false, message: `The site answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${shown}, so no workspace file was loaded.` };
	const length = Number(response.headers.get('content-length'));
	if (length > MAX_IMPORT_CHARS) {
		return { ok: false, message: `The file at ${shown} is ${Math.round(length / 1024 / 1024)} MB; a workspace file is at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB.` };
	}
	let text: string;
	try {
		text = await response.text();
	} catch (error) {
		const reason = messageOf(error);
		return { ok: false, message: `The workspace file ${shown} could not be read to the end (${reason}). Open the link again.` };
	}
	// Static hosts answer an unknown address with the app's own page (the SPA fallback), so a
	// mistyped file name arrives as a web page rather than as a 404.
	if ((response.headers.get('content-type') ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(text)) {
		return { ok: false, message: `${shown} is a web page, not a workspace file: most likely there is no file at that address. Check the address in the link.` };
	}
	return { ok: true, fileName: fileNameOf(url), text };
}

function crossOrigin(url: URL, appRoot: URL): string {
	const where = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `a ${url.protocol.replace(/:$/, '')}: address`;
	return `The link asks for a file from ${where}. Only workspace files from this site (${appRoot.origin}) open from a link; download the file and choose it under Import a workspace instead.`;
}

function fileNameOf(url: URL): string {
	const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
	try {
		return decodeURIComponent(last) || 'workspace file';
	} catch {
		return last || 'workspace file';
	}
}
