import { z } from 'zod';

/**
 * The saved sandbox clock and the engine's checkpoint: enough to resume after a reload or a
 * crash so that every accepted message is accounted exactly once.
 */
export const EngineStateSchema = z.object({
	id: z.literal('engine'),
	/** The sandbox clock, epoch milliseconds. */
	clock: z.number(),
	/** Sandbox seconds per real second: 1 is real time. */
	speed: z.number().min(0.1).max(100_000),
	populationSize: z.number().int().min(100).max(1_000_000),
	/** Multiplies the simulator's behaviour rates. */
	trafficRate: z.number().min(0).max(100),
	/** The simulator and dispatcher state at `clock`, as structured-cloneable data. */
	checkpoint: z.unknown().nullable(),
	updatedAt: z.number()
});
export type EngineState = z.infer<typeof EngineStateSchema>;

/**
 * How far a history generation got, kept beside the engine state while it runs: a small row
 * written with each day's statistics, so a day's commit does not write the whole checkpoint
 * (megabytes of population) again when only this count moved.
 */
export const HistoryProgressSchema = z.object({
	id: z.literal('history'),
	days: z.number().int().min(1),
	done: z.number().int().min(0)
});
export type HistoryProgress = z.infer<typeof HistoryProgressSchema>;
