import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ScenarioCard from '$lib/components/scenarios/ScenarioCard.svelte';
import ScenarioList from '$lib/components/scenarios/ScenarioList.svelte';
import ImportPanel from '$lib/components/workspaces/ImportPanel.svelte';
import type { WorkspaceEntry } from '$lib/db/registry';
import { demoWorkspace } from '$lib/demo/demo-workspace';
import { SCENARIOS, type Scenario } from '$lib/demo/scenarios';
import { buildExportFile, readExportFile } from '$lib/domain/export-file';
import type { ImportLinkStatus } from '$lib/state/workspaces.svelte';
import { partnerRules, secretFieldsOf } from '$lib/workspaces/partners';

const NOW = Date.UTC(2026, 10, 28, 12);
const linkFor = (scenario: Scenario) => `http://192.168.1.20:4173/workspaces?scenario=${scenario.id}`;

describe('copying a scenario link', () => {
	it('copies the absolute link of that scenario and says so', async () => {
		const user = userEvent.setup();
		const copy = vi.fn(async () => true);
		render(ScenarioList, { props: { scenarios: SCENARIOS, onstart: async () => {}, linkFor, copy } });
		await user.click(screen.getByRole('button', { name: 'Copy link to “Meta token expired yesterday”' }));
		expect(copy).toHaveBeenCalledWith('http://192.168.1.20:4173/workspaces?scenario=meta-token-expired');
		const meta = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('Meta token expired yesterday'))!;
		expect(within(meta).getByText('✓ Link copied')).toBeInTheDocument();
		expect(screen.getAllByText('✓ Link copied')).toHaveLength(1);
		expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
	});

	it('shows the link selected for Ctrl+C where the browser will not copy (plain HTTP from a LAN address)', async () => {
		const user = userEvent.setup();
		render(ScenarioList, { props: { scenarios: SCENARIOS, onstart: async () => {}, linkFor, copy: async () => false } });
		await user.click(screen.getByRole('button', { name: 'Copy link to “DV360 quota exhausted”' }));
		const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Link that starts this scenario' });
		expect(field).toHaveValue('http://192.168.1.20:4173/workspaces?scenario=dv360-quota-exhausted');
		expect(field).toHaveAttribute('readonly');
		expect(field).toHaveFocus();
		expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
		expect(screen.getByText('Press Ctrl+C to copy the selected link')).toBeInTheDocument();
		expect(screen.queryByText('✓ Link copied')).not.toBeInTheDocument();
	});
});

describe('a scenario card', () => {
	it('links each place to look at within the app', () => {
		render(ScenarioCard, { props: { scenario: SCENARIOS[0]!, folded: false, onfold: () => {} } });
		expect(screen.getAllByRole('link')[0]).toHaveAttribute('href', '/connectors/demo-meta');
	});
});

function exportText(): string {
	const demo = demoWorkspace({ now: NOW, timeZone: 'UTC', history: 'skipped' });
	const file = buildExportFile(
		{ name: 'Training', timeZone: 'UTC', seed: 1, demo: true, connectors: demo.connectors, faults: new Map(), audiences: demo.audiences, journeys: demo.journeys, hourly: [], daily: [], engine: null },
		{ includeSecrets: false, exportedAt: NOW, secretFieldsOf }
	);
	return JSON.stringify(file);
}

describe('an import link in the import panel', () => {
	function setup(linked: ImportLinkStatus) {
		const entry: WorkspaceEntry = { id: 'w9', name: 'Training', nameKey: 'training', databaseName: 'x', origin: 'imported', createdAt: NOW };
		const onimport = vi.fn(async () => entry);
		const view = render(ImportPanel, {
			props: { read: (text: string) => readExportFile(text, partnerRules), suggestName: async (name: string) => name, onimport, onswitch: () => {}, linked }
		});
		return { user: userEvent.setup(), onimport, view };
	}

	it('shows the file loading, then its preview, and imports it only on confirmation', async () => {
		const { user, onimport, view } = setup({ kind: 'loading', address: 'samples/training.json' });
		expect(screen.getByText(/Loading the workspace file/)).toHaveTextContent('Loading the workspace file samples/training.json from the link…');
		await view.rerender({ linked: { kind: 'loaded', address: 'samples/training.json', fileName: 'training.json', text: exportText() } });
		const preview = await screen.findByRole('form', { name: 'What the import will create' });
		expect(within(preview).getByText(/training\.json \(from the link\), exported/)).toBeInTheDocument();
		expect(within(preview).getByLabelText('Name of the new workspace')).toHaveValue('Training');
		expect(screen.queryByText(/Loading the workspace file/)).not.toBeInTheDocument();
		expect(onimport).not.toHaveBeenCalled();
		await user.click(within(preview).getByRole('button', { name: 'Import as new workspace' }));
		expect(onimport).toHaveBeenCalledWith(expect.objectContaining({ ok: true }), 'Training');
	});

	it('lists the problems of a linked file that is not a workspace export', async () => {
		const { onimport } = setup({ kind: 'loaded', address: 'samples/notes.json', fileName: 'notes.json', text: 'Dear trainees,' });
		const problems = await screen.findByRole('alert');
		expect(problems).toHaveTextContent('notes.json cannot be imported: 1 problem');
		expect(problems).toHaveTextContent('The file is not valid JSON');
		expect(screen.queryByRole('form')).not.toBeInTheDocument();
		expect(onimport).not.toHaveBeenCalled();
	});

	it('says why the file was not loaded, until another file is chosen', async () => {
		const { user } = setup({ kind: 'failed', address: 'https://elsewhere.example/w.json', message: 'The link asks for a file from https://elsewhere.example.' });
		expect(screen.getByRole('alert')).toHaveTextContent('The workspace file from the link was not loaded. The link asks for a file from https://elsewhere.example.');
		expect(screen.getByRole('alert')).toHaveTextContent('Nothing was imported and no workspace changed.');
		await user.upload(screen.getByLabelText('Workspace file (.json)'), new File([exportText()], 'mine.json', { type: 'application/json' }));
		await screen.findByRole('form', { name: 'What the import will create' });
		expect(screen.queryByText(/was not loaded/)).not.toBeInTheDocument();
	});
});
