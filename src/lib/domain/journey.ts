import { z } from 'zod';
import { UseSettingValueSchema } from './audience';
import { RuleGroupSchema, type RuleGroup } from './rules';
import { checkedText } from './validation';

export const JOURNEY_NAME_MAX = 120;

/** Event types the simulator emits and a journey can start on. */
export const EventTypeSchema = z.enum(['visit', 'purchase', 'appOpen', 'emailClick']);
export type EventType = z.infer<typeof EventTypeSchema>;

export const JourneyTriggerSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('audienceEntered'), audienceId: z.string().min(1) }),
	z.object({ kind: z.literal('event'), eventType: EventTypeSchema })
]);
export type JourneyTrigger = z.infer<typeof JourneyTriggerSchema>;

export type JourneyStep =
	| { kind: 'wait'; id: string; hours: number }
	| { kind: 'branch'; id: string; condition: RuleGroup; then: JourneyStep[]; otherwise: JourneyStep[] }
	| {
			kind: 'destination';
			id: string;
			connectorId: string;
			operation: 'add' | 'remove';
			settings: Record<string, string>;
	  };

export const JourneyStepSchema: z.ZodType<JourneyStep> = z.lazy(() =>
	z.discriminatedUnion('kind', [
		z.object({ kind: z.literal('wait'), id: z.string().min(1), hours: z.number().int().min(1) }),
		z.object({
			kind: z.literal('branch'),
			id: z.string().min(1),
			condition: RuleGroupSchema,
			then: z.array(JourneyStepSchema),
			otherwise: z.array(JourneyStepSchema)
		}),
		z.object({
			kind: z.literal('destination'),
			id: z.string().min(1),
			connectorId: z.string(),
			operation: z.enum(['add', 'remove']),
			settings: z.record(z.string(), UseSettingValueSchema)
		})
	])
);

export const JourneyVersionSchema = z.object({
	trigger: JourneyTriggerSchema,
	steps: z.array(JourneyStepSchema),
	exitConditions: RuleGroupSchema.nullable()
});
export type JourneyVersion = z.infer<typeof JourneyVersionSchema>;

export const JourneyStatusSchema = z.enum(['draft', 'live', 'paused']);
export type JourneyStatus = z.infer<typeof JourneyStatusSchema>;

/** A journey keeps the version that runs (published) apart from the one being edited (draft). */
export const JourneySchema = z.object({
	id: z.string().min(1),
	name: checkedText(
		z.string().trim().min(1, 'Give the journey a name.').max(JOURNEY_NAME_MAX, `Keep the name to ${JOURNEY_NAME_MAX} characters or fewer.`),
		'Name',
		'name'
	),
	status: JourneyStatusSchema,
	published: JourneyVersionSchema.nullable(),
	draft: JourneyVersionSchema,
	publishedAt: z.number().int().nonnegative().nullable(),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative()
});
export type Journey = z.infer<typeof JourneySchema>;

/** Every connector a version's destination steps send to, branches included. */
export function connectorIdsOf(version: JourneyVersion): Set<string> {
	const ids = new Set<string>();
	const walk = (steps: JourneyStep[]) => {
		for (const step of steps) {
			if (step.kind === 'destination' && step.connectorId) ids.add(step.connectorId);
			if (step.kind === 'branch') {
				walk(step.then);
				walk(step.otherwise);
			}
		}
	};
	walk(version.steps);
	return ids;
}

/** The draft differs from what is live (a journey never published counts as changed). */
export function hasUnpublishedChanges(journey: Pick<Journey, 'published' | 'draft'>): boolean {
	return journey.published === null || canonicalJson(journey.published) !== canonicalJson(journey.draft);
}

// Key order must not make two equal versions look different after a round trip through storage.
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}
