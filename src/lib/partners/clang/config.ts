import { z } from 'zod';
import { secret, text } from '../fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const configSchema = z.object({
	accountName: text({
		label: 'Clang account name',
		help: 'The name of the Clang account (instance) the groups live in, as shown in Clang after you log in. Every account uses the same SOAP endpoint and the token decides the account; the name tells configurations and statistics apart.',
		placeholder: 'acme',
		max: 100,
		pattern: {
			regex: /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
			message: 'A Clang account name starts with a letter or digit and uses letters, digits, spaces, dots, hyphens and underscores.'
		}
	}),
	uuid: secret({
		label: 'API token (uuid)',
		help: 'The API token Clang issued for SOAP access, a UUID such as 12345678-abcd-4ef0-9abc-1234567890ab. It is sent as the uuid argument of every call; a rejected token shows as invalid credentials.'
	}).regex(UUID, 'A Clang API token is a UUID: 32 hexadecimal characters in groups of 8-4-4-4-12, such as 12345678-abcd-4ef0-9abc-1234567890ab.')
});

/** A connector's configuration, as its schema parsed it. */
export type ClangConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. */
export const useSettingsSchema = z.object({
	groupId: text({
		label: 'Group ID',
		help: 'The numeric ID of the Clang group that customers are added to and removed from, shown with the group in Clang.',
		placeholder: '1234',
		pattern: { regex: /^\d{1,12}$/, message: 'A group ID is digits only (up to 12).' }
	})
});
