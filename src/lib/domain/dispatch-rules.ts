import type { ConnectorStatus } from './connector';
import { hasUnpublishedChanges, type Journey } from './journey';

/** Where a message comes from: an audience's membership, or a journey's destination step. */
export type MessageSource =
	| { kind: 'audience'; id: string }
	| { kind: 'journey'; id: string; stepId?: string };

/**
 * Whether a message may be sent to a connector: the one rule, asked by the engine for every
 * message. A deactivated connector receives nothing from audiences. A live journey that has
 * unpublished changes keeps sending to it until those changes are published, as in the
 * reference platform; any other journey stops too.
 */
export function mayReceive(connector: { status: ConnectorStatus }, source: MessageSource, journey?: Pick<Journey, 'status' | 'published' | 'draft'>): boolean {
	if (connector.status === 'active') return true;
	if (source.kind === 'audience') return false;
	return journey !== undefined && journey.status === 'live' && hasUnpublishedChanges(journey);
}
