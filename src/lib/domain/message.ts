/** What went wrong, in words: an Error's message, or anything else thrown as text. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
