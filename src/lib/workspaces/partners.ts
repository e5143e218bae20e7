import type { PartnerLookup } from '$lib/domain/export-file';
import { secretFieldNames } from '$lib/partners/fields';
import { partnerById } from '$lib/partners/registry';

/** The partner registry as the export file reader needs it. */
export const partnerRules: PartnerLookup = (partnerId) => {
	const partner = partnerById(partnerId);
	if (!partner) return undefined;
	return {
		name: partner.catalog.name,
		multipleConfigurations: partner.catalog.multipleConfigurations,
		secretFields: secretFieldNames(partner.configSchema),
		checkConfig(config) {
			const result = partner.configSchema.safeParse(config, { reportInput: true });
			return result.success ? { ok: true, config: result.data as Record<string, unknown> } : { ok: false, issues: result.error.issues };
		}
	};
};

/** Names of a partner's secret configuration fields; none for a partner this sandbox does not know. */
export function secretFieldsOf(partnerId: string): readonly string[] {
	const partner = partnerById(partnerId);
	return partner ? secretFieldNames(partner.configSchema) : [];
}
