/** An OAuth 2.0 access token as a bearer Authorization header, and the secrets it puts in a request. */
export function bearer(accessToken: string): { authorization: string; secrets: string[] } {
	const authorization = `Bearer ${accessToken}`;
	// The token and the header value both, so neither shows in the delivery log.
	return { authorization, secrets: [accessToken, authorization] };
}
