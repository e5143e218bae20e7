import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DeactivateDialog from '$lib/components/connectors/DeactivateDialog.svelte';
import type { ConnectorStatus } from '$lib/domain/connector';

function setup(options: { status?: ConnectorStatus; usageCount?: number; onconfirm?: () => Promise<void> } = {}) {
	const calls: string[] = [];
	const onconfirm = vi.fn(
		options.onconfirm ??
			(() => {
				calls.push('confirm');
				return Promise.resolve();
			})
	);
	const onclose = vi.fn(() => void calls.push('close'));
	const user = userEvent.setup();
	render(DeactivateDialog, {
		props: { connectorName: 'Meta EU', status: options.status ?? 'active', usageCount: options.usageCount ?? 0, onconfirm, onclose }
	});
	return { user, onconfirm, onclose, calls };
}

describe('DeactivateDialog', () => {
	it('is a modal dialog titled with the connector name, starting on Cancel', () => {
		setup();

		const dialog = screen.getByRole('alertdialog', { name: 'Deactivate "Meta EU"?' });
		expect(dialog).toHaveAttribute('aria-modal', 'true');
		expect(dialog).toHaveAccessibleDescription(/Audiences stop sending profiles to it at once/);
		expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
	});

	it('says it stays attached where it is used', () => {
		setup({ usageCount: 3 });

		expect(screen.getByRole('alertdialog')).toHaveTextContent(
			'It stays attached to the 3 audiences and journeys that use it, with a deactivated label'
		);
	});

	it('says it keeps its configuration when nothing uses it', () => {
		setup({ usageCount: 0 });

		expect(screen.getByRole('alertdialog')).toHaveTextContent('It keeps its configuration, with a deactivated label');
	});

	it('deactivates, then closes', async () => {
		const { user, calls } = setup();

		await user.click(screen.getByRole('button', { name: 'Deactivate' }));

		await waitFor(() => expect(calls).toEqual(['confirm', 'close']));
	});

	it('closes without deactivating on Cancel', async () => {
		const { user, onconfirm, onclose } = setup();

		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(onclose).toHaveBeenCalledTimes(1);
		expect(onconfirm).not.toHaveBeenCalled();
	});

	it('closes without deactivating on Escape', async () => {
		const { user, onconfirm, onclose } = setup();

		await user.keyboard('{Escape}');

		expect(onclose).toHaveBeenCalledTimes(1);
		expect(onconfirm).not.toHaveBeenCalled();
	});

	it('keeps focus inside the dialog with Tab', async () => {
		const { user } = setup();

		await user.tab();
		expect(screen.getByRole('button', { name: 'Deactivate' })).toHaveFocus();
		await user.tab({ shift: true });
		expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
	});

	it('shows why it failed and stays open when deactivating fails', async () => {
		const { user, onclose } = setup({ onconfirm: () => Promise.reject(new Error('The workspace database is closed.')) });

		await user.click(screen.getByRole('button', { name: 'Deactivate' }));

		const dialog = screen.getByRole('alertdialog', { name: 'Deactivate "Meta EU"?' });
		expect(await within(dialog).findByRole('alert')).toHaveTextContent('The workspace database is closed.');
		expect(within(dialog).getByRole('button', { name: 'Deactivate' })).toBeEnabled();
		expect(onclose).not.toHaveBeenCalled();
	});

	it('disables Deactivate while it is under way', async () => {
		const { user } = setup({ onconfirm: () => new Promise<never>(() => undefined) });

		await user.click(screen.getByRole('button', { name: 'Deactivate' }));

		expect(screen.getByRole('button', { name: 'Deactivate' })).toBeDisabled();
	});

	it('offers to reactivate a deactivated connector', async () => {
		const { user, calls } = setup({ status: 'deactivated' });

		const dialog = screen.getByRole('alertdialog', { name: 'Reactivate "Meta EU"?' });
		expect(dialog).toHaveTextContent('Audiences and journeys that use it start sending profiles to it again.');
		expect(within(dialog).queryByRole('button', { name: 'Deactivate' })).not.toBeInTheDocument();

		await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));

		await waitFor(() => expect(calls).toEqual(['confirm', 'close']));
	});
});
