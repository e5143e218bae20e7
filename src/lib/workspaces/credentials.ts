import type { Connector } from '$lib/domain/connector';
import { fieldMeta } from '$lib/partners/fields';
import { partnerById } from '$lib/partners/registry';
import type { z } from 'zod';

/**
 * The labels of the secret fields a connector still needs: those its partner's schema refuses
 * because they are empty (an import without secrets leaves them so).
 */
export function missingCredentials(connector: Connector): string[] {
	const partner = partnerById(connector.partnerId);
	if (!partner) return [];
	const result = partner.configSchema.safeParse(connector.config);
	if (result.success) return [];
	const names = new Set<string>();
	for (const issue of result.error.issues) {
		const field = issue.path[0];
		if (typeof field !== 'string' || !(field in partner.configSchema.shape)) continue;
		const meta = fieldMeta(partner.configSchema.shape[field] as z.ZodType);
		if (meta.widget === 'secret' && connector.config[field] === '') names.add(lowerFirst(meta.label));
	}
	return [...names];
}

function lowerFirst(label: string): string {
	return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
