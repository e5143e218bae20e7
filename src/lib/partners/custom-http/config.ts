import { z } from 'zod';
import { choice, fieldMeta, integer, keyValues, multiline, optionalSecret, optionalText, url } from '../fields';
import { DEFAULT_PAYLOAD_TEMPLATE, payloadTemplateProblem, samplePayload } from './template';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers a page may not set on a fetch request (Fetch standard), so the browser drops them. */
const FORBIDDEN_HEADERS = new Set([
	'accept-charset',
	'accept-encoding',
	'access-control-request-headers',
	'access-control-request-method',
	'connection',
	'content-length',
	'cookie',
	'cookie2',
	'date',
	'dnt',
	'expect',
	'host',
	'keep-alive',
	'origin',
	'referer',
	'set-cookie',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
	'via'
]);

/** The header that carries the HMAC-SHA256 signature of the body when a signing secret is set. */
export const SIGNATURE_HEADER = 'X-Signature';

const batchSizeField = integer({
	label: 'Batch size',
	help: 'How many profiles go into one request when the template uses {{profiles}}; from 1 to 1,000, 100 by default. A template with {{profile.…}} placeholders is sent once per profile.',
	min: 1,
	max: 1_000
});

export const configSchema = z
	.object({
		url: url({
			label: 'Endpoint URL',
			help: 'The address requests are sent to, such as https://hooks.example.com/audiences. The endpoint must allow cross-origin requests (CORS) from this page. Private and loopback addresses (localhost, 10.x, 192.168.x) are allowed in this sandbox and are labelled as such.',
			placeholder: 'https://hooks.example.com/audiences'
		}),
		method: choice({
			label: 'HTTP method',
			help: 'POST, PUT, PATCH and DELETE send the rendered template as a JSON body. GET sends the top-level fields of the rendered template as query parameters instead, so the template must then be a JSON object.',
			options: [
				{ value: 'POST', label: 'POST' },
				{ value: 'PUT', label: 'PUT' },
				{ value: 'PATCH', label: 'PATCH' },
				{ value: 'DELETE', label: 'DELETE' },
				{ value: 'GET', label: 'GET (fields as query parameters)' }
			]
		}),
		headers: keyValues({
			label: 'Extra headers',
			help: 'Headers sent with every request, such as X-Tenant: acme. Content-Type is application/json unless you set it here. Authentication headers come from the authentication setting below.'
		}),
		auth: choice({
			label: 'Authentication',
			help: 'How requests prove who sends them: none, an API key in a header of your choice, HTTP basic authentication (user name and password), or a bearer token in the Authorization header.',
			options: [
				{ value: 'none', label: 'None' },
				{ value: 'apiKeyHeader', label: 'API key in a header' },
				{ value: 'basic', label: 'Basic (user name and password)' },
				{ value: 'bearer', label: 'Bearer token' }
			]
		}),
		apiKeyHeaderName: optionalText({
			label: 'API key header name',
			help: 'The header that carries the API key, such as X-API-Key. Used when authentication is "API key in a header".',
			placeholder: 'X-API-Key',
			max: 100,
			pattern: {
				regex: HEADER_NAME,
				message: 'A header name uses letters, digits and - only (no spaces or colons).'
			}
		}),
		apiKey: optionalSecret({
			label: 'API key',
			help: 'The value sent in the API key header. Used when authentication is "API key in a header".'
		}),
		basicUsername: optionalText({
			label: 'Basic auth user name',
			help: 'The user name for HTTP basic authentication. Used when authentication is "Basic".',
			max: 200,
			pattern: { regex: /^[^:]*$/, message: 'A basic authentication user name cannot contain a colon.' }
		}),
		basicPassword: optionalSecret({
			label: 'Basic auth password',
			help: 'The password for HTTP basic authentication. Used when authentication is "Basic".'
		}),
		bearerToken: optionalSecret({
			label: 'Bearer token',
			help: 'Sent as Authorization: Bearer <token>. Used when authentication is "Bearer token".'
		}),
		payloadTemplate: multiline({
			label: 'Payload template',
			help: 'The JSON to send, with placeholders: {{profiles}} is the batch as a JSON array of profiles; {{profile.customerId}}, {{profile.email}} or any {{profile.<field>}} is a field of one profile (the template is then sent once per profile); {{operation}} is "add" or "remove"; {{listName}} is the list name of the audience. Outside quotes a placeholder becomes a JSON value, inside quotes its text.',
			check: payloadTemplateProblem
		}).default(DEFAULT_PAYLOAD_TEMPLATE),
		batchSize: batchSizeField.default(100).meta({ ...fieldMeta(batchSizeField) }),
		signingSecret: optionalSecret({
			label: 'Signing secret',
			help: `Optional. When set, every request carries ${SIGNATURE_HEADER}: sha256=<hex>, the HMAC-SHA256 of the exact request body keyed with this secret, so your endpoint can check that the request came from here and was not altered.`
		})
	})
	.superRefine((config, ctx) => {
		const require = (field: keyof typeof config, message: string) => {
			const value = config[field];
			if (typeof value === 'string' && value.trim() === '') ctx.addIssue({ code: 'custom', path: [field], message });
		};
		if (config.auth === 'apiKeyHeader') {
			require('apiKeyHeaderName', 'Enter the API key header name.');
			require('apiKey', 'Enter the API key.');
		} else if (config.auth === 'basic') {
			require('basicUsername', 'Enter the user name for basic authentication.');
			require('basicPassword', 'Enter the password for basic authentication.');
		} else if (config.auth === 'bearer') {
			require('bearerToken', 'Enter the bearer token.');
		}

		const authHeader =
			config.auth === 'basic' || config.auth === 'bearer'
				? 'authorization'
				: config.auth === 'apiKeyHeader' && config.apiKeyHeaderName
					? config.apiKeyHeaderName.toLowerCase()
					: null;
		const seen = new Set<string>();
		for (const header of Array.isArray(config.headers) ? config.headers : []) {
			if (typeof header?.name !== 'string') continue;
			const name = header.name.toLowerCase();
			let message: string | null = null;
			if (FORBIDDEN_HEADERS.has(name) || name.startsWith('proxy-') || name.startsWith('sec-')) {
				message = `Browsers do not let a page set the ${header.name} header; remove it.`;
			} else if (seen.has(name)) {
				message = `The header ${header.name} is listed twice; keep one.`;
			} else if (name === authHeader) {
				message = `Remove the ${header.name} header: the chosen authentication sets it.`;
			} else if (name === SIGNATURE_HEADER.toLowerCase() && config.signingSecret) {
				message = `Remove the ${header.name} header: the signing secret sets it.`;
			}
			seen.add(name);
			if (message) ctx.addIssue({ code: 'custom', path: ['headers'], message });
		}

		if (config.method === 'GET' && typeof config.payloadTemplate === 'string') {
			const sample = samplePayload(config.payloadTemplate);
			if (sample !== undefined && (sample === null || typeof sample !== 'object' || Array.isArray(sample))) {
				ctx.addIssue({
					code: 'custom',
					path: ['payloadTemplate'],
					message: 'With GET the template must be a JSON object ({ ... }): its fields become the query parameters.'
				});
			}
		}
		// Run even when another field is invalid, so the form shows every problem in one go;
		// the checks above guard against values that failed their own field's check.
	}, { when: () => true });

/** A connector's configuration, as its schema parsed it. */
export type CustomHttpConfig = z.infer<typeof configSchema>;

/** Set on each audience or journey step that uses the connector. Nothing is required. */
export const useSettingsSchema = z.object({
	listName: optionalText({
		label: 'List name',
		help: 'Optional. A name for the list or segment at your endpoint, filled into the template wherever it says {{listName}}, so one endpoint can serve several audiences.',
		placeholder: 'vip-customers',
		max: 200
	})
});
