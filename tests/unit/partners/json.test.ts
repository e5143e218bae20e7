import { describe, expect, it } from 'vitest';
import { jsonElements, plainJsonText } from '$lib/partners/json';
import { buildRequest as metaRequest } from '$lib/partners/meta/adapter';
import { buildRequest as dv360Request } from '$lib/partners/dv360/adapter';
import type { Delivery } from '$lib/partners/adapter';
import { dv360 } from '$lib/partners/dv360';
import { meta } from '$lib/partners/meta';

const HASH = '9551f6ff6935f400d1422e75827ee012baad045daa3b733e3369fef22b0c9b4e';
const awkward = ['quote " inside', 'back\\slash', 'line\nbreak', 'tab\t', 'ünïcödé', '🙂', '\u2028', ''];

function delivery<C>(config: C, identifiers: string[], operation: 'add' | 'remove' = 'add'): Delivery<C> {
	return {
		connectorId: 'c',
		operation,
		identifiers,
		recipients: [],
		config,
		settings: { audienceId: '1', firstPartyAndPartnerAudienceId: '2' },
		now: 0
	};
}

describe('JSON written directly', () => {
	it('tells plain text from text JSON must escape', () => {
		expect(plainJsonText(HASH)).toBe(true);
		for (const value of awkward.slice(0, -1)) expect(plainJsonText(value), value).toBe(false);
	});

	it('writes the same text as JSON.stringify, plain values or not', () => {
		for (const values of [[], [HASH], [HASH, HASH.toUpperCase(), '7000000001'], awkward, [HASH, ...awkward]]) {
			expect(`[${jsonElements(values, '[', ']')}]`).toBe(JSON.stringify(values.map((v) => [v])));
			expect(`[${jsonElements(values, '{"hashedEmails":[', ']}')}]`).toBe(JSON.stringify(values.map((v) => ({ hashedEmails: [v] }))));
		}
	});

	it('gives Meta and DV360 bodies equal to serialising the objects', () => {
		for (const ids of [[HASH, HASH.replace('9', 'a')], [HASH, 'odd "id"']]) {
			expect(JSON.parse(metaRequest(delivery(meta.testSample.config, ids)).body!)).toEqual({ payload: { schema: ['EMAIL'], data: ids.map((id) => [id]) } });
			for (const operation of ['add', 'remove'] as const) {
				const list = operation === 'add' ? 'addedContactInfoList' : 'removedContactInfoList';
				const body = dv360Request(delivery(dv360.testSample.config, ids, operation)).body!;
				expect(Object.keys(JSON.parse(body))).toEqual(['advertiserId', list]);
				expect(JSON.parse(body)[list].contactInfos).toEqual(ids.map((id) => ({ hashedEmails: [id] })));
			}
			// A resend of some members only.
			expect(JSON.parse(dv360Request(delivery(dv360.testSample.config, ids), [1]).body!).addedContactInfoList.contactInfos).toEqual([{ hashedEmails: [ids[1]] }]);
		}
	});
});
