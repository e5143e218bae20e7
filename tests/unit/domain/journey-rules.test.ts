import { describe, expect, it } from 'vitest';
import type { Journey, JourneyVersion } from '$lib/domain/journey';
import { draftProblems, journeysKeepingDeactivatedConnectors, labelledSteps, publishProblems } from '$lib/domain/journey-rules';
import { connectorUseLookup } from '$lib/partners/use-settings';

const connectors = [
	{ id: 'meta', name: 'Meta Retargeting EU', status: 'active' as const, partnerId: 'meta' },
	{ id: 'clang', name: 'Clang Newsletter Batch', status: 'deactivated' as const, partnerId: 'clang' },
	{ id: 'cm360', name: 'CM360 Floodlight conversions', status: 'active' as const, partnerId: 'cm360' }
];
const context = { connector: connectorUseLookup(connectors), audiences: [{ id: 'aud', name: 'High-value customers' }] };

function version(steps: JourneyVersion['steps'], trigger: JourneyVersion['trigger'] = { kind: 'audienceEntered', audienceId: 'aud' }): JourneyVersion {
	return { trigger, steps, exitConditions: null };
}

describe('publishing a journey', () => {
	it('accepts a complete version', () => {
		const v = version([
			{ kind: 'wait', id: 'w', hours: 24 },
			{ kind: 'destination', id: 'd', connectorId: 'meta', operation: 'add', settings: { audienceId: '23851234567890123' } }
		]);
		expect(publishProblems('Welcome', v, context)).toEqual([]);
	});

	it('names the step and says why: a missing External ID, a missing connector, a deleted one', () => {
		const v = version([
			{ kind: 'wait', id: 'w', hours: 24 },
			{ kind: 'destination', id: 'no-connector', connectorId: '', operation: 'add', settings: {} },
			{ kind: 'destination', id: 'meta', connectorId: 'meta', operation: 'add', settings: { audienceId: '' } },
			{ kind: 'destination', id: 'gone', connectorId: 'deleted', operation: 'remove', settings: {} }
		]);
		expect(publishProblems('Welcome', v, context).map((p) => p.message)).toEqual([
			'Step 2 (Send to a connector): choose the connector to send to.',
			'Step 3 (Send to Meta Retargeting EU): add the Custom Audience ID.',
			'Step 4 (Remove at a connector): its connector no longer exists; choose another one.'
		]);
	});

	it('checks partner-specific fields such as CM360 floodlight IDs, inside branches too', () => {
		const v = version([
			{
				kind: 'branch',
				id: 'b',
				condition: { combinator: 'and', items: [{ operator: 'equals', attribute: 'marketingConsent', value: true }] },
				then: [
					{
						kind: 'destination',
						id: 'cm',
						connectorId: 'cm360',
						operation: 'add',
						settings: { floodlightConfigurationId: '1234567', floodlightActivityId: 'abc' }
					}
				],
				otherwise: []
			}
		]);
		const problems = publishProblems('Conversions', v, context);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.key).toBe('step:cm.settings.floodlightActivityId');
		expect(problems[0]!.message).toMatch(/^Step 1, if yes, step 1 \(Send to CM360 Floodlight conversions\): Floodlight activity ID: /);
	});

	it('refuses a journey without steps, or starting on an audience that is gone', () => {
		const problems = publishProblems('Empty', version([], { kind: 'audienceEntered', audienceId: 'gone' }), context);
		expect(problems.map((p) => p.key)).toEqual(['trigger', 'steps']);
	});

	it('lets a draft be saved with incomplete destinations, but not with a condition that cannot match', () => {
		const incomplete = version([{ kind: 'destination', id: 'd', connectorId: '', operation: 'add', settings: {} }]);
		expect(draftProblems('Work in progress', incomplete, context)).toEqual([]);
		const impossible = version([{ kind: 'branch', id: 'b', condition: { combinator: 'and', items: [] }, then: [], otherwise: [] }]);
		expect(draftProblems('Work in progress', impossible, context)).toEqual([
			{ key: 'step:b.condition', message: 'Step 1 (Check: No conditions): Add at least one condition: rules without conditions match nobody.' }
		]);
	});

	it('labels nested steps in reading order', () => {
		const v = version([
			{ kind: 'branch', id: 'b', condition: { combinator: 'and', items: [] }, then: [{ kind: 'wait', id: 'x', hours: 1 }], otherwise: [{ kind: 'wait', id: 'y', hours: 2 }] },
			{ kind: 'wait', id: 'z', hours: 3 }
		]);
		expect(labelledSteps(v.steps).map((s) => s.label)).toEqual(['Step 1', 'Step 1, if yes, step 1', 'Step 1, if no, step 1', 'Step 2']);
	});
});

describe('live journeys that keep sending to a deactivated connector', () => {
	const sendsToClang = version([{ kind: 'destination', id: 'c', connectorId: 'clang', operation: 'add', settings: { groupId: '4021' } }]);
	const journey = (overrides: Partial<Journey>): Journey => ({
		id: 'j',
		name: 'Welcome',
		status: 'live',
		published: sendsToClang,
		draft: sendsToClang,
		publishedAt: 1,
		createdAt: 1,
		updatedAt: 1,
		...overrides
	});

	it('lists a live journey with unpublished changes, and no other', () => {
		const changed = journey({ draft: { ...sendsToClang, exitConditions: { combinator: 'or', items: [{ operator: 'equals', attribute: 'marketingConsent', value: false }] } } });
		expect(journeysKeepingDeactivatedConnectors(connectors, [changed])).toEqual([
			{ journey: { id: 'j', name: 'Welcome' }, connector: { id: 'clang', name: 'Clang Newsletter Batch' } }
		]);
		expect(journeysKeepingDeactivatedConnectors(connectors, [journey({})])).toEqual([]);
		expect(journeysKeepingDeactivatedConnectors(connectors, [{ ...changed, status: 'paused' }])).toEqual([]);
		// Once Clang is active again there is nothing to warn about.
		expect(journeysKeepingDeactivatedConnectors(connectors.map((c) => ({ ...c, status: 'active' as const })), [changed])).toEqual([]);
	});
});
