import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import HistoryPanel from '$lib/components/simulator/HistoryPanel.svelte';
import type { EngineProgress, HistoryResult } from '$lib/engine/protocol';

function setup(options: { history?: EngineProgress['history']; last?: HistoryResult | null; oncancel?: () => Promise<void> } = {}) {
	const ongenerate = vi.fn(() => Promise.resolve());
	const oncancel = vi.fn(options.oncancel ?? (() => Promise.resolve()));
	const user = userEvent.setup();
	const view = render(HistoryPanel, { props: { history: options.history ?? null, last: options.last ?? null, days: 90, ongenerate, oncancel } });
	return { user, ongenerate, oncancel, ...view };
}

const running = (done: number, messages: number) => ({ running: true, done, total: 90, messages });

describe('HistoryPanel', () => {
	it('says that generating replaces the statistics recorded so far', () => {
		setup();

		expect(screen.getByText(/It replaces the statistics and delivery log recorded so far\./)).toBeInTheDocument();
		expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
	});

	it('generates 90 days only after confirming', async () => {
		const { user, ongenerate } = setup();

		await user.click(screen.getByRole('button', { name: 'Generate 90 days of history' }));

		const dialog = screen.getByRole('alertdialog', { name: 'Generate 90 days of history?' });
		expect(dialog).toHaveTextContent('This replaces every statistic and delivery log entry of this workspace with 90 generated days.');
		expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
		expect(ongenerate).not.toHaveBeenCalled();

		await user.click(within(dialog).getByRole('button', { name: 'Generate' }));

		expect(ongenerate).toHaveBeenCalledTimes(1);
		expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
	});

	it('generates nothing when the confirmation is cancelled', async () => {
		const { user, ongenerate } = setup();

		await user.click(screen.getByRole('button', { name: 'Generate 90 days of history' }));
		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
		expect(ongenerate).not.toHaveBeenCalled();
	});

	it('shows the progress in days and messages while it runs', async () => {
		const { rerender } = setup({ history: running(30, 412_345) });

		const bar = screen.getByRole('progressbar', { name: 'History generated' });
		expect(bar).toHaveAttribute('aria-valuemin', '0');
		expect(bar).toHaveAttribute('aria-valuemax', '90');
		expect(bar).toHaveAttribute('aria-valuenow', '30');
		expect(bar).toHaveAttribute('aria-valuetext', '30 of 90 days');
		expect(screen.getByText('Day 30 of 90 · 412,345 profile-messages so far')).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Generate 90 days of history' })).not.toBeInTheDocument();

		await rerender({ history: running(45, 600_000) });

		expect(bar).toHaveAttribute('aria-valuenow', '45');
		expect(screen.getByText('Day 45 of 90 · 600,000 profile-messages so far')).toBeInTheDocument();
	});

	it('cancels a running generation once', async () => {
		const { user, oncancel } = setup({ history: running(10, 1000), oncancel: () => new Promise<void>(() => undefined) });

		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(oncancel).toHaveBeenCalledTimes(1);
		expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
	});

	it('shows the last result with its messages and seconds', () => {
		setup({ last: { completed: true, messages: 1_234_567, seconds: 12.34 } });

		expect(screen.getByText('Last generated: 1,234,567 profile-messages in 12.3 seconds.')).toBeInTheDocument();
	});

	it('shows why the last generation stopped', () => {
		setup({ last: { completed: false, reason: 'Cancelled by the user.' } });

		expect(screen.getByText('The last generation stopped before the end: Cancelled by the user.')).toBeInTheDocument();
	});

	it('offers to generate again once a run has ended', async () => {
		const { rerender } = setup({ history: running(89, 1_000_000) });

		await rerender({ history: { running: false, done: 90, total: 90, messages: 1_010_000 }, last: { completed: true, messages: 1_010_000, seconds: 11 } });

		await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
		expect(screen.getByRole('button', { name: 'Generate 90 days of history' })).toBeEnabled();
		expect(screen.getByText('Last generated: 1,010,000 profile-messages in 11.0 seconds.')).toBeInTheDocument();
	});

	it('says why when cancelling failed, and lets the user try again', async () => {
		const { user } = setup({ history: running(10, 1000), oncancel: () => Promise.reject(new Error('The engine stopped.')) });

		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(await screen.findByRole('alert')).toHaveTextContent('History generation was not cancelled: The engine stopped.');
		expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
	});
});
