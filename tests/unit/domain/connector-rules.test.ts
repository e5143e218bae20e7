import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkConnectorDraft, type PartnerRules } from '$lib/domain/connector-rules';
import { connector } from '../../fixtures/records';

const single: PartnerRules = {
	id: 'meta',
	name: 'Meta (Facebook) Custom Audiences',
	multipleConfigurations: false,
	configSchema: z.object({ token: z.string().min(1, 'Enter the token.') })
};
const several: PartnerRules = { ...single, id: 'dv360', name: 'Google Display & Video 360', multipleConfigurations: true };

describe('checking a connector before it is saved', () => {
	it('accepts a valid draft and trims the name', () => {
		const result = checkConnectorDraft({ name: '  Meta EU ', config: { token: 'x' } }, single, []);
		expect(result).toEqual({ ok: true, value: { name: 'Meta EU', nameKey: 'meta eu', config: { token: 'x' } } });
	});

	it('puts each message beside its field', () => {
		const result = checkConnectorDraft({ name: ' ', config: { token: '' } }, single, []);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toEqual({
			kind: 'invalid',
			fieldErrors: { name: 'Give the connector a name.', 'config.token': 'Enter the token.' }
		});
	});

	it('refuses a name that exists with other capitals, naming the existing connector', () => {
		const existing = [connector({ id: 'c1', name: 'DV360 Brand A', partnerId: 'dv360' })];
		const result = checkConnectorDraft({ name: 'dv360 BRAND a', config: { token: 'x' } }, several, existing);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('nameTaken');
		expect(result.error.kind === 'nameTaken' && result.error.fieldErrors.name).toMatch(/"DV360 Brand A" exists already/);
	});

	it('lets a connector keep its own name when edited', () => {
		const existing = [connector({ id: 'c1', name: 'Meta EU' })];
		expect(checkConnectorDraft({ name: 'META EU', config: { token: 'y' } }, single, existing, 'c1').ok).toBe(true);
	});

	it('refuses a second configuration of a single-configuration partner, pointing at the first', () => {
		const existing = [connector({ id: 'c1', name: 'Meta EU', partnerId: 'meta' })];
		const result = checkConnectorDraft({ name: 'Meta US', config: { token: 'x' } }, single, existing);
		expect(result).toMatchObject({ ok: false, error: { kind: 'singleConfiguration', existing: { id: 'c1', name: 'Meta EU' } } });
	});

	it('allows several configurations where the partner does', () => {
		const existing = [connector({ id: 'c1', name: 'DV360 Brand A', partnerId: 'dv360' })];
		expect(checkConnectorDraft({ name: 'DV360 Brand B', config: { token: 'x' } }, several, existing).ok).toBe(true);
	});
});
