import { render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Controls from '$lib/components/simulator/Controls.svelte';

function setup(options: { running?: boolean; speed?: number; populationSize?: number; trafficRate?: number; historyRunning?: boolean } = {}) {
	const calls = {
		onstart: vi.fn(() => Promise.resolve()),
		onpause: vi.fn(() => Promise.resolve()),
		onstep: vi.fn((_ms: number) => Promise.resolve()),
		onspeed: vi.fn((_speed: number) => Promise.resolve()),
		onpopulation: vi.fn((_size: number, _rate: number) => Promise.resolve()),
		onreset: vi.fn(() => Promise.resolve())
	};
	const user = userEvent.setup();
	const props = { running: false, speed: 60, populationSize: 100_000, trafficRate: 1, seed: 4242, ...options, ...calls };
	const view = render(Controls, { props });
	return { user, ...calls, props, ...view };
}

const STEP_LABELS = ['+1 minute', '+1 hour', '+1 day'];

describe('Controls', () => {
	it('starts a paused simulator', async () => {
		const { user, onstart, onpause } = setup({ running: false });

		await user.click(screen.getByRole('button', { name: 'Start' }));

		expect(onstart).toHaveBeenCalledTimes(1);
		expect(onpause).not.toHaveBeenCalled();
	});

	it('pauses a running one, with the same button', async () => {
		const { user, onstart, onpause } = setup({ running: true });

		expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument();
		await user.click(screen.getByRole('button', { name: 'Pause' }));

		expect(onpause).toHaveBeenCalledTimes(1);
		expect(onstart).not.toHaveBeenCalled();
	});

	it('steps the clock only while paused, and says why not while running', async () => {
		const { rerender } = setup({ running: true });

		for (const label of STEP_LABELS) {
			const button = screen.getByRole('button', { name: label });
			expect(button).toBeDisabled();
			expect(button).toHaveAccessibleDescription('Steps move the clock on at once; pause first to use them.');
		}

		await rerender({ running: false });

		for (const label of STEP_LABELS) expect(screen.getByRole('button', { name: label })).toBeEnabled();
	});

	it('keeps the live run, steps, population and reset off while history is generated, and says why', async () => {
		const { rerender } = setup({ running: false, historyRunning: true });

		const why = 'The live run waits while history is generated, and carries on afterwards.';
		for (const name of ['Start', ...STEP_LABELS]) {
			expect(screen.getByRole('button', { name })).toBeDisabled();
			expect(screen.getByRole('button', { name })).toHaveAccessibleDescription(why);
		}
		expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
		expect(screen.getByRole('button', { name: 'Reset…' })).toBeDisabled();

		await rerender({ historyRunning: false });

		for (const name of ['Start', ...STEP_LABELS, 'Apply', 'Reset…']) expect(screen.getByRole('button', { name })).toBeEnabled();
		expect(screen.queryByText(why)).not.toBeInTheDocument();
	});

	it('steps by a minute, an hour and a day', async () => {
		const { user, onstep } = setup();

		for (const label of STEP_LABELS) await user.click(screen.getByRole('button', { name: label }));

		expect(onstep.mock.calls).toEqual([[60_000], [3_600_000], [86_400_000]]);
	});

	it('offers the speeds and sets the one chosen', async () => {
		const { user, onspeed } = setup({ speed: 60 });

		const speed = screen.getByRole('combobox', { name: 'Speed' });
		expect(speed).toHaveDisplayValue('60× (a minute a second)');
		expect(within(speed).getAllByRole('option').map((o) => o.textContent)).toEqual([
			'1× (real time)',
			'60× (a minute a second)',
			'600× (10 minutes a second)',
			'3,600× (an hour a second)',
			'86,400× (a day a second)'
		]);

		await user.selectOptions(speed, '86,400× (a day a second)');

		expect(onspeed).toHaveBeenCalledExactlyOnceWith(86_400);
	});

	it('applies a valid population size and traffic rate', async () => {
		const { user, onpopulation } = setup();

		const size = screen.getByRole('spinbutton', { name: 'Population size' });
		const rate = screen.getByRole('spinbutton', { name: 'Traffic rate' });
		expect(size).toHaveValue(100_000);
		expect(rate).toHaveValue(1);
		await user.clear(size);
		await user.type(size, '250000');
		await user.clear(rate);
		await user.type(rate, '2.5');
		await user.click(screen.getByRole('button', { name: 'Apply' }));

		expect(onpopulation).toHaveBeenCalledExactlyOnceWith(250_000, 2.5);
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
	});

	it.each(['999', '1000001', '1500.5', ''])('refuses a population size of "%s" with a clear message', async (value) => {
		const { user, onpopulation } = setup();

		const size = screen.getByRole('spinbutton', { name: 'Population size' });
		await user.clear(size);
		if (value) await user.type(size, value);
		await user.click(screen.getByRole('button', { name: 'Apply' }));

		expect(onpopulation).not.toHaveBeenCalled();
		const message = 'Population size must be a whole number from 1,000 to 1,000,000 profiles.';
		expect(screen.getByRole('alert')).toHaveTextContent(message);
		expect(size).toHaveAttribute('aria-invalid', 'true');
		expect(size).toHaveAccessibleDescription(message);
	});

	it('refuses a traffic rate above 10, and clears the message once the values are valid', async () => {
		const { user, onpopulation } = setup();

		const rate = screen.getByRole('spinbutton', { name: 'Traffic rate' });
		await user.clear(rate);
		await user.type(rate, '11');
		await user.keyboard('{Enter}');

		expect(onpopulation).not.toHaveBeenCalled();
		expect(screen.getByRole('alert')).toHaveTextContent('Traffic rate must be from 0 to 10');
		expect(rate).toHaveAttribute('aria-invalid', 'true');

		await user.clear(rate);
		await user.type(rate, '0');
		await user.keyboard('{Enter}');

		expect(onpopulation).toHaveBeenCalledExactlyOnceWith(100_000, 0);
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		expect(rate).not.toHaveAttribute('aria-invalid');
	});

	it('keeps a draft while other values change, and shows the applied values', async () => {
		const { user, rerender } = setup();

		const size = screen.getByRole('spinbutton', { name: 'Population size' });
		await user.clear(size);
		await user.type(size, '5000');
		await rerender({ running: true, speed: 3600 });

		expect(size).toHaveValue(5000);
		expect(screen.getByText('Now 100,000 profiles at 1× traffic')).toBeInTheDocument();

		await rerender({ populationSize: 5000 });
		expect(screen.getByText('Now 5,000 profiles at 1× traffic')).toBeInTheDocument();
	});

	it('keeps a draft while progress arrives ten times a second, as on the page', async () => {
		// As on the page: every prop reads a progress object that each update replaces.
		let progress = $state.raw({ clock: 1, running: true, speed: 3600, populationSize: 100_000, trafficRate: 1 });
		const done = () => Promise.resolve();
		const user = userEvent.setup();
		render(Controls, {
			props: {
				get running() {
					return progress.running;
				},
				get speed() {
					return progress.speed;
				},
				get populationSize() {
					return progress.populationSize;
				},
				get trafficRate() {
					return progress.trafficRate;
				},
				seed: 1,
				onstart: done,
				onpause: done,
				onstep: done,
				onspeed: done,
				onpopulation: done,
				onreset: done
			}
		});

		const size = screen.getByRole('spinbutton', { name: 'Population size' });
		await user.clear(size);
		await user.type(size, '5000');
		for (const clock of [2, 3, 4]) {
			progress = { ...progress, clock };
			flushSync();
		}

		expect(size).toHaveValue(5000);

		// Applied (here or in another tab): the field shows what the engine now uses.
		progress = { ...progress, clock: 5, populationSize: 20_000 };
		flushSync();
		expect(size).toHaveValue(20_000);
	});

	it('shows the seed, read-only', () => {
		setup();

		expect(screen.getByText('Seed')).toHaveTextContent('Seed 4242');
		expect(screen.queryByRole('textbox', { name: /seed/i })).not.toBeInTheDocument();
	});

	it('resets only after confirming, and says that statistics are kept', async () => {
		const { user, onreset } = setup();

		await user.click(screen.getByRole('button', { name: 'Reset…' }));

		const dialog = screen.getByRole('alertdialog', { name: 'Reset the simulation?' });
		expect(dialog).toHaveTextContent('pauses and starts over with a new population of 100,000 profiles generated from seed 4242');
		expect(dialog).toHaveTextContent('Statistics and the delivery log recorded so far are kept.');
		expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
		expect(onreset).not.toHaveBeenCalled();

		await user.click(within(dialog).getByRole('button', { name: 'Reset' }));

		expect(onreset).toHaveBeenCalledTimes(1);
		await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
	});

	it('does not reset when the confirmation is cancelled', async () => {
		const { user, onreset } = setup();

		await user.click(screen.getByRole('button', { name: 'Reset…' }));
		await user.keyboard('{Escape}');

		expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
		expect(onreset).not.toHaveBeenCalled();
	});

	it('disables the commands while one is under way', async () => {
		const { user, onstart } = setup();
		onstart.mockImplementation(() => new Promise<void>(() => undefined));

		await user.click(screen.getByRole('button', { name: 'Start' }));

		expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
		expect(screen.getByRole('button', { name: '+1 hour' })).toBeDisabled();
	});
});
