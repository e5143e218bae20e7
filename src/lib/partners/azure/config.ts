import { z } from 'zod';
import { choice, secret, text } from '../fields';

/**
 * Problems with a pasted SAS token, or null when it looks like one: a query string with at
 * least the service version (sv) and the signature (sig), and an expiry (se) in the future.
 */
export function sasTokenProblem(value: string, now: Date = new Date()): string | null {
	const token = value.trim();
	if (/^https?:\/\//i.test(token)) {
		return 'Paste only the SAS token: the part after the ? of the SAS URL (sv=...&sig=...).';
	}
	const params = new URLSearchParams(token.startsWith('?') ? token.slice(1) : token);
	const missing = ['sv', 'sig'].filter((name) => !params.get(name));
	if (missing.length > 0) {
		return `This does not look like a SAS token: it lacks ${missing.map((m) => `${m}=`).join(' and ')}. Copy the whole token, for example sv=2022-11-02&sr=c&sp=cw&se=...&sig=....`;
	}
	const expiry = params.get('se');
	if (expiry) {
		const at = new Date(expiry);
		if (!Number.isNaN(at.getTime()) && at.getTime() <= now.getTime()) {
			return `This SAS token expired on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC. Generate a new one.`;
		}
	}
	return null;
}

export const configSchema = z.object({
	accountName: text({
		label: 'Storage account name',
		help: 'The name of the storage account, as shown in the Azure portal under Storage accounts; it is the first part of https://<name>.blob.core.windows.net.',
		placeholder: 'acmeaudiences',
		pattern: {
			regex: /^[a-z0-9]{3,24}$/,
			message: 'A storage account name is 3 to 24 lowercase letters and digits.'
		}
	}),
	containerName: text({
		label: 'Container name',
		help: 'The blob container the files are written to, listed under Data storage > Containers of the storage account.',
		placeholder: 'activation',
		pattern: {
			regex: /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
			message:
				'A container name is 3 to 63 lowercase letters, digits and hyphens; it starts and ends with a letter or digit and has no double hyphens.'
		}
	}),
	sasToken: secret({
		label: 'SAS token',
		help: 'A shared access signature for the container with create and write (c, w) permissions. In the Azure portal open the container, choose Shared access tokens, tick Create and Write, set an expiry, and copy the "Blob SAS token". It is added to the query string of every request.',
		minLength: 20
	}).superRefine((value, ctx) => {
		const problem = sasTokenProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	}),
	fileFormat: choice({
		label: 'File format',
		help: 'NDJSON writes one JSON object per line ({"customerId":"...","operation":"add"}); CSV writes a header row customerId,operation and one row per member.',
		options: [
			{ value: 'ndjson', label: 'NDJSON (one JSON object per line)' },
			{ value: 'csv', label: 'CSV' }
		]
	})
});

/** A connector's configuration, as its schema parsed it. */
export type AzureConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	pathPrefix: text({
		label: 'Path prefix',
		help: 'The folder inside the container that this audience\'s files go to, such as audiences/vip. Each batch is written as a new blob under it; use a different prefix per audience.',
		placeholder: 'audiences/vip',
		max: 512,
		pattern: {
			regex: /^(?!(?:.*\/)?\.{1,2}(?:\/|$))[A-Za-z0-9_.\-=]+(?:\/[A-Za-z0-9_.\-=]+)*$/,
			message:
				'A path prefix is folder names of letters, digits, . _ - and = separated by single slashes, without a slash at the start or end and without . or .. folders.'
		}
	})
});
