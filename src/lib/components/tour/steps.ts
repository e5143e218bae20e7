import type { Pathname } from '$app/types';

/**
 * The guided tour for new users: the connectors page, New Connector, a configuration, its
 * statistics, deactivation and deletion, and the simulator. Steps name the page they show by
 * what the workspace holds (a blank workspace has no demo connectors), and the element they
 * point at by a selector, optionally narrowed by its text.
 */
export interface TourStep {
	id: string;
	title: string;
	body: string;
	/** The page the step shows, from the workspace's connectors; null skips the step. */
	path(workspace: TourWorkspace): Pathname | null;
	/** What the step points at; the first element matching one of these (in order) is used. */
	targets: readonly TourTarget[];
}

export interface TourTarget {
	selector: string;
	/** Only an element whose text contains this. */
	text?: string;
}

export interface TourWorkspace {
	connectors: ReadonlyArray<{ id: string; status: 'active' | 'deactivated'; used: boolean }>;
}

/** A connector to show: an active one in use (its statistics have something to show) first. */
function showcase(workspace: TourWorkspace): Pathname | null {
	const pick = workspace.connectors.find((c) => c.status === 'active' && c.used) ?? workspace.connectors[0];
	return pick ? `/connectors/${pick.id}` : null;
}

export const TOUR_STEPS: readonly TourStep[] = [
	{
		id: 'list',
		title: 'Server to Server Connectors',
		body: 'Every connector of this workspace: its partner, its status, and the audiences and journeys that use it. A connector sends profiles from the platform straight to a partner (Meta, Google, Xandr and others): added when they enter an audience, removed when they leave.',
		path: () => '/connectors',
		targets: [{ selector: 'main table' }, { selector: 'main h1' }]
	},
	{
		id: 'new',
		title: 'New Connector',
		body: 'The catalog of partners. Server-to-server partners are configured here with their credentials; tag-based ones run in the visitor’s browser and are managed in tag management instead. Each partner first lists what you need from the partner before you start.',
		path: () => '/connectors/new',
		targets: [{ selector: 'main h1', text: 'New Connector' }]
	},
	{
		id: 'configuration',
		title: 'A configuration',
		body: 'What a connector sends with: account IDs and credentials (secrets stay masked), checked against the partner’s own rules when you save. Test connection asks the partner whether the credentials work, before any profile is sent.',
		path: showcase,
		targets: [{ selector: '#config-title' }, { selector: 'main h1' }]
	},
	{
		id: 'statistics',
		title: 'Statistics',
		body: 'Profiles per day over 7, 30 or 90 days: green were sent, blue removed, and each kind of error in its own colour, with the partner’s own error codes where the partner gives them. Click a bar to see the requests behind it.',
		path: showcase,
		targets: [{ selector: '#statistics-title' }, { selector: '[data-tour="statistics"]' }, { selector: 'main h2', text: 'Statistics' }, { selector: 'main h1' }]
	},
	{
		id: 'deactivation',
		title: 'Deactivation',
		body: 'Deactivating stops audiences sending to a connector at once, and keeps it attached, so reactivating resumes. A live journey with unpublished changes keeps sending to it until those changes are published.',
		path: (workspace) => {
			const deactivated = workspace.connectors.find((c) => c.status === 'deactivated');
			return deactivated ? `/connectors/${deactivated.id}` : showcase(workspace);
		},
		targets: [{ selector: '.deactivated-note' }, { selector: 'main .actions button', text: 'activate' }]
	},
	{
		id: 'deletion',
		title: 'Deletion',
		body: 'A connector can be deleted only when no audience or journey uses it. Delete lists what still uses it, with links, so you can detach it first, or deactivate it instead.',
		path: showcase,
		targets: [{ selector: 'main .actions button', text: 'Delete' }, { selector: 'main h1' }]
	},
	{
		id: 'simulator',
		title: 'Simulator',
		body: 'Synthetic profiles visit, buy, open the app and click e-mails; audiences and journeys turn that into messages for the connectors. Start traffic here, speed up the sandbox clock, and make a partner misbehave to see what the statistics show.',
		path: () => '/simulator',
		targets: [{ selector: 'main h1', text: 'Simulator' }]
	}
];

/** The steps that apply to a workspace, in order. */
export function tourSteps(workspace: TourWorkspace): Array<TourStep & { href: Pathname }> {
	return TOUR_STEPS.flatMap((step) => {
		const href = step.path(workspace);
		return href === null ? [] : [{ ...step, href }];
	});
}
