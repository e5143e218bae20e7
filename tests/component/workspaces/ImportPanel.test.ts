import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ImportPanel from '$lib/components/workspaces/ImportPanel.svelte';
import type { WorkspaceEntry } from '$lib/db/registry';
import { buildExportFile, readExportFile } from '$lib/domain/export-file';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { partnerRules, secretFieldsOf } from '$lib/workspaces/partners';

const NOW = Date.UTC(2026, 10, 28, 12);

function exportText(mutate: (file: Record<string, unknown>) => void = () => {}): string {
	const demo = demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' });
	const file = buildExportFile(
		{ name: 'Demo', timeZone: 'UTC', seed: 1, demo: true, connectors: demo.connectors, faults: new Map(), audiences: demo.audiences, journeys: demo.journeys, hourly: [], daily: [], engine: null },
		{ includeSecrets: false, exportedAt: NOW, secretFieldsOf }
	) as unknown as Record<string, unknown>;
	mutate(file);
	return JSON.stringify(file);
}

function setup() {
	const entry: WorkspaceEntry = { id: 'w9', name: 'Demo (2)', nameKey: 'demo (2)', databaseName: 'x', origin: 'imported', createdAt: NOW };
	const onimport = vi.fn(async () => entry);
	const onswitch = vi.fn();
	render(ImportPanel, { props: { read: (text: string) => readExportFile(text, partnerRules), suggestName: async (name: string) => `${name} (2)`, onimport, onswitch } });
	return { user: userEvent.setup(), onimport, onswitch, entry };
}

const choose = (user: ReturnType<typeof userEvent.setup>, name: string, text: string) =>
	user.upload(screen.getByLabelText('Workspace file (.json)'), new File([text], name, { type: 'application/json' }));

describe('ImportPanel', () => {
	it('previews what a valid file creates, and imports it only on confirmation', async () => {
		const { user, onimport, onswitch, entry } = setup();
		await choose(user, 'demo.json', exportText());

		const preview = await screen.findByRole('form', { name: 'What the import will create' });
		expect(within(preview).getByLabelText('Name of the new workspace')).toHaveValue('Demo (2)');
		expect(within(preview).getByText('Connectors (9)')).toBeInTheDocument();
		expect(within(preview).getAllByRole('listitem').map((li) => li.textContent)).toContain('Meta Retargeting EU · Meta (Facebook) Custom Audiences');
		expect(within(preview).getByText(/will need credentials/)).toBeInTheDocument();
		expect(onimport).not.toHaveBeenCalled();

		await user.clear(within(preview).getByLabelText('Name of the new workspace'));
		await user.type(within(preview).getByLabelText('Name of the new workspace'), 'Trainee copy');
		await user.click(within(preview).getByRole('button', { name: 'Import as new workspace' }));
		expect(onimport).toHaveBeenCalledWith(expect.objectContaining({ fromVersion: 1 }), 'Trainee copy');
		await user.click(await screen.findByRole('button', { name: 'Switch to Demo (2)' }));
		expect(onswitch).toHaveBeenCalledWith(entry);
	});

	it('lists the problems of an invalid file with their paths, and offers no import', async () => {
		const { user, onimport } = setup();
		await choose(
			user,
			'broken.json',
			exportText((file) => {
				(file.connectors as Array<Record<string, unknown>>)[3]!.target = 'moon';
				(file.workspace as Record<string, unknown>).timeZone = 'Mars/Olympus';
			})
		);
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('broken.json cannot be imported: 2 problems');
		expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
			'workspace.timeZone: Not a time zone this browser knows (use an IANA name such as Europe/Amsterdam).',
			'connectors[3].target: Expected one of "mock", "live", found the text "moon".'
		]);
		expect(screen.queryByRole('button', { name: 'Import as new workspace' })).not.toBeInTheDocument();
		expect(onimport).not.toHaveBeenCalled();
	});

	it('refuses a file from a newer sandbox, saying so', async () => {
		const { user } = setup();
		await choose(user, 'future.json', exportText((file) => (file.version = 2)));
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('future.json comes from a newer version of the sandbox');
		expect(alert).toHaveTextContent('format version 2');
	});
});
