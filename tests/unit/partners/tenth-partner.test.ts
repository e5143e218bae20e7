import { describe, expect, it } from 'vitest';
import { partners, tagBasedConnectors } from '$lib/partners/registry';
import { createRegistry } from '$lib/partners/registry-of';
import { runExchange } from '$lib/engine/exchange';
import { MockTransport } from '$lib/engine/transport';
import { tenth } from '../../fixtures/partners/tenth';
import { tenthMock } from '../../fixtures/partners/tenth/mock';
import { delivery, recipients } from '../../fixtures/delivery';

/**
 * docs/adding-a-partner.md, followed: a tenth partner is its own folder
 * (tests/fixtures/partners/tenth/) plus one line in a registry. That leaving out any of its
 * pieces does not compile is proven beside this file, in tenth-partner.typecheck.ts.
 */

describe('a tenth partner', () => {
	const registry = createRegistry({ ...partners, tenth }, tagBasedConnectors);

	it('needs one line in the registry to be listed in the catalog, after the nine and before tag-based connectors', () => {
		expect(registry.ids.at(-1)).toBe('tenth');
		expect(registry.partnerById('tenth')).toBe(tenth);
		expect(registry.catalogEntryById('tenth')?.name).toBe('Tenth Audiences');
		expect(registry.catalog.map((entry) => entry.id).slice(0, registry.ids.length)).toEqual(registry.ids);
		expect(registry.catalog.slice(registry.ids.length)).toEqual(tagBasedConnectors);
	});

	it('accepts its own test sample', () => {
		expect(tenth.configSchema.safeParse(tenth.testSample.config).success).toBe(true);
		expect(tenth.useSettingsSchema.safeParse(tenth.testSample.useSettings).success).toBe(true);
	});

	it('is sent to by the engine through its adapter, and its error code is classified', async () => {
		const config = tenth.configSchema.parse(tenth.testSample.config);
		const batch = await recipients(3, tenth.catalog.identifier, tenth.catalog.partnerNumber);
		const send = (settings: Record<string, string>) => {
			const d = delivery('add', batch, config, settings);
			return runExchange(tenth.adapter, tenth.adapter.begin(d, null), {
				connectorId: d.connectorId,
				timeoutMs: 3000,
				transport: new MockTransport(tenthMock),
				sleep: async () => {}
			});
		};
		const sent = await send(tenth.testSample.useSettings);
		expect(sent.outcome).toEqual({ batchError: null, rejected: [], note: 'Tenth answered HTTP 200.' });
		expect(sent.requests).toBe(1);
		const unknownList = await send({ listId: 'L999' });
		expect(unknownList.outcome.batchError).toMatchObject({ category: 'partnerError', code: 'LIST_NOT_FOUND' });
		expect(tenth.errorHelp.map((help) => help.code)).toContain('LIST_NOT_FOUND');
	});

	it('is refused by the registry when its id and catalog id differ, or its partner number is taken', () => {
		expect(() => createRegistry({ ...partners, eleventh: tenth }, [])).toThrow(/catalog id "tenth"/);
		const twin = { ...tenth, catalog: { ...tenth.catalog, id: 'twin', partnerNumber: partners.meta.catalog.partnerNumber } };
		expect(() => createRegistry({ ...partners, twin }, [])).toThrow(/Partner number 1101/);
		const synced = { ...tenth, catalog: { ...tenth.catalog, identifier: 'partnerUserId' as const } };
		expect(() => createRegistry({ tenth: synced }, [])).toThrow(/cookie sync/);
	});
});
