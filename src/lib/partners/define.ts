import type { ConfigSchema, PartnerDefinition } from './types';

/**
 * Defines a partner as one typed unit. Generic over its configuration and per-use settings
 * schemas, so its adapter is checked against `z.infer` of its configuration and its test sample
 * against both; a missing piece is a compile error naming that piece.
 */
export function definePartner<C extends ConfigSchema, U extends ConfigSchema>(partner: PartnerDefinition<C, U>): PartnerDefinition<C, U> {
	return partner;
}
