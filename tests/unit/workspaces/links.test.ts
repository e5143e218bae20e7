import { describe, expect, it, vi } from 'vitest';
import { SCENARIOS } from '$lib/demo/scenarios';
import { copyText } from '$lib/services/clipboard';
import { fetchLinkedFile, scenarioDestination } from '$lib/services/workspace-links';
import { ImportLink, ScenarioLink } from '$lib/state/workspaces.svelte';
import { browserWorkspaces } from './support';

const APP = new URL('http://192.168.1.20:4173/sandbox/');

/** A site that serves `files` (path → body and type) and answers anything else as told. */
function site(files: Record<string, { body: string; type?: string; status?: number }>) {
	return vi.fn(async (input: RequestInfo | URL) => {
		const url = new URL(String(input));
		const file = files[url.pathname];
		if (!file) return new Response('Not found', { status: 404, statusText: 'Not Found' });
		return new Response(file.body, { status: file.status ?? 200, headers: { 'content-type': file.type ?? 'application/json' } });
	});
}

describe('import links', () => {
	it('fetches a file of this site, its address read from the app root so it works under a sub-path', async () => {
		const fetchFile = site({ '/sandbox/samples/training.json': { body: '{"version":1}' } });
		expect(await fetchLinkedFile('samples/training.json', APP, fetchFile)).toEqual({ ok: true, fileName: 'training.json', text: '{"version":1}' });
		expect(await fetchLinkedFile('/sandbox/samples/training.json', APP, fetchFile)).toMatchObject({ ok: true });
		expect(await fetchLinkedFile('http://192.168.1.20:4173/sandbox/samples/training.json', APP, fetchFile)).toMatchObject({ ok: true });
	});

	it('refuses another site without asking it for anything', async () => {
		const fetchFile = site({});
		const other = await fetchLinkedFile('https://evil.example/workspace.json', APP, fetchFile);
		expect(other).toEqual({ ok: false, message: expect.stringContaining('a file from https://evil.example. Only workspace files from this site (http://192.168.1.20:4173)') });
		// A protocol-relative address is another site too.
		expect(await fetchLinkedFile('//evil.example/w.json', APP, fetchFile)).toMatchObject({ ok: false, message: expect.stringContaining('a file from http://evil.example.') });
		expect(await fetchLinkedFile('data:application/json,{}', APP, fetchFile)).toMatchObject({ ok: false, message: expect.stringContaining('a data: address') });
		expect(fetchFile).not.toHaveBeenCalled();
	});

	it('says why when the file is missing, unreachable, a web page or too large', async () => {
		const fetchFile = site({
			'/sandbox/samples/app.json': { body: '<!doctype html><html></html>', type: 'text/html' },
			'/sandbox/samples/locked.json': { body: 'no', status: 403 }
		});
		expect(await fetchLinkedFile('samples/missing.json', APP, fetchFile)).toEqual({
			ok: false,
			message: 'There is no workspace file at /sandbox/samples/missing.json on this site (it answered 404 Not Found). Check the address in the link.'
		});
		expect(await fetchLinkedFile('samples/app.json', APP, fetchFile)).toMatchObject({ ok: false, message: expect.stringContaining('is a web page, not a workspace file') });
		expect(await fetchLinkedFile('samples/locked.json', APP, fetchFile)).toMatchObject({ ok: false, message: expect.stringContaining('answered 403') });
		const offline = vi.fn(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(await fetchLinkedFile('samples/training.json', APP, offline)).toMatchObject({ ok: false, message: expect.stringContaining('could not be reached (Failed to fetch)') });
		const huge = vi.fn(async () => new Response('{}', { headers: { 'content-length': String(200 * 1024 * 1024) } }));
		expect(await fetchLinkedFile('samples/huge.json', APP, huge)).toMatchObject({ ok: false, message: expect.stringContaining('is 200 MB; a workspace file is at most 64 MB') });
		expect(await fetchLinkedFile('  ', APP, fetchFile)).toMatchObject({ ok: false, message: expect.stringContaining('names no file') });
	});

	it('keeps where the fetch stands for the import panel', async () => {
		let answer!: (file: { ok: false; message: string }) => void;
		const link = new ImportLink('samples/x.json', () => new Promise((done) => (answer = done)));
		expect(link.status).toEqual({ kind: 'loading', address: 'samples/x.json' });
		answer({ ok: false, message: 'No file.' });
		await vi.waitFor(() => expect(link.status).toEqual({ kind: 'failed', address: 'samples/x.json', message: 'No file.' }));
	});
});

describe('scenario links', () => {
	it('starts the scenario in a new current workspace and opens its first place to look at', async () => {
		const { manager, registry } = await browserWorkspaces();
		const scenario = SCENARIOS[0]!;
		const open = vi.fn();
		const link = new ScenarioLink(manager, scenario.id, open);
		expect(link.status).toEqual({ kind: 'starting', title: scenario.title });
		await vi.waitFor(() => expect(open).toHaveBeenCalledWith(scenarioDestination(scenario)));
		const list = await manager.list();
		expect(list.map((w) => w.name)).toEqual(['Demo workspace', scenario.title]);
		expect(await registry.currentId()).toBe(list[1]!.id);
	});

	it('changes nothing for an unknown scenario', async () => {
		const { manager, registry } = await browserWorkspaces();
		const open = vi.fn();
		const link = new ScenarioLink(manager, 'no-such-story', open);
		expect(link.status).toEqual({ kind: 'unknown', id: 'no-such-story' });
		expect((await manager.list()).map((w) => w.name)).toEqual(['Demo workspace']);
		expect(await registry.currentId()).toBe('demo');
		expect(open).not.toHaveBeenCalled();
	});
});

describe('copying a link', () => {
	it('uses the Clipboard API where there is one, and says so when there is no way at all', async () => {
		const writeText = vi.fn(async () => {});
		expect(await copyText('http://x/workspaces?scenario=a', { clipboard: { writeText } })).toBe(true);
		expect(writeText).toHaveBeenCalledWith('http://x/workspaces?scenario=a');
		// Plain HTTP from a LAN address: no navigator.clipboard, and here no document either.
		expect(await copyText('http://x/', {})).toBe(false);
	});
});
