import type { Audience } from '$lib/domain/audience';
import type { Journey, JourneyVersion } from '$lib/domain/journey';
import type { RuleGroup } from '$lib/domain/rules';
import type { SimMessage } from '$lib/sim/simulator';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** A fixed sandbox clock: noon UTC. */
export const NOW = Date.UTC(2026, 10, 28, 12);

export function audience(id: string, rules: RuleGroup, extra: Partial<Audience> = {}): Audience {
	return {
		id,
		name: id,
		description: '',
		rules,
		exitConditions: null,
		connectors: [{ connectorId: `${id}-connector`, settings: { audienceId: '1' } }],
		createdAt: 0,
		updatedAt: 0,
		...extra
	};
}

export function journey(id: string, published: JourneyVersion | null, extra: Partial<Journey> = {}): Journey {
	return {
		id,
		name: id,
		status: 'live',
		published,
		draft: published ?? { trigger: { kind: 'event', eventType: 'visit' }, steps: [], exitConditions: null },
		publishedAt: published ? 0 : null,
		createdAt: 0,
		updatedAt: 0,
		...extra
	};
}

/** Messages as comparable text lines. */
export function lines(messages: SimMessage[]): string[] {
	return messages.map(
		(m) => `${m.at} ${m.profileIndex} ${m.connectorId} ${m.operation} ${m.source.kind}:${m.source.id}:${'stepId' in m.source ? (m.source.stepId ?? '') : ''} ${JSON.stringify(m.settings)}`
	);
}

/** A short digest of messages, so large runs compare cheaply. */
export function digest(messages: SimMessage[]): string {
	let h = 0x811c9dc5;
	for (const line of lines(messages)) {
		for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
	}
	return `${messages.length}:${(h >>> 0).toString(16)}`;
}

/** Counts per "connector operation". */
export function countBy(messages: SimMessage[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const m of messages) counts[`${m.connectorId} ${m.operation}`] = (counts[`${m.connectorId} ${m.operation}`] ?? 0) + 1;
	return counts;
}
