import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DeleteDialog from '$lib/components/connectors/DeleteDialog.svelte';
import type { ConnectorUsage, DeletionVerdict } from '$lib/domain/usage';
import { audience } from '../fixtures/records';
import { createTestWorkspace } from '$lib/testing';
import { metaConfig } from '../fixtures/store';

const usages: ConnectorUsage[] = [
	{ kind: 'audience', id: 'a1', name: 'Loyal customers' },
	{ kind: 'journey', id: 'j1', name: 'Welcome series', versions: ['published', 'draft'] }
];

function setup(props: { usages?: ConnectorUsage[]; ondelete?: () => Promise<DeletionVerdict>; hrefForUsage?: (u: ConnectorUsage) => ResolvedPathname | null }) {
	const calls: string[] = [];
	const ondelete = vi.fn(
		props.ondelete ??
			(() => {
				calls.push('delete');
				return Promise.resolve<DeletionVerdict>({ allowed: true });
			})
	);
	const ondeleted = vi.fn(() => void calls.push('deleted'));
	const onclose = vi.fn(() => void calls.push('close'));
	const user = userEvent.setup();
	const { unmount } = render(DeleteDialog, {
		props: { connectorName: 'Meta EU', usages: props.usages ?? [], hrefForUsage: props.hrefForUsage, ondelete, ondeleted, onclose }
	});
	return { user, calls, ondelete, ondeleted, onclose, unmount };
}

function expectRefusal(names: string[]) {
	const dialog = screen.getByRole('alertdialog', { name: `"Meta EU" can't be deleted` });
	expect(dialog).toHaveAccessibleDescription(/Remove the connector there first, then delete it\./);
	const items = within(dialog).getAllByRole('listitem');
	expect(items).toHaveLength(names.length);
	names.forEach((name, i) => expect(items[i]).toHaveTextContent(name));
	expect(within(dialog).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Close']);
	return dialog;
}

describe('DeleteDialog', () => {
	it('refuses to delete a connector in use, naming every audience and journey that uses it', async () => {
		const { user, ondelete, ondeleted, onclose } = setup({ usages });

		const dialog = expectRefusal(['Loyal customers', 'Welcome series']);
		expect(dialog).toHaveTextContent('It is used by these 2 audiences and journeys.');
		expect(within(dialog).getAllByRole('listitem')[0]).toHaveTextContent(/^Audience\s*Loyal customers$/);
		expect(within(dialog).getAllByRole('listitem')[1]).toHaveTextContent(/^Journey\s*Welcome series\s*\(published and draft\)$/);
		expect(dialog).toHaveTextContent('To stop sending to it without removing it anywhere, deactivate it instead.');
		expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();

		await user.click(within(dialog).getByRole('button', { name: 'Close' }));

		expect(onclose).toHaveBeenCalledTimes(1);
		expect(ondelete).not.toHaveBeenCalled();
		expect(ondeleted).not.toHaveBeenCalled();
	});

	it('uses singular wording and links a usage when it has a page', () => {
		setup({ usages: [usages[0]!], hrefForUsage: (u) => (u.kind === 'audience' ? resolve('/audiences/[id]', { id: u.id }) : null) });

		const dialog = screen.getByRole('alertdialog', { name: `"Meta EU" can't be deleted` });
		expect(dialog).toHaveTextContent('It is used by this audience.');
		expect(within(dialog).getByRole('link', { name: 'Loyal customers' })).toHaveAttribute('href', '/audiences/a1');
	});

	it('closes on Escape without deleting', async () => {
		const { user, ondelete, onclose } = setup({ usages });

		await user.keyboard('{Escape}');

		expect(onclose).toHaveBeenCalledTimes(1);
		expect(ondelete).not.toHaveBeenCalled();
	});

	it('deletes an unused connector on confirmation, then reports it deleted', async () => {
		const { user, calls } = setup({});

		const dialog = screen.getByRole('alertdialog', { name: 'Delete "Meta EU"?' });
		expect(dialog).toHaveAccessibleDescription(/This can't be undone\./);
		expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

		await user.click(within(dialog).getByRole('button', { name: 'Delete connector' }));

		await waitFor(() => expect(calls).toEqual(['delete', 'deleted']));
	});

	it('cancels without deleting', async () => {
		const { user, calls } = setup({});

		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(calls).toEqual(['close']);
	});

	it('switches to the refusal when an audience started using it meanwhile', async () => {
		const { user, ondeleted } = setup({
			ondelete: () => Promise.resolve({ allowed: false, usages: [{ kind: 'audience', id: 'a9', name: 'Saved in another tab' }] })
		});

		await user.click(screen.getByRole('button', { name: 'Delete connector' }));

		await screen.findByRole('alertdialog', { name: `"Meta EU" can't be deleted` });
		expectRefusal(['Saved in another tab']);
		expect(screen.queryByRole('alertdialog', { name: 'Delete "Meta EU"?' })).not.toBeInTheDocument();
		expect(ondeleted).not.toHaveBeenCalled();
	});

	it('shows why deleting failed and stays open', async () => {
		const { user, ondeleted, onclose } = setup({ ondelete: () => Promise.reject(new Error('connector id-1 was not found')) });

		await user.click(screen.getByRole('button', { name: 'Delete connector' }));

		expect(await screen.findByRole('alert')).toHaveTextContent('connector id-1 was not found');
		expect(screen.getByRole('button', { name: 'Delete connector' })).toBeEnabled();
		expect(ondeleted).not.toHaveBeenCalled();
		expect(onclose).not.toHaveBeenCalled();
	});

	it('guards a real delete: refused while an audience uses the connector, done once it no longer does', async () => {
		const workspace = await createTestWorkspace(1, { contents: 'blank' });
		const { store } = workspace;
		try {
			const created = await store.connectors.create({ partnerId: 'meta', name: 'Meta EU', target: 'mock', config: metaConfig });
			if (!created.ok) throw new Error('the fixture connector is invalid');
			const id = created.value.id;
			// The page opened the dialog with no usages; an audience is saved (in another tab) before Delete.
			await store.audiences.put(audience('aud-1', 'Loyal customers', [id]));

			const first = setup({ ondelete: () => store.connectors.delete(id) });
			await first.user.click(screen.getByRole('button', { name: 'Delete connector' }));

			await screen.findByRole('alertdialog', { name: `"Meta EU" can't be deleted` });
			expectRefusal(['Loyal customers']);
			expect(first.ondeleted).not.toHaveBeenCalled();
			expect(await store.connectors.get(id)).toBeDefined();

			await first.user.click(screen.getByRole('button', { name: 'Close' }));
			expect(first.onclose).toHaveBeenCalledTimes(1);
			first.unmount();
			await store.audiences.put(audience('aud-1', 'Loyal customers', []));

			const second = setup({ ondelete: () => store.connectors.delete(id) });
			await second.user.click(screen.getByRole('button', { name: 'Delete connector' }));

			await waitFor(() => expect(second.ondeleted).toHaveBeenCalledTimes(1));
			expect(await store.connectors.list()).toEqual([]);
		} finally {
			workspace.dispose();
		}
	});
});
