import { z } from 'zod';
import { RuleGroupSchema } from './rules';
import { checkedText } from './validation';

export const AUDIENCE_NAME_MAX = 120;
export const AUDIENCE_DESCRIPTION_MAX = 500;
// Per-use settings are IDs and short names; the partner's use-settings schema checks each one.
const SETTING_MAX = 1000;

/** A per-use setting's value, whatever the partner: one line, no control characters. */
export const UseSettingValueSchema = checkedText(z.string().max(SETTING_MAX, `Keep each setting to ${SETTING_MAX.toLocaleString('en-US')} characters or fewer.`), 'A setting', 'line');

/**
 * A connector attached to an audience or a journey step, with its per-use settings: the
 * partner-side audience, segment or list ID and partner-specific fields. Credentials are
 * not here; they belong to the connector.
 */
export const ConnectorUseSchema = z.object({
	connectorId: z.string().min(1),
	settings: z.record(z.string(), UseSettingValueSchema)
});
export type ConnectorUse = z.infer<typeof ConnectorUseSchema>;

/** A connector the audience sent to until it was detached: its history stays the connector's. */
export const FormerConnectorUseSchema = ConnectorUseSchema.extend({
	detachedAt: z.number().int().nonnegative()
});
export type FormerConnectorUse = z.infer<typeof FormerConnectorUseSchema>;

export const AudienceSchema = z.object({
	id: z.string().min(1),
	name: checkedText(
		z.string().trim().min(1, 'Give the audience a name.').max(AUDIENCE_NAME_MAX, `Keep the name to ${AUDIENCE_NAME_MAX} characters or fewer.`),
		'Name',
		'name'
	),
	description: checkedText(
		z.string().max(AUDIENCE_DESCRIPTION_MAX, `Keep the description to ${AUDIENCE_DESCRIPTION_MAX} characters or fewer.`),
		'Description',
		'multiline'
	).default(''),
	rules: RuleGroupSchema,
	/** A profile that meets these leaves the audience even while it still matches the rules. */
	exitConditions: RuleGroupSchema.nullable(),
	connectors: z.array(ConnectorUseSchema),
	/** Connectors detached from it, latest detachment each; they no longer count as uses. */
	formerConnectors: z.array(FormerConnectorUseSchema).optional(),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative()
});
export type Audience = z.infer<typeof AudienceSchema>;

/** Connector uses an audience had at `at`: today's, and those detached only after `at`. */
function connectorsAsOf(audience: Audience, at: number): ConnectorUse[] {
	const current = new Set(audience.connectors.map((use) => use.connectorId));
	const former = (audience.formerConnectors ?? []).filter((use) => use.detachedAt > at && !current.has(use.connectorId));
	return [...audience.connectors, ...former.map(({ connectorId, settings }) => ({ connectorId, settings }))];
}

/** The audiences as they were at `at`, for a history that goes back before connectors were detached. */
export function audiencesAsOf(audiences: readonly Audience[], at: number): Audience[] {
	return audiences.map((audience) => (audience.formerConnectors?.length ? { ...audience, connectors: connectorsAsOf(audience, at) } : audience));
}

/** The former uses after a save: connectors taken off are added (when detached), ones put back are dropped. */
export function formerConnectorsAfter(before: Audience | undefined, after: readonly ConnectorUse[], at: number): FormerConnectorUse[] {
	const now = new Set(after.map((use) => use.connectorId));
	const detached = (before?.connectors ?? []).filter((use) => !now.has(use.connectorId)).map((use) => ({ ...use, detachedAt: at }));
	const kept = (before?.formerConnectors ?? []).filter((use) => !now.has(use.connectorId) && !detached.some((d) => d.connectorId === use.connectorId));
	return [...kept, ...detached];
}
