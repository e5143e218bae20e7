import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import DeleteAudience from '$lib/components/audiences/DeleteAudience.svelte';

describe('deleting an audience', () => {
	it('is refused while a journey starts on it, with a link to each such journey', async () => {
		const ondelete = vi.fn(async () => ({ deleted: false as const, journeys: [{ id: 'j-1', name: 'Welcome high-value customers' }] }));
		const ondeleted = vi.fn();
		render(DeleteAudience, { props: { name: 'High-value customers', ondelete, ondeleted } });
		const user = userEvent.setup();
		await user.click(screen.getByRole('button', { name: 'Delete' }));
		await user.click(screen.getByRole('button', { name: 'Delete audience' }));
		const dialog = await screen.findByRole('alertdialog', { name: '"High-value customers" cannot be deleted' });
		expect(within(dialog).getByRole('link', { name: 'Welcome high-value customers' })).toHaveAttribute('href', '/journeys/j-1');
		expect(within(dialog).queryByRole('button', { name: 'Delete audience' })).toBeNull();
		expect(ondeleted).not.toHaveBeenCalled();
	});

	it('deletes an audience no journey starts on', async () => {
		const ondelete = vi.fn(async () => ({ deleted: true as const }));
		const ondeleted = vi.fn();
		render(DeleteAudience, { props: { name: 'Dutch mobile app users', ondelete, ondeleted } });
		const user = userEvent.setup();
		await user.click(screen.getByRole('button', { name: 'Delete' }));
		await user.click(screen.getByRole('button', { name: 'Delete audience' }));
		expect(ondeleted).toHaveBeenCalledTimes(1);
		expect(screen.queryByRole('alertdialog')).toBeNull();
	});
});
