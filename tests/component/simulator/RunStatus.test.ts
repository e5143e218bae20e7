import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RunStatus from '$lib/components/simulator/RunStatus.svelte';

// 28 Nov 2026, 15:40 UTC
const CLOCK = Date.UTC(2026, 10, 28, 15, 40);

const progress = (overrides: { running?: boolean; speed?: number; history?: { running: boolean; done: number; total: number; messages: number } | null } = {}) => ({
	clock: CLOCK,
	running: false,
	speed: 3600,
	history: null,
	...overrides
});

describe('RunStatus', () => {
	it('shows the sandbox clock in the workspace time zone, British style', () => {
		render(RunStatus, { props: { progress: progress(), role: 'running here', timeZone: 'Europe/Amsterdam' } });

		const time = screen.getByText('28 Nov 2026, 16:40');
		expect(time.tagName).toBe('TIME');
		expect(time).toHaveAttribute('datetime', '2026-11-28T15:40:00.000Z');
		expect(screen.getByText('Europe/Amsterdam')).toBeInTheDocument();
	});

	it('says whether the simulator runs, and how fast', async () => {
		const { rerender } = render(RunStatus, { props: { progress: progress(), role: 'running here', timeZone: 'UTC' } });
		expect(screen.getByText(/The simulator is/)).toHaveTextContent('The simulator is paused');

		await rerender({ progress: progress({ running: true }) });
		expect(screen.getByText(/The simulator is/)).toHaveTextContent('The simulator is running at 3,600×');

		await rerender({ progress: progress({ history: { running: true, done: 1, total: 90, messages: 10 } }) });
		expect(screen.getByText(/The simulator is/)).toHaveTextContent('The simulator is generating history');
	});

	it('says that commands go to the tab that runs the engine', () => {
		render(RunStatus, { props: { progress: progress(), role: 'running in another tab', timeZone: 'UTC' } });

		expect(screen.getByText(/The engine runs in another tab of this workspace: commands on this page go to that tab/)).toBeInTheDocument();
	});

	it('says that the engine runs here', () => {
		render(RunStatus, { props: { progress: progress(), role: 'running here', timeZone: 'UTC' } });

		expect(screen.getByText(/The engine runs in this tab/)).toBeInTheDocument();
	});

	it('says it is waiting before the first progress arrives', () => {
		render(RunStatus, { props: { progress: null, role: 'waiting' } });

		expect(screen.getByRole('status')).toHaveTextContent('Starting the engine…');
	});
});
