import { z } from 'zod';
import { secret, text } from '../fields';

const API_KEY = /^([0-9a-f]{32})-(us\d{1,3})$/i;

/** The datacenter an API key belongs to (its suffix, e.g. us21), or null when it has none. */
export function datacenterOf(apiKey: string): string | null {
	return API_KEY.exec(apiKey.trim())?.[2]?.toLowerCase() ?? null;
}

export function apiKeyProblem(value: string): string | null {
	const key = value.trim();
	if (API_KEY.test(key)) return null;
	if (/^[0-9a-f]{32}$/i.test(key)) {
		return 'This key lacks its datacenter suffix: a Mailchimp API key ends in -us and a number, such as -us21. Copy the whole key.';
	}
	return 'A Mailchimp API key is 32 hexadecimal characters, a hyphen and the datacenter, such as 0123456789abcdef0123456789abcdef-us21.';
}

export const configSchema = z.object({
	apiKey: secret({
		label: 'API key',
		help: 'Create one in Mailchimp under Profile > Extras > API keys and copy it whole. The datacenter is taken from the suffix after the hyphen (for example us21 means https://us21.api.mailchimp.com); the key is sent with basic authentication.'
	}).superRefine((value, ctx) => {
		const problem = apiKeyProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	})
});

/** A connector's configuration, as its schema parsed it. */
export type MailchimpConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	listId: text({
		label: 'Audience ID',
		help: 'The ID of the Mailchimp audience (called list_id in the API). In Mailchimp open Audience > All contacts, then Settings > Audience name and defaults; the Audience ID is shown there.',
		placeholder: 'a1b2c3d4e5',
		pattern: { regex: /^[A-Za-z0-9]{10}$/, message: 'A Mailchimp audience ID is 10 letters and digits.' }
	})
});
