import { AudienceSchema, type Audience } from '$lib/domain/audience';
import { ConnectorSchema, type Connector } from '$lib/domain/connector';
import { JourneySchema, type Journey } from '$lib/domain/journey';
import { WorkspaceSchema, type Workspace } from '$lib/domain/workspace';
import type { SandboxDatabase } from './database';

/** What a new workspace starts with. */
export interface WorkspaceContents {
	workspace: Workspace;
	connectors: Connector[];
	audiences: Audience[];
	journeys: Journey[];
}

export class WorkspaceRepository {
	constructor(private readonly db: SandboxDatabase) {}

	get(): Promise<Workspace | undefined> {
		return this.db.workspace.get('workspace');
	}

	/** Records whether the workspace's history was generated. */
	async setHistory(history: Workspace['history']): Promise<void> {
		await this.db.workspace.update('workspace', { history });
	}

	/**
	 * Fills a workspace that has never been set up. The check and the writes share one
	 * transaction, so two tabs opening a new workspace at once set it up once; every record is
	 * validated first, so an invalid one leaves the workspace untouched.
	 * Returns whether it set the workspace up.
	 */
	setUpIfNew(build: () => WorkspaceContents): Promise<boolean> {
		const { workspace, connectors, audiences, journeys } = this.db;
		return this.db.transaction('rw', [workspace, connectors, audiences, journeys], async () => {
			if (await workspace.get('workspace')) return false;
			const contents = build();
			const valid = {
				workspace: WorkspaceSchema.parse(contents.workspace),
				connectors: contents.connectors.map((c) => ConnectorSchema.parse(c)),
				audiences: contents.audiences.map((a) => AudienceSchema.parse(a)),
				journeys: contents.journeys.map((j) => JourneySchema.parse(j))
			};
			await workspace.add(valid.workspace);
			await connectors.bulkAdd(valid.connectors);
			await audiences.bulkAdd(valid.audiences);
			await journeys.bulkAdd(valid.journeys);
			return true;
		});
	}
}
