/**
 * The mock's audiences: which addresses each list holds and with what status, so a batch tells
 * new members from existing ones the way Mailchimp does. Keyed by datacenter and list ID; one
 * entry per address at most, so it grows no larger than the population it is sent. Each set of
 * mocks has lists of its own.
 */
export class MailchimpLists {
	readonly #lists = new Map<string, Map<string, string>>();

	/** The members of one list (lower-cased address → status). */
	membersOf(datacenter: string, listId: string): Map<string, string> {
		const key = `${datacenter}/${listId}`;
		let members = this.#lists.get(key);
		if (!members) {
			members = new Map();
			this.#lists.set(key, members);
		}
		return members;
	}

	/** Forgets every list (tests, and a sandbox reset). */
	clear(): void {
		this.#lists.clear();
	}
}
