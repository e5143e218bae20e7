import type { ConnectorUseInfo } from '$lib/domain/audience-rules';
import type { Connector } from '$lib/domain/connector';
import { formFieldsOf } from './form';
import { partnerById } from './registry';

/**
 * What an audience or journey needs to attach a connector: the per-use fields of its partner
 * (the External ID and partner-specific fields) and their checks, from the partner's
 * use-settings schema, the one place those rules live.
 */
export function connectorUseInfo(connector: Pick<Connector, 'id' | 'name' | 'status' | 'partnerId'>): ConnectorUseInfo {
	const partner = partnerById(connector.partnerId);
	const schema = partner?.useSettingsSchema;
	const fields = schema ? formFieldsOf(schema).map(({ name, meta }) => ({ name, label: meta.label, optional: meta.optional === true })) : [];
	return {
		id: connector.id,
		name: connector.name,
		status: connector.status,
		fields,
		check(settings) {
			if (!schema) return {};
			const parsed = schema.safeParse(settings);
			if (parsed.success) return {};
			const messages: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? '');
				if (field) messages[field] ??= issue.message;
			}
			return messages;
		}
	};
}

/** A lookup over the workspace's connectors, as the audience and journey rules take it. */
export function connectorUseLookup(connectors: ReadonlyArray<Pick<Connector, 'id' | 'name' | 'status' | 'partnerId'>>): (id: string) => ConnectorUseInfo | undefined {
	const byId = new Map(connectors.map((c) => [c.id, connectorUseInfo(c)]));
	return (id) => byId.get(id);
}

/** Empty per-use settings for a partner's fields: a choice starts at its first option, text empty. */
export function emptyUseSettings(partnerId: string): Record<string, string> {
	const schema = partnerById(partnerId)?.useSettingsSchema;
	if (!schema) return {};
	return Object.fromEntries(formFieldsOf(schema).map(({ name, meta }) => [name, meta.widget === 'select' ? (meta.options?.[0]?.value ?? '') : '']));
}
