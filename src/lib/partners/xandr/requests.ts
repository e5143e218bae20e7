import type { OutgoingRequest } from '../adapter';
import type { XandrConfig } from './config';

/** The requests of Xandr's Batch Segment Service, with the token as the Authorization header. */

export const API = 'https://api.appnexus.com';

/** POST /auth: a session token for about two hours. */
export function loginRequest({ username, password }: XandrConfig): OutgoingRequest {
	return {
		method: 'POST',
		url: `${API}/auth`,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ auth: { username, password } }),
		secrets: [password]
	};
}

/** An empty POST that opens an upload job and returns its one-time upload URL. */
export function createJobRequest({ memberId }: XandrConfig, token: string): OutgoingRequest {
	return {
		method: 'POST',
		url: `${API}/batch-segment?member_id=${encodeURIComponent(memberId)}`,
		headers: { authorization: token },
		body: null,
		secrets: [token]
	};
}

/**
 * The file, to the upload URL the job returned. The URL is the credential (Xandr's own sample
 * script uploads without the session), so the token is not sent to the upload host.
 */
export function uploadRequest(uploadUrl: string, file: string): OutgoingRequest {
	return {
		method: 'POST',
		url: uploadUrl,
		// Any other type (a form post) keeps Xandr from processing the file.
		headers: { 'content-type': 'application/octet-stream' },
		body: file,
		secrets: []
	};
}

/** The job's processing status. */
export function pollRequest({ memberId }: XandrConfig, token: string, jobId: string): OutgoingRequest {
	return {
		method: 'GET',
		url: `${API}/batch-segment?member_id=${encodeURIComponent(memberId)}&job_id=${encodeURIComponent(jobId)}`,
		headers: { authorization: token },
		body: null,
		secrets: [token]
	};
}

/** Test connection: the member the configuration names, read with the session. */
export function memberRequest({ memberId }: XandrConfig, token: string): OutgoingRequest {
	return {
		method: 'GET',
		url: `${API}/member?id=${encodeURIComponent(memberId)}`,
		headers: { authorization: token },
		body: null,
		secrets: [token]
	};
}

// Xandr hands out upload URLs on its own hosts (data-api-gslb.adnxs.net, NN.data-api.prod.adnxs.net).
const UPLOAD_DOMAINS = ['adnxs.net', 'adnxs.com', 'appnexus.com'];

/**
 * Whether an upload URL is Xandr's. The file carries the batch's user IDs, so a URL elsewhere
 * (a misbehaving proxy, a wrong endpoint) is refused rather than followed.
 */
export function isXandrUploadUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && UPLOAD_DOMAINS.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
	} catch {
		return false;
	}
}
