import { definePartner } from '$lib/partners/define';
import { adapter as metaAdapter } from '$lib/partners/meta/adapter';
import { partners, tagBasedConnectors } from '$lib/partners/registry';
import { createRegistry } from '$lib/partners/registry-of';
import type { PartnerDefinition } from '$lib/partners/types';
import { tenth } from '../../fixtures/partners/tenth';

/**
 * docs/adding-a-partner.md, followed: leaving out any piece of the tenth partner
 * (tests/fixtures/partners/tenth/) does not compile, and the compiler names the piece (the
 * message is quoted beside each case). `npm run check` type-checks this file (tsconfig.json includes
 * every .ts file under tests/), so an @ts-expect-error below fails the check the day leaving that piece out
 * compiles. It is never run: vitest runs *.test.ts only, and the calls would throw.
 */

type Piece = keyof PartnerDefinition;

/** The tenth partner with one piece left out. */
function without<K extends Piece>(piece: K): Omit<typeof tenth, K> {
	const { [piece]: _left, ...rest } = tenth;
	return rest;
}

// Each piece is required by definePartner...
// @ts-expect-error -- Property 'catalog' is missing
definePartner(without('catalog'));
// @ts-expect-error -- Property 'configSchema' is missing
definePartner(without('configSchema'));
// @ts-expect-error -- Property 'useSettingsSchema' is missing
definePartner(without('useSettingsSchema'));
// @ts-expect-error -- Property 'adapter' is missing
definePartner(without('adapter'));
// @ts-expect-error -- Property 'errorHelp' is missing
definePartner(without('errorHelp'));
// @ts-expect-error -- Property 'historyFaults' is missing
definePartner(without('historyFaults'));
// @ts-expect-error -- Property 'cookieSync' is missing
definePartner(without('cookieSync'));
// @ts-expect-error -- Property 'testSample' is missing
definePartner(without('testSample'));

// ...and by the registry, for a partner put together without definePartner.
// @ts-expect-error -- Property 'catalog' is missing
createRegistry({ ...partners, tenth: without('catalog') }, tagBasedConnectors);
// @ts-expect-error -- Property 'configSchema' is missing
createRegistry({ ...partners, tenth: without('configSchema') }, tagBasedConnectors);
// @ts-expect-error -- Property 'useSettingsSchema' is missing
createRegistry({ ...partners, tenth: without('useSettingsSchema') }, tagBasedConnectors);
// @ts-expect-error -- Property 'adapter' is missing
createRegistry({ ...partners, tenth: without('adapter') }, tagBasedConnectors);
// @ts-expect-error -- Property 'errorHelp' is missing
createRegistry({ ...partners, tenth: without('errorHelp') }, tagBasedConnectors);
// @ts-expect-error -- Property 'historyFaults' is missing
createRegistry({ ...partners, tenth: without('historyFaults') }, tagBasedConnectors);
// @ts-expect-error -- Property 'cookieSync' is missing
createRegistry({ ...partners, tenth: without('cookieSync') }, tagBasedConnectors);
// @ts-expect-error -- Property 'testSample' is missing
createRegistry({ ...partners, tenth: without('testSample') }, tagBasedConnectors);

// The adapter is typed by the partner's own configuration: Meta's adapter does not fit Tenth.
// @ts-expect-error -- Type '{ adAccountId: ...; }' is missing the following properties from type '{ apiKey: string; region: "eu" | "us"; }'
definePartner({ ...tenth, adapter: metaAdapter });
// The test sample must be a configuration of the partner's schema.
// @ts-expect-error -- Type '"mars"' is not assignable to type '"eu" | "us"'
definePartner({ ...tenth, testSample: { config: { apiKey: 'tenth_live_0123456789abcdef', region: 'mars' }, useSettings: { listId: 'L1' } } });
