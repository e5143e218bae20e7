import { z } from 'zod';
import { checkedText } from './validation';

export const WORKSPACE_NAME_MAX = 80;

/** A workspace's name, as the workspaces page and the switcher show it. */
export const WorkspaceNameSchema = checkedText(
	z.string().trim().min(1, 'Give the workspace a name.').max(WORKSPACE_NAME_MAX, `Keep the name to ${WORKSPACE_NAME_MAX} characters or fewer.`),
	'Name',
	'name'
);

/** The workspace's own settings; one record per workspace database. */
export const WorkspaceSchema = z.object({
	id: z.literal('workspace'),
	name: WorkspaceNameSchema,
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
