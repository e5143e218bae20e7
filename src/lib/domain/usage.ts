import type { Audience } from './audience';
import { connectorIdsOf, type Journey } from './journey';

/** An audience or journey that references a connector; for journeys, in which versions. */
export type ConnectorUsage =
	| { kind: 'audience'; id: string; name: string }
	| { kind: 'journey'; id: string; name: string; versions: Array<'published' | 'draft'> };

/** Every audience and journey (draft or published) that uses the connector, sorted by name. */
export function usagesOfConnector(
	connectorId: string,
	audiences: readonly Audience[],
	journeys: readonly Journey[]
): ConnectorUsage[] {
	const usages: ConnectorUsage[] = [];
	for (const audience of audiences) {
		if (audience.connectors.some((use) => use.connectorId === connectorId)) {
			usages.push({ kind: 'audience', id: audience.id, name: audience.name });
		}
	}
	for (const journey of journeys) {
		const versions: Array<'published' | 'draft'> = [];
		if (journey.published && connectorIdsOf(journey.published).has(connectorId)) versions.push('published');
		if (connectorIdsOf(journey.draft).has(connectorId)) versions.push('draft');
		if (versions.length > 0) usages.push({ kind: 'journey', id: journey.id, name: journey.name, versions });
	}
	return usages.sort(
		(a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
	);
}

/** An audience that sent to the connector until it was detached. */
export interface FormerUsage {
	audienceId: string;
	name: string;
	detachedAt: number;
}

/** Audiences that used the connector before, latest detachment first; they do not keep it from deletion. */
export function formerUsagesOfConnector(connectorId: string, audiences: readonly Audience[]): FormerUsage[] {
	return audiences
		.flatMap((audience) =>
			(audience.formerConnectors ?? [])
				.filter((use) => use.connectorId === connectorId && !audience.connectors.some((current) => current.connectorId === connectorId))
				.map((use) => ({ audienceId: audience.id, name: audience.name, detachedAt: use.detachedAt }))
		)
		.sort((a, b) => b.detachedAt - a.detachedAt);
}

/** Usages of every connector at once, for lists that show "used by" per row. */
export function usagesByConnector(
	audiences: readonly Audience[],
	journeys: readonly Journey[]
): Map<string, ConnectorUsage[]> {
	const ids = new Set<string>();
	for (const audience of audiences) for (const use of audience.connectors) ids.add(use.connectorId);
	for (const journey of journeys) {
		if (journey.published) for (const id of connectorIdsOf(journey.published)) ids.add(id);
		for (const id of connectorIdsOf(journey.draft)) ids.add(id);
	}
	return new Map([...ids].map((id) => [id, usagesOfConnector(id, audiences, journeys)]));
}

/** A connector may be deleted only when no audience or journey uses it. */
export type DeletionVerdict = { allowed: true } | { allowed: false; usages: ConnectorUsage[] };

export function deletionVerdict(
	connectorId: string,
	audiences: readonly Audience[],
	journeys: readonly Journey[]
): DeletionVerdict {
	const usages = usagesOfConnector(connectorId, audiences, journeys);
	return usages.length === 0 ? { allowed: true } : { allowed: false, usages };
}
