/**
 * Whether a URL points at this machine or a private network. The sandbox allows such targets
 * on purpose (a local test server, a staging host) but labels them, since a demo that sends
 * to one only works where that network is reachable.
 */
export function privateAddressKind(url: string): 'loopback' | 'private' | null {
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
	} catch {
		return null;
	}
	if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
	if (/^10\./.test(host) || /^192\.168\./.test(host) || /^169\.254\./.test(host)) return 'private';
	const match = /^172\.(\d{1,3})\./.exec(host);
	if (match && Number(match[1]) >= 16 && Number(match[1]) <= 31) return 'private';
	if (/^f[cd][0-9a-f]{2}:/.test(host) || host.endsWith('.local') || host.endsWith('.internal')) return 'private';
	return null;
}

export const privateAddressLabels = {
	loopback: 'Loopback address: this machine only',
	private: 'Private network address'
} as const;
