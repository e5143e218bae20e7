import type { z } from 'zod';
import { ConnectorNameSchema, connectorNameKey, type Connector, type ConnectorDraft, type ConnectorRef } from './connector';
import { fail, fieldErrorsFrom, ok, type FieldErrors, type Result } from './validation';

/** What the rules need to know about the partner a connector is for. */
export interface PartnerRules {
	id: string;
	name: string;
	multipleConfigurations: boolean;
	configSchema: z.ZodType<Record<string, unknown>>;
}

/** Why a connector cannot be saved as it is. */
export type ConnectorProblem =
	/** One or more fields are invalid; each message belongs beside its field. */
	| { kind: 'invalid'; fieldErrors: FieldErrors }
	/** Another connector already has this name, ignoring case. */
	| { kind: 'nameTaken'; fieldErrors: FieldErrors; existing: ConnectorRef }
	/** The partner allows one configuration and it exists already. */
	| { kind: 'singleConfiguration'; message: string; existing: ConnectorRef };

export interface CheckedConnector {
	name: string;
	nameKey: string;
	config: Record<string, unknown>;
}

/**
 * Checks a connector the user wants to create (editingId undefined) or change against the
 * partner's schema and the connectors that exist. Nothing is written unless this passes.
 */
export function checkConnectorDraft(
	draft: Pick<ConnectorDraft, 'name' | 'config'>,
	partner: PartnerRules,
	existing: readonly Connector[],
	editingId?: string
): Result<CheckedConnector, ConnectorProblem> {
	const others = existing.filter((c) => c.id !== editingId);
	if (editingId === undefined && !partner.multipleConfigurations) {
		const current = others.find((c) => c.partnerId === partner.id);
		if (current) {
			return fail({
				kind: 'singleConfiguration',
				message: `${partner.name} allows one configuration, and "${current.name}" is it. Edit that connector instead of adding a second one.`,
				existing: { id: current.id, name: current.name }
			});
		}
	}

	const fieldErrors: FieldErrors = {};
	const name = ConnectorNameSchema.safeParse(draft.name);
	if (!name.success) Object.assign(fieldErrors, fieldErrorsFrom(name.error, 'name'));
	const config = partner.configSchema.safeParse(draft.config);
	if (!config.success) Object.assign(fieldErrors, fieldErrorsFrom(config.error, 'config'));

	if (name.success) {
		const key = connectorNameKey(name.data);
		const clash = others.find((c) => c.nameKey === key);
		if (clash) {
			return fail({
				kind: 'nameTaken',
				fieldErrors: {
					...fieldErrors,
					name: `A connector named "${clash.name}" exists already. Names are unique, ignoring upper and lower case.`
				},
				existing: { id: clash.id, name: clash.name }
			});
		}
	}
	if (!name.success || !config.success) return fail({ kind: 'invalid', fieldErrors });
	return ok({ name: name.data, nameKey: connectorNameKey(name.data), config: config.data });
}
