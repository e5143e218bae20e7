import { z } from 'zod';

/**
 * Where a partner reads a profile's identifier from. The partner's type decides which one;
 * a profile without it is skipped, never sent.
 */
export const IdentifierKindSchema = z.enum([
	'hashedEmail',
	'email',
	'hashedPhone',
	'customerId',
	'mobileAdId',
	'partnerUserId'
]);
export type IdentifierKind = z.infer<typeof IdentifierKindSchema>;

export const identifierLabels: Record<IdentifierKind, string> = {
	hashedEmail: 'Hashed e-mail (SHA-256)',
	email: 'E-mail address',
	hashedPhone: 'Hashed phone number (SHA-256)',
	customerId: 'Customer ID',
	mobileAdId: 'Mobile advertising ID',
	partnerUserId: 'Cookie-synced partner user ID'
};
