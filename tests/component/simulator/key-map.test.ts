import { describe, expect, it } from 'vitest';
import { fasterSpeed, slowerSpeed, SPEEDS } from '$lib/components/simulator/clock-choices';
import { commandOf, isTyping, SIMULATOR_SHORTCUTS, withKeys, type KeyPress } from '$lib/components/simulator/shortcuts';

const press = (key: string, change: Partial<KeyPress> = {}): KeyPress => ({
	key,
	ctrlKey: false,
	metaKey: false,
	altKey: false,
	repeat: false,
	defaultPrevented: false,
	target: { tagName: 'BODY' },
	...change
});

describe('the Simulator’s key map', () => {
	it('gives every command its keys, and no key to two commands', () => {
		expect(SIMULATOR_SHORTCUTS.map((s) => s.command)).toEqual(['startOrPause', 'step', 'faster', 'slower', 'help']);
		const keys = SIMULATOR_SHORTCUTS.flatMap((s) => s.keys);
		expect(new Set(keys).size).toBe(keys.length);
		for (const shortcut of SIMULATOR_SHORTCUTS) {
			expect(shortcut.shown.length).toBeGreaterThan(0);
			expect(shortcut.aria).not.toBe('');
		}
		expect(withKeys('Start the clock', 'startOrPause')).toBe('Start the clock (Space or K)');
	});

	it('reads presenter keys, upper or lower case, and "=" as "+"', () => {
		expect([' ', 'k', 'K', 's', 'S', 'ArrowRight', '+', '=', '-', '?'].map((key) => commandOf(press(key)))).toEqual([
			'startOrPause',
			'startOrPause',
			'startOrPause',
			'step',
			'step',
			'step',
			'faster',
			'faster',
			'slower',
			'help'
		]);
		expect(commandOf(press('ArrowLeft'))).toBeNull();
		expect(commandOf(press('Escape'))).toBeNull();
		expect(commandOf(press('x'))).toBeNull();
	});

	it('leaves the browser its shortcuts, typing its text, and handled or held keys alone', () => {
		for (const modifier of ['ctrlKey', 'metaKey', 'altKey'] as const) expect(commandOf(press('k', { [modifier]: true }))).toBeNull();
		for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) expect(commandOf(press('k', { target: { tagName } }))).toBeNull();
		expect(commandOf(press('k', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
		expect(isTyping({ tagName: 'DIV', getAttribute: (name) => (name === 'role' ? 'textbox' : null) })).toBe(true);
		// The tour handles its arrow keys first.
		expect(commandOf(press('ArrowRight', { defaultPrevented: true }))).toBeNull();
		expect(commandOf(press(' ', { repeat: true }))).toBeNull();
		// Space presses a focused button itself; K on it is still the shortcut.
		expect(commandOf(press(' ', { target: { tagName: 'BUTTON' } }))).toBeNull();
		expect(commandOf(press('k', { target: { tagName: 'BUTTON' } }))).toBe('startOrPause');
		expect(commandOf(press('k', { target: null }))).toBe('startOrPause');
	});

	it('moves through the offered speeds, from a speed set elsewhere too', () => {
		expect(SPEEDS.map((s) => s.value)).toEqual([1, 60, 600, 3600, 86400]);
		expect(fasterSpeed(60)).toBe(600);
		expect(slowerSpeed(60)).toBe(1);
		expect(fasterSpeed(86400)).toBeNull();
		expect(slowerSpeed(1)).toBeNull();
		expect(fasterSpeed(1000)).toBe(3600);
		expect(slowerSpeed(1000)).toBe(600);
	});
});
