/**
 * The mock's audiences: which addresses each list holds and with what status, so a batch tells
 * new members from existing ones the way Mailchimp does. Keyed by datacenter and list ID; one
 * entry per address at most, so it grows no larger than the population it is sent.
 */
const lists = new Map<string, Map<string, string>>();

/** The members of one list (lower-cased address → status). */
export function membersOf(datacenter: string, listId: string): Map<string, string> {
	const key = `${datacenter}/${listId}`;
	let members = lists.get(key);
	if (!members) {
		members = new Map();
		lists.set(key, members);
	}
	return members;
}

/** Forgets every list (tests, and a sandbox reset). */
export function resetLists(): void {
	lists.clear();
}
