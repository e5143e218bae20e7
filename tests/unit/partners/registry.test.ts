import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import { fieldMeta, secretFieldNames } from '$lib/partners/fields';
import { PARTNER_IDS, catalog, partners, tagBasedConnectors, type PartnerId } from '$lib/partners/registry';
import { DEFAULT_PAYLOAD_TEMPLATE, payloadTemplateProblem, renderTemplate } from '$lib/partners/custom-http/template';
import { datacenterOf } from '$lib/partners/mailchimp/config';

const serverToServer = PARTNER_IDS.map((id) => partners[id]);

function issues(schema: z.ZodType, value: unknown) {
	const result = schema.safeParse(value);
	expect(result.success).toBe(false);
	return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

function configWith(id: PartnerId, changes: Record<string, unknown>) {
	return { ...partners[id].testSample.config, ...changes };
}

/** WCAG contrast ratio of a #rrggbb colour against white. */
function contrastWithWhite(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
	return 1.05 / (luminance + 0.05);
}

describe('partner registry', () => {
	it('lists the partners in catalog order, each under its own id', () => {
		expect(PARTNER_IDS).toEqual(['meta', 'dv360', 'cm360', 'xandr', 'azure', 'clang', 'mailchimp', 'custom-http']);
		for (const id of PARTNER_IDS) expect(partners[id].catalog.id).toBe(id);
	});

	it('gives every partner a unique partner number', () => {
		const numbers = serverToServer.map((p) => p.catalog.partnerNumber);
		expect(new Set(numbers).size).toBe(numbers.length);
		for (const n of numbers) expect(Number.isInteger(n) && n > 0 && n < 10_000).toBe(true);
	});

	it('has unique catalog ids, with tag-based connectors after the partners', () => {
		const ids = catalog.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(tagBasedConnectors.length).toBeGreaterThanOrEqual(4);
		expect(catalog.slice(PARTNER_IDS.length)).toEqual(tagBasedConnectors);
		for (const tag of tagBasedConnectors) {
			expect(tag.kind).toBe('tag-based');
			expect(tag.setupNote).toMatch(/browser/);
			expect(tag.docs.length).toBeGreaterThan(0);
		}
	});

	it('draws every mark with at least 4.5:1 contrast against white text', () => {
		for (const entry of catalog) {
			expect(entry.mark.color, entry.id).toMatch(/^#[0-9a-f]{6}$/i);
			expect(contrastWithWhite(entry.mark.color), entry.id).toBeGreaterThanOrEqual(4.5);
			expect(entry.mark.initials.length, entry.id).toBeGreaterThan(0);
		}
	});

	it('links only to https documentation', () => {
		for (const entry of catalog) {
			for (const doc of entry.docs) expect(doc.url, entry.id).toMatch(/^https:\/\//);
		}
		for (const p of serverToServer) expect(p.catalog.errorDocs.url).toMatch(/^https:\/\//);
	});

	it('reports partner error codes for exactly Xandr, CM360, DV360, Azure, Meta and Clang', () => {
		const reporting = serverToServer.filter((p) => p.catalog.reportsPartnerErrorCodes).map((p) => p.catalog.id);
		expect(reporting.sort()).toEqual(['azure', 'clang', 'cm360', 'dv360', 'meta', 'xandr']);
	});

	it('does not let CM360 remove profiles', () => {
		expect(partners.cm360.catalog.supportsRemoval).toBe(false);
		for (const p of serverToServer.filter((p) => p.catalog.id !== 'cm360')) {
			expect(p.catalog.supportsRemoval, p.catalog.id).toBe(true);
		}
	});

	it('allows several configurations for DV360 and Custom HTTP only', () => {
		const multiple = serverToServer.filter((p) => p.catalog.multipleConfigurations).map((p) => p.catalog.id);
		expect(multiple.sort()).toEqual(['custom-http', 'dv360']);
	});

	it('uses the identifier each partner type reads', () => {
		const identifiers = Object.fromEntries(serverToServer.map((p) => [p.catalog.id, p.catalog.identifier]));
		expect(identifiers).toEqual({
			meta: 'hashedEmail',
			dv360: 'hashedEmail',
			cm360: 'hashedEmail',
			xandr: 'partnerUserId',
			azure: 'customerId',
			clang: 'customerId',
			mailchimp: 'email',
			'custom-http': 'customerId'
		});
	});

	it('keeps the published batch limits', () => {
		expect(partners.dv360.catalog.limits.maxBatchSize).toBe(500_000);
		expect(partners.dv360.catalog.limits.requestsPerMinute).toBe(300);
		expect(partners.cm360.catalog.limits.maxBatchSize).toBe(1_000);
		expect(partners.xandr.catalog.limits.requestsPerMinute).toBe(1);
		expect(partners.mailchimp.catalog.limits.maxBatchSize).toBe(500);
		expect(partners.clang.catalog.limits.maxBatchSize).toBe(50);
		expect(partners['custom-http'].catalog.limits.maxBatchSize).toBe(1_000);
	});

	it('gives every config and use-settings field form metadata', () => {
		for (const p of serverToServer) {
			for (const schema of [p.configSchema, p.useSettingsSchema]) {
				for (const [name, field] of Object.entries(schema.shape)) {
					const meta = fieldMeta(field as z.ZodType);
					expect(meta.label, `${p.catalog.id}.${name}`).not.toBe('');
					expect(meta.help, `${p.catalog.id}.${name}`).toBeTruthy();
				}
			}
		}
	});

	it('marks credentials as secrets', () => {
		expect(secretFieldNames(partners.dv360.configSchema)).toEqual(['accessToken']);
		expect(secretFieldNames(partners.xandr.configSchema)).toEqual(['password']);
		expect(secretFieldNames(partners.azure.configSchema)).toEqual(['sasToken']);
		expect(secretFieldNames(partners.clang.configSchema)).toEqual(['uuid']);
		expect(secretFieldNames(partners.mailchimp.configSchema)).toEqual(['apiKey']);
		expect(secretFieldNames(partners['custom-http'].configSchema).sort()).toEqual(
			['apiKey', 'basicPassword', 'bearerToken', 'signingSecret'].sort()
		);
	});

	it.each(PARTNER_IDS)('accepts its own test sample of configuration and use settings for %s', (id) => {
		const config = partners[id].configSchema.safeParse(partners[id].testSample.config);
		expect(config.error?.issues ?? []).toEqual([]);
		const use = partners[id].useSettingsSchema.safeParse(partners[id].testSample.useSettings);
		expect(use.error?.issues ?? []).toEqual([]);
		// Use settings are plain strings, stored per audience or journey step.
		for (const value of Object.values(use.data ?? {})) expect(typeof value).toBe('string');
	});
});

describe('configuration messages', () => {
	it('Meta: an ad account ID needs act_', () => {
		expect(issues(partners.meta.configSchema, configWith('meta', { adAccountId: '1234567890' }))).toEqual([
			{ path: ['adAccountId'], message: 'An ad account ID is act_ followed by 5 to 20 digits.' }
		]);
	});

	it('DV360: the advertiser ID is digits', () => {
		expect(issues(partners.dv360.configSchema, configWith('dv360', { advertiserId: 'adv-42' }))).toEqual([
			{ path: ['advertiserId'], message: 'An advertiser ID is digits only (up to 20).' }
		]);
	});

	it('Mailchimp: a key without its datacenter suffix is named as such', () => {
		const [issue] = issues(
			partners.mailchimp.configSchema,
			configWith('mailchimp', { apiKey: '0123456789abcdef0123456789abcdef' })
		);
		expect(issue?.path).toEqual(['apiKey']);
		expect(issue?.message).toMatch(/lacks its datacenter suffix/);
		expect(datacenterOf('0123456789abcdef0123456789abcdef-us21')).toBe('us21');
		expect(datacenterOf('not-a-key')).toBeNull();
	});

	it('Mailchimp: the audience ID is 10 letters and digits', () => {
		expect(issues(partners.mailchimp.useSettingsSchema, { listId: 'abc' })).toEqual([
			{ path: ['listId'], message: 'A Mailchimp audience ID is 10 letters and digits.' }
		]);
	});

	it('Clang: the token is a UUID', () => {
		const [issue] = issues(partners.clang.configSchema, configWith('clang', { uuid: 'not-a-uuid-at-all' }));
		expect(issue?.path).toEqual(['uuid']);
		expect(issue?.message).toMatch(/UUID/);
	});

	it('Xandr: expiration is at most 180 days', () => {
		const [issue] = issues(partners.xandr.useSettingsSchema, { segmentId: '25478901', expirationMinutes: '300000' });
		expect(issue?.path).toEqual(['expirationMinutes']);
		expect(issue?.message).toMatch(/259,200 minutes or fewer/);
		const empty = partners.xandr.useSettingsSchema.parse({ segmentId: '25478901' });
		expect(empty).toEqual({ segmentId: '25478901', expirationMinutes: '' });
	});

	it('Azure: names and SAS token are checked', () => {
		expect(issues(partners.azure.configSchema, configWith('azure', { containerName: 'Audience_Files' }))[0]?.path).toEqual(
			['containerName']
		);
		expect(issues(partners.azure.configSchema, configWith('azure', { accountName: 'Acme-Storage' }))[0]?.message).toBe(
			'A storage account name is 3 to 24 lowercase letters and digits.'
		);
		const [noSig] = issues(
			partners.azure.configSchema,
			configWith('azure', { sasToken: 'sv=2022-11-02&sr=c&sp=cw&se=2099-01-01' })
		);
		expect(noSig).toMatchObject({ path: ['sasToken'] });
		expect(noSig?.message).toMatch(/lacks sig=/);
		const [url] = issues(
			partners.azure.configSchema,
			configWith('azure', { sasToken: 'https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=abc' })
		);
		expect(url?.message).toMatch(/Paste only the SAS token/);
		const [expired] = issues(
			partners.azure.configSchema,
			configWith('azure', { sasToken: 'sv=2022-11-02&sr=c&sp=cw&se=2020-01-01T00:00:00Z&sig=abcdefghijk' })
		);
		expect(expired?.message).toMatch(/expired on 2020-01-01 00:00 UTC/);
		expect(issues(partners.azure.useSettingsSchema, { pathPrefix: '/audiences/vip/' })[0]?.path).toEqual(['pathPrefix']);
		expect(issues(partners.azure.useSettingsSchema, { pathPrefix: 'audiences/../vip' })[0]?.path).toEqual(['pathPrefix']);
	});

	it('Custom HTTP: bearer authentication needs a token, shown beside the token field', () => {
		expect(issues(partners['custom-http'].configSchema, configWith('custom-http', { bearerToken: '' }))).toEqual([
			{ path: ['bearerToken'], message: 'Enter the bearer token.' }
		]);
	});

	it('Custom HTTP: API key and basic authentication need their fields', () => {
		expect(
			issues(partners['custom-http'].configSchema, configWith('custom-http', { auth: 'apiKeyHeader', bearerToken: '' }))
		).toEqual([
			{ path: ['apiKeyHeaderName'], message: 'Enter the API key header name.' },
			{ path: ['apiKey'], message: 'Enter the API key.' }
		]);
		expect(
			issues(
				partners['custom-http'].configSchema,
				configWith('custom-http', { auth: 'basic', basicUsername: 'acme', bearerToken: '' })
			)
		).toEqual([{ path: ['basicPassword'], message: 'Enter the password for basic authentication.' }]);
		const none = partners['custom-http'].configSchema.safeParse(
			configWith('custom-http', { auth: 'none', bearerToken: '' })
		);
		expect(none.success).toBe(true);
	});

	it('Custom HTTP: batch size defaults to 100 and stays within 1 to 1,000', () => {
		const { batchSize: _omitted, ...rest } = partners['custom-http'].testSample.config;
		expect(partners['custom-http'].configSchema.parse(rest).batchSize).toBe(100);
		expect(issues(partners['custom-http'].configSchema, configWith('custom-http', { batchSize: 1001 }))).toEqual([
			{ path: ['batchSize'], message: 'Enter a whole number from 1 to 1,000.' }
		]);
	});

	it('Custom HTTP: headers that clash or that browsers refuse are named', () => {
		const clash = issues(
			partners['custom-http'].configSchema,
			configWith('custom-http', { headers: [{ name: 'Authorization', value: 'Bearer x' }] })
		);
		expect(clash).toEqual([
			{ path: ['headers'], message: 'Remove the Authorization header: the chosen authentication sets it.' }
		]);
		const forbidden = issues(
			partners['custom-http'].configSchema,
			configWith('custom-http', { headers: [{ name: 'Host', value: 'example.com' }] })
		);
		expect(forbidden[0]?.message).toMatch(/do not let a page set the Host header/);
	});

	it('Custom HTTP: a payload template that is not JSON names the problem and where it is', () => {
		const template = '{\n  "operation": "{{operation}}",\n  "profiles": {{profiles}},\n}';
		const [issue] = issues(partners['custom-http'].configSchema, configWith('custom-http', { payloadTemplate: template }));
		expect(issue?.path).toEqual(['payloadTemplate']);
		expect(issue?.message).toBe(
			"The payload template is not valid JSON once its placeholders are filled in: a trailing comma before '}', which JSON does not allow at line 4, column 1."
		);
		expect(payloadTemplateProblem('{"id": {{profile.customerId}} "email": "{{profile.email}}"}')).toBe(
			"The payload template is not valid JSON once its placeholders are filled in: expected ',' or '}' after a property value but found a quote (\") at line 1, column 31."
		);
		expect(payloadTemplateProblem("{'id': 1}")).toMatch(/single quotes .* at line 1, column 2\.$/);
		expect(payloadTemplateProblem('{"a": "unclosed}')).toMatch(/a string is not closed .* at line 1, column 7\.$/);
		expect(payloadTemplateProblem('{"who": {{customer}}}')).toMatch(/^Unknown placeholder \{\{customer\}\} at line 1, column 9\./);
		expect(payloadTemplateProblem('')).toMatch(/expected a value but the template ends/);
	});

	it('Custom HTTP: GET needs a JSON object template', () => {
		const [issue] = issues(
			partners['custom-http'].configSchema,
			configWith('custom-http', { method: 'GET', payloadTemplate: '{{profiles}}' })
		);
		expect(issue).toEqual({
			path: ['payloadTemplate'],
			message: 'With GET the template must be a JSON object ({ ... }): its fields become the query parameters.'
		});
	});
});

describe('Custom HTTP payload templates', () => {
	it('fills placeholders as JSON values outside strings and as escaped text inside them', () => {
		const template = '{"op": "{{operation}}", "id": {{profile.customerId}}, "note": "for {{profile.email}}", "all": {{profiles}}, "missing": {{profile.phone}}}';
		const text = renderTemplate(template, {
			operation: 'remove',
			profiles: [{ customerId: 'C-7' }],
			profile: { customerId: 'C-7', email: 'o"neil@example.com' }
		});
		expect(JSON.parse(text)).toEqual({
			op: 'remove',
			id: 'C-7',
			note: 'for o"neil@example.com',
			all: [{ customerId: 'C-7' }],
			missing: null
		});
	});

	it('accepts the default template and whitespace around placeholder names', () => {
		expect(payloadTemplateProblem(DEFAULT_PAYLOAD_TEMPLATE)).toBeNull();
		expect(payloadTemplateProblem('{ "list": "{{ listName }}", "n": -1.5e3, "ok": [true, false, null] }')).toBeNull();
	});

	it('refuses unknown placeholders when rendering', () => {
		expect(() => renderTemplate('{{nope}}', { operation: 'add', profiles: [] })).toThrow(/Unknown placeholder/);
	});
});

describe('custom HTTP configuration problems', () => {
	it('reports a missing credential together with other invalid fields, so the form shows all at once', () => {
		const result = partners['custom-http'].configSchema.safeParse({
			url: 'not a url',
			method: 'POST',
			headers: [],
			auth: 'bearer',
			apiKeyHeaderName: '',
			apiKey: '',
			basicUsername: '',
			basicPassword: '',
			bearerToken: '',
			payloadTemplate: '{"operation": "{{operation}}", "profiles": {{profiles}}}',
			batchSize: 100,
			signingSecret: ''
		});
		const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
		expect(paths).toEqual(expect.arrayContaining(['url', 'bearerToken']));
	});
});
