import { describe, expect, it } from 'vitest';
import { hasUnpublishedChanges, JourneySchema } from '$lib/domain/journey';
import { journey, journeyVersion } from '../../fixtures/records';

describe('journey versions', () => {
	it('has unpublished changes when it was never published', () => {
		expect(hasUnpublishedChanges(journey('j', 'J', { published: null, draft: ['c1'] }))).toBe(true);
	});

	it('has none when the draft equals the published version, whatever the key order', () => {
		const published = journeyVersion(['c1']);
		const reordered = JSON.parse(JSON.stringify({ exitConditions: null, steps: published.steps, trigger: published.trigger }));
		expect(hasUnpublishedChanges({ published, draft: reordered })).toBe(false);
	});

	it('has some when a step differs', () => {
		expect(hasUnpublishedChanges({ published: journeyVersion(['c1']), draft: journeyVersion(['c2']) })).toBe(true);
	});

	it('rejects a journey whose wait step has no duration', () => {
		const bad = journey('j', 'J', { published: null, draft: [] });
		const result = JourneySchema.safeParse({ ...bad, draft: { ...bad.draft, steps: [{ kind: 'wait', id: 'w', hours: 0 }] } });
		expect(result.success).toBe(false);
	});
});
