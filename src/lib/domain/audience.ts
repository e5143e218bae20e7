import { z } from 'zod';
import { RuleGroupSchema } from './rules';

/**
 * A connector attached to an audience or a journey step, with its per-use settings: the
 * partner-side audience, segment or list ID and partner-specific fields. Credentials are
 * not here; they belong to the connector.
 */
export const ConnectorUseSchema = z.object({
	connectorId: z.string().min(1),
	settings: z.record(z.string(), z.string())
});
export type ConnectorUse = z.infer<typeof ConnectorUseSchema>;

export const AudienceSchema = z.object({
	id: z.string().min(1),
	name: z.string().trim().min(1, 'Give the audience a name.').max(120),
	description: z.string().max(500).default(''),
	rules: RuleGroupSchema,
	/** A profile that meets these leaves the audience even while it still matches the rules. */
	exitConditions: RuleGroupSchema.nullable(),
	connectors: z.array(ConnectorUseSchema),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative()
});
export type Audience = z.infer<typeof AudienceSchema>;
