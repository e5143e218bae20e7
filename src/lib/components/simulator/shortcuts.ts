/**
 * The Simulator's keyboard shortcuts, for presenters driving the sandbox clock from the keyboard.
 * This list is the one source of truth: the key handler reads it, the help lists it, and each
 * control's `aria-keyshortcuts` and tooltip come from it.
 */

/** What a shortcut does on the Simulator page. */
export type SimulatorCommand = 'startOrPause' | 'step' | 'faster' | 'slower' | 'help';

export interface SimulatorShortcut {
	command: SimulatorCommand;
	/** The `KeyboardEvent.key` values that give the command (letters in lower case). */
	keys: readonly string[];
	/** The keys as people read them on the keyboard, in the help and in tooltips. */
	shown: readonly string[];
	/** The keys as `aria-keyshortcuts` names them. */
	aria: string;
	/** What the command does, as the help says it. */
	description: string;
}

// Keys a presenter expects from video players and slide tools. None is an arrow key the guided
// tour uses (← →) while the tour is open, and the page acts on none of them while it is open.
export const SIMULATOR_SHORTCUTS: readonly SimulatorShortcut[] = [
	{ command: 'startOrPause', keys: [' ', 'k'], shown: ['Space', 'K'], aria: 'Space K', description: 'Start or pause the clock' },
	{ command: 'step', keys: ['s', 'ArrowRight'], shown: ['S', '→'], aria: 'S ArrowRight', description: 'Step the clock one hour (while paused)' },
	// "+" is Shift and "=" on many keyboards: "=" alone counts too, so nobody has to reach for Shift.
	{ command: 'faster', keys: ['+', '='], shown: ['+'], aria: 'Shift+Plus =', description: 'Faster: the next speed up' },
	{ command: 'slower', keys: ['-', '_'], shown: ['-'], aria: '-', description: 'Slower: the next speed down' },
	{ command: 'help', keys: ['?'], shown: ['?'], aria: 'Shift+?', description: 'Show these keyboard shortcuts' }
];

/** The shortcut of a command. */
export function shortcutOf(command: SimulatorCommand): SimulatorShortcut {
	return SIMULATOR_SHORTCUTS.find((s) => s.command === command)!;
}

/** A control's tooltip text with its keys: "Start the clock (Space or K)". */
export function withKeys(text: string, command: SimulatorCommand): string {
	return `${text} (${shortcutOf(command).shown.join(' or ')})`;
}

/** What the handler needs of the element a key went to; a DOM element has all of it. */
export interface KeyTarget {
	tagName?: string;
	isContentEditable?: boolean;
	getAttribute?(name: string): string | null;
}

/** What the handler needs of a key press; a `KeyboardEvent` has all of it. */
export interface KeyPress {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	repeat: boolean;
	defaultPrevented: boolean;
	target: unknown;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
// Space activates these themselves: a shortcut on top would press Start twice.
const PRESSED_BY_SPACE = new Set(['BUTTON', 'A', 'SUMMARY']);
const PRESSED_BY_SPACE_ROLES = new Set(['button', 'checkbox', 'switch', 'radio', 'tab', 'menuitem', 'option', 'link']);

/** Whether keys typed into the target are text (a field, a select, something editable). */
export function isTyping(target: KeyTarget | null): boolean {
	if (!target) return false;
	return TYPING.has(target.tagName?.toUpperCase() ?? '') || target.isContentEditable === true || target.getAttribute?.('role') === 'textbox';
}

function pressedBySpace(target: KeyTarget | null): boolean {
	if (!target) return false;
	return PRESSED_BY_SPACE.has(target.tagName?.toUpperCase() ?? '') || PRESSED_BY_SPACE_ROLES.has(target.getAttribute?.('role') ?? '');
}

/**
 * The command a key press gives, or null when it is not a shortcut here: while typing, with
 * Ctrl, Meta or Alt held (those are the browser's), when something else already handled it
 * (the guided tour's keys), held down, or Space on a control that Space presses itself.
 */
export function commandOf(press: KeyPress): SimulatorCommand | null {
	if (press.ctrlKey || press.metaKey || press.altKey || press.repeat || press.defaultPrevented) return null;
	const target = (press.target ?? null) as KeyTarget | null;
	if (isTyping(target)) return null;
	if (press.key === ' ' && pressedBySpace(target)) return null;
	const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
	return SIMULATOR_SHORTCUTS.find((s) => s.keys.includes(key))?.command ?? null;
}
