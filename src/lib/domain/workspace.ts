import { z } from 'zod';

/** The workspace's own settings; one record per workspace database. */
export const WorkspaceSchema = z.object({
	id: z.literal('workspace'),
	name: z.string().trim().min(1).max(80),
	/** IANA time zone that statistics days are counted in. */
	timeZone: z.string().min(1),
	seed: z.number().int(),
	/** Whether this workspace was created from the embedded demo. */
	demo: z.boolean(),
	/** Whether its 90 days of history still need generating (on the first visit, in the background). */
	history: z.enum(['pending', 'generated', 'skipped']).default('pending'),
	/** The demo or training scenario the workspace was started from; the app shows its card. */
	scenario: z.string().min(1).max(80).nullable().default(null),
	createdAt: z.number().int().nonnegative()
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
