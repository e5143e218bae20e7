/**
 * What a partner may read of a profile. The simulator owns the population; adapters see
 * profiles only through this shape.
 */
export interface Profile {
	/** The platform's own profile ID. */
	id: string;
	/** The platform's or an external customer ID. */
	customerId: string;
	email: string | null;
	/** As the customer entered it; normalised before hashing. */
	phone: string | null;
	mobileAdId: string | null;
	/** Cookie-synced user IDs, keyed by the partner's partner number; only a share of profiles has one. */
	partnerUserIds: Readonly<Record<string, string>>;
}
