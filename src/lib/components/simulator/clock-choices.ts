/**
 * The speeds and steps the Simulator offers for the sandbox clock, in one place: the Run controls
 * list them, and the keyboard shortcuts move through the same speeds.
 */

export const SPEEDS: ReadonlyArray<{ value: number; label: string }> = [
	{ value: 1, label: '1× (real time)' },
	{ value: 60, label: '60× (a minute a second)' },
	{ value: 600, label: '600× (10 minutes a second)' },
	{ value: 3600, label: '3,600× (an hour a second)' },
	{ value: 86400, label: '86,400× (a day a second)' }
];

export const STEPS: ReadonlyArray<{ ms: number; label: string }> = [
	{ ms: 60_000, label: '+1 minute' },
	{ ms: 3_600_000, label: '+1 hour' },
	{ ms: 86_400_000, label: '+1 day' }
];

/** The step a key takes: an hour shows traffic move on without skipping a day's story. */
export const KEY_STEP_MS = 3_600_000;

/** The next offered speed above `speed`, or null at the fastest (a speed set by a script counts too). */
export function fasterSpeed(speed: number): number | null {
	return SPEEDS.find((s) => s.value > speed)?.value ?? null;
}

/** The next offered speed below `speed`, or null at the slowest. */
export function slowerSpeed(speed: number): number | null {
	return SPEEDS.findLast((s) => s.value < speed)?.value ?? null;
}
