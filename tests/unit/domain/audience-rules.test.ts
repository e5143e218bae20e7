import { describe, expect, it } from 'vitest';
import { canMatch, checkAudienceDraft, describeRules, ruleProblems, type AudienceDraft } from '$lib/domain/audience-rules';
import type { RuleGroup } from '$lib/domain/rules';
import { connectorUseLookup } from '$lib/partners/use-settings';

const and = (...items: RuleGroup['items']): RuleGroup => ({ combinator: 'and', items });
const or = (...items: RuleGroup['items']): RuleGroup => ({ combinator: 'or', items });

describe('rules that cannot match', () => {
	it('accepts rules that can match', () => {
		const rules = and(
			{ operator: 'greaterThan', attribute: 'lifetimeValue', value: 50 },
			{ operator: 'lessThan', attribute: 'lifetimeValue', value: 100 },
			or({ operator: 'equals', attribute: 'country', value: 'NL' }, { operator: 'hasIdentifier', identifier: 'hashedEmail' })
		);
		expect(ruleProblems(rules)).toEqual([]);
		expect(canMatch(rules)).toBe(true);
	});

	it('flags rules without conditions, and an empty nested group at its path', () => {
		expect(ruleProblems(and())).toEqual([{ path: '', message: 'Add at least one condition: rules without conditions match nobody.' }]);
		const nested = and({ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 }, or());
		expect(ruleProblems(nested)).toEqual([{ path: 'items.1', message: expect.stringMatching(/This group has no conditions/) }]);
		expect(canMatch(nested)).toBe(false);
	});

	it('flags a contradictory range joined by AND, naming the attribute and bounds', () => {
		const rules = and({ operator: 'greaterThan', attribute: 'lifetimeValue', value: 100 }, { operator: 'lessThan', attribute: 'lifetimeValue', value: 50 });
		expect(ruleProblems(rules)).toEqual([
			{ path: '', message: 'Lifetime value cannot be greater than 100 and less than 50 at once: no profile matches.' }
		]);
		// The same bounds joined by OR match plenty.
		expect(ruleProblems(or(...rules.items))).toEqual([]);
	});

	it('flags "one of" without values, two different equals, and an equals outside the range', () => {
		expect(ruleProblems(and({ operator: 'oneOf', attribute: 'country', values: [] }))[0]!.message).toBe('Country is one of: choose at least one value.');
		expect(
			ruleProblems(and({ operator: 'equals', attribute: 'country', value: 'NL' }, { operator: 'oneOf', attribute: 'country', values: ['DE', 'FR'] }))[0]!
				.message
		).toBe('Country cannot be NL and DE, FR at once: these conditions are joined by AND.');
		expect(
			ruleProblems(and({ operator: 'equals', attribute: 'lifetimeValue', value: 10 }, { operator: 'greaterThan', attribute: 'lifetimeValue', value: 20 }))[0]!
				.message
		).toBe('Lifetime value cannot equal 10 and be greater than 20 at once: no profile matches.');
	});

	it('flags a condition that can never hold even inside an OR group, though the group can still match', () => {
		const rules = or({ operator: 'lessThan', attribute: 'lifetimeValue', value: 0 }, { operator: 'equals', attribute: 'device', value: 'mobile' });
		expect(ruleProblems(rules).map((p) => p.path)).toEqual(['items.0']);
		expect(canMatch(rules)).toBe(true);
	});

	it('flags a number field that was emptied', () => {
		const emptied = { operator: 'equals', attribute: 'lifetimeValue', value: null } as unknown as RuleGroup['items'][number];
		expect(ruleProblems(and(emptied))[0]!.message).toBe('Lifetime value equals: enter or choose a value.');
		const days = { operator: 'withinLastDays', attribute: 'lastVisit', days: null } as unknown as RuleGroup['items'][number];
		expect(ruleProblems(and(days))[0]!.message).toBe('Last visit: enter a whole number of days from 1 to 365.');
	});

	it('describes rules in one line', () => {
		expect(describeRules(and({ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 }, or({ operator: 'equals', attribute: 'marketingConsent', value: true }))))
			.toBe('Last visit within the last 7 days and (Marketing consent is yes)');
	});
});

describe('checking an audience before it is saved', () => {
	const lookup = connectorUseLookup([
		{ id: 'meta', name: 'Meta Retargeting EU', status: 'active', partnerId: 'meta' },
		{ id: 'cm360', name: 'CM360', status: 'active', partnerId: 'cm360' }
	]);
	const draft = (overrides: Partial<AudienceDraft> = {}): AudienceDraft => ({
		name: ' Recent visitors ',
		description: '',
		rules: and({ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 }),
		exitConditions: null,
		connectors: [{ connectorId: 'meta', settings: { audienceId: '23851234567890123' } }],
		...overrides
	});

	it('accepts a valid audience and trims its name', () => {
		const result = checkAudienceDraft(draft(), lookup);
		expect(result.ok && result.value.name).toBe('Recent visitors');
	});

	it('puts each message at its place: name, rules, exit conditions, connector settings', () => {
		const result = checkAudienceDraft(
			draft({
				name: ' ',
				rules: and(),
				exitConditions: or(),
				connectors: [
					{ connectorId: 'meta', settings: { audienceId: '' } },
					{ connectorId: 'cm360', settings: { floodlightConfigurationId: '12ab', floodlightActivityId: '1' } },
					{ connectorId: 'gone', settings: {} },
					{ connectorId: 'meta', settings: { audienceId: '23851234567890123' } }
				]
			}),
			lookup
		);
		expect(result.ok).toBe(false);
		const errors = !result.ok ? result.error : {};
		expect(errors).toMatchObject({
			name: 'Give the audience a name.',
			rules: expect.stringMatching(/Add at least one condition/),
			exitConditions: expect.stringMatching(/Add at least one condition/),
			'connectors.0.settings.audienceId': 'Meta Retargeting EU: add the Custom Audience ID.',
			'connectors.1.settings.floodlightConfigurationId': expect.stringMatching(/^CM360: A Floodlight configuration ID is digits/),
			'connectors.2': 'This connector no longer exists: choose another one or remove it.',
			'connectors.3': 'Meta Retargeting EU is already connected to this audience.'
		});
		expect(errors['connectors.1.settings.floodlightActivityId']).toBeUndefined();
	});

	it('refuses a name another audience has, whatever the capitals', () => {
		const result = checkAudienceDraft(draft(), lookup, [{ id: 'a-1', name: 'RECENT VISITORS' }]);
		expect(!result.ok && result.error.name).toBe('An audience named "RECENT VISITORS" already exists: give this one another name.');
		expect(checkAudienceDraft(draft(), lookup, [{ id: 'a-1', name: 'Recent visitors' }], 'a-1').ok).toBe(true);
	});
});
