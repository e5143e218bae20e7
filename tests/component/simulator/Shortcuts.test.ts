import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import Controls from '$lib/components/simulator/Controls.svelte';
import Tour from '$lib/components/tour/Tour.svelte';
import { TourGuide } from '$lib/state/tour.svelte';

// jsdom has <dialog> but not its methods: a minimal stand-in that opens, closes and says so.
beforeAll(() => {
	const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal(): void; close(): void };
	proto.showModal ??= function (this: HTMLDialogElement) {
		this.setAttribute('open', '');
	};
	proto.close ??= function (this: HTMLDialogElement) {
		if (!this.hasAttribute('open')) return;
		this.removeAttribute('open');
		this.dispatchEvent(new Event('close'));
	};
});

function setup(options: { running?: boolean; speed?: number; historyRunning?: boolean } = {}) {
	const calls = {
		onstart: vi.fn(() => Promise.resolve()),
		onpause: vi.fn(() => Promise.resolve()),
		onstep: vi.fn((_ms: number) => Promise.resolve()),
		onspeed: vi.fn((_speed: number) => Promise.resolve()),
		onpopulation: vi.fn((_size: number, _rate: number) => Promise.resolve()),
		onreset: vi.fn(() => Promise.resolve())
	};
	const user = userEvent.setup();
	const view = render(Controls, { props: { running: false, speed: 60, populationSize: 100_000, trafficRate: 1, seed: 4242, ...options, ...calls } });
	return { user, ...calls, ...view };
}

describe('the Simulator’s keyboard shortcuts', () => {
	it('starts with Space or K, and pauses a running clock with the same keys', async () => {
		const { user, onstart, onpause, rerender } = setup({ running: false });

		await user.keyboard(' ');
		expect(onstart).toHaveBeenCalledTimes(1);

		await rerender({ running: true });
		await user.keyboard('k');
		expect(onpause).toHaveBeenCalledTimes(1);
		expect(onstart).toHaveBeenCalledTimes(1);
	});

	it('does nothing while the user types in a field, or with Ctrl, Meta or Alt held', async () => {
		const { user, onstart, onstep, onspeed } = setup();

		await user.click(screen.getByRole('spinbutton', { name: 'Traffic rate' }));
		await user.keyboard('k s+-?');
		await user.keyboard('{Control>}k{/Control}{Meta>}s{/Meta}{Alt>}k{/Alt}');
		await user.click(screen.getByRole('combobox', { name: 'Speed' }));
		await user.keyboard('k');

		expect(onstart).not.toHaveBeenCalled();
		expect(onstep).not.toHaveBeenCalled();
		expect(onspeed).not.toHaveBeenCalled();
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
	});

	it('presses Start once when Space is pressed on the focused Start button', async () => {
		const { user, onstart } = setup();

		screen.getByRole('button', { name: 'Start' }).focus();
		await user.keyboard(' ');

		expect(onstart).toHaveBeenCalledTimes(1);
	});

	it('steps an hour with S or →, only while paused', async () => {
		const { user, onstep, rerender } = setup({ running: false });

		await user.keyboard('s');
		await user.keyboard('{ArrowRight}');
		expect(onstep.mock.calls).toEqual([[3_600_000], [3_600_000]]);

		await rerender({ running: true });
		await user.keyboard('s');
		expect(onstep).toHaveBeenCalledTimes(2);
	});

	it('moves through the offered speeds with + and -, and stops at either end', async () => {
		const { user, onspeed, rerender } = setup({ speed: 60 });

		await user.keyboard('+');
		expect(onspeed).toHaveBeenLastCalledWith(600);
		await user.keyboard('-');
		expect(onspeed).toHaveBeenLastCalledWith(1);

		await rerender({ speed: 86_400 });
		await user.keyboard('+');
		await rerender({ speed: 1 });
		await user.keyboard('-');
		expect(onspeed).toHaveBeenCalledTimes(2);
	});

	it('opens the help with ?, lists every shortcut, and gives focus back when it closes', async () => {
		const { user, onstart } = setup();
		const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
		opener.focus();

		await user.keyboard('?');
		const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
		expect(help).toHaveTextContent('Space or K');
		expect(help).toHaveTextContent('Start or pause the clock');
		expect(help).toHaveTextContent('Step the clock one hour');
		expect(help).toHaveTextContent('Show these keyboard shortcuts');

		// Keys belong to the open help, not to the clock.
		await user.keyboard('k');
		expect(onstart).not.toHaveBeenCalled();

		await user.click(screen.getByRole('button', { name: 'Close' }));
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(opener).toHaveFocus();
	});

	it('opens the same help from the visible button', async () => {
		const { user } = setup();

		await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));

		expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
	});

	it('names each control’s keys for assistive technology and in its tooltip', () => {
		setup();

		const start = screen.getByRole('button', { name: 'Start' });
		expect(start).toHaveAttribute('aria-keyshortcuts', 'Space K');
		expect(start).toHaveAttribute('title', 'Start the clock (Space or K)');
		expect(screen.getByRole('button', { name: '+1 hour' })).toHaveAttribute('aria-keyshortcuts', 'S ArrowRight');
		expect(screen.getByRole('button', { name: '+1 minute' })).not.toHaveAttribute('aria-keyshortcuts');
		expect(screen.getByRole('combobox', { name: 'Speed' })).toHaveAttribute('title', expect.stringContaining('+ faster, - slower'));
		expect(screen.getByRole('button', { name: 'Keyboard shortcuts' })).toHaveAttribute('aria-keyshortcuts', 'Shift+?');
	});

	it('leaves keys alone while the guided tour is open: its arrow keys move the tour', async () => {
		const { user, onstart, onstep } = setup();
		const guide = new TourGuide(null);
		guide.start();
		render(Tour, { props: { guide, workspace: { connectors: [] }, pathname: '/connectors', navigate: () => Promise.resolve() } });
		const tour = await screen.findByRole('dialog', { name: 'Server to Server Connectors' });

		await user.keyboard('k');
		tour.focus();
		await user.keyboard('{ArrowRight}');

		expect(onstart).not.toHaveBeenCalled();
		expect(onstep).not.toHaveBeenCalled();
		expect(guide.step).toBe(1);
	});
});
