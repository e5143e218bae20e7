import type { Pathname } from '$app/types';
import { HEALTHY_PARTNER, type FaultSettings } from '$lib/domain/faults';
import type { WorkspaceContents } from '$lib/db';
import { demoWorkspace } from './demo-workspace';

/**
 * Demo and training scenarios: each is the demo workspace with one story set up (a partner's
 * fault, or the deactivation and deletion rules), and a card saying what to look at and what
 * to do. Pure: the clock reading comes in, the same input gives the same workspace.
 */
export interface Scenario {
	id: ScenarioId;
	title: string;
	/** One line for the list of scenarios. */
	summary: string;
	card: ScenarioCard;
	/** The mock partners' behaviour per connector, set when the scenario starts. */
	faults: Array<{ connectorId: string; faults: FaultSettings }>;
}

export interface ScenarioCard {
	/** What has happened, as a customer would tell it. */
	story: string;
	/** Where to look, each with the page that shows it. */
	/** The page is a path inside the app; links resolve it against the site's base path. */
	lookAt: Array<{ text: string; href: Pathname }>;
	/** What to do, in order. */
	steps: string[];
}

export const SCENARIO_IDS = [
	'meta-token-expired',
	'dv360-quota-exhausted',
	'not-allowlisted',
	'xandr-rejected-users',
	'partner-outage',
	'journey-keeps-sending',
	'delete-in-use'
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

const faulty = (connectorId: string, change: Partial<FaultSettings>) => ({ connectorId, faults: { ...HEALTHY_PARTNER, ...change } });
const connectorPage = (id: string): Pathname => `/connectors/${id}`;

export const SCENARIOS: readonly Scenario[] = [
	{
		id: 'meta-token-expired',
		title: 'Meta token expired yesterday',
		summary: 'Every request to Meta fails with Invalid credentials (Graph API error 190) from the last day of history on.',
		card: {
			story:
				"The system user's access token of the Meta connector expired yesterday. Profiles still enter the cart abandoners audience, but Meta refuses every request with OAuthException 190.",
			lookAt: [
				{ text: 'The statistics of Meta Retargeting EU: the last day is all Invalid credentials.', href: connectorPage('demo-meta') },
				{ text: 'The delivery log behind that bar: the request, and Meta’s error body.', href: connectorPage('demo-meta') }
			],
			steps: [
				'Open Meta Retargeting EU and run Test connection: it fails with error 190.',
				'Start the simulator: new Invalid credentials errors appear while the page stays responsive.',
				'Under Mock partner behaviour, set the credentials back to valid (as if a new token was pasted in Edit).',
				'Watch the green bars come back; messages that failed are not resent, as on the real platform.'
			]
		},
		faults: [faulty('demo-meta', { credentials: 'expired' })]
	},
	{
		id: 'dv360-quota-exhausted',
		title: 'DV360 quota exhausted',
		summary: 'DV360 answers 429 RESOURCE_EXHAUSTED; the engine waits and retries within the quota.',
		card: {
			story:
				'Another tool of the advertiser uses the same Google Cloud project, and the Display & Video 360 API quota is used up. Google answers 429 RESOURCE_EXHAUSTED.',
			lookAt: [
				{ text: 'DV360 Brand A (EU): the partner error RESOURCE_EXHAUSTED in the chart and its help.', href: connectorPage('demo-dv360-brand-a') },
				{ text: 'The Simulator: retries and messages waiting to retry.', href: '/simulator' }
			],
			steps: [
				'Start the simulator and open the connector: errors carry the partner code RESOURCE_EXHAUSTED.',
				'Open the help of that code: wait for the quota, or ask Google for more.',
				'Switch throttling off under Mock partner behaviour: waiting retries now succeed.'
			]
		},
		faults: [faulty('demo-dv360-brand-a', { throttled: true })]
	},
	{
		id: 'not-allowlisted',
		title: 'Platform not allowlisted at a partner',
		summary: "Azure's storage firewall refuses the platform's address: 403 AuthorizationFailure.",
		card: {
			story:
				"The customer turned on the storage account's firewall and did not add the platform's outgoing IP addresses. Azure answers every upload with 403 AuthorizationFailure.",
			lookAt: [
				{ text: 'Azure Audience Drop: the partner error AuthorizationFailure, and its help.', href: connectorPage('demo-azure') },
				{ text: 'Test connection on the same page: the same 403 before any profile is sent.', href: connectorPage('demo-azure') }
			],
			steps: [
				'Run Test connection on Azure Audience Drop: it fails with AuthorizationFailure.',
				'Read the help of that error: the fix is on the customer’s side (the storage firewall), not in the connector.',
				'Switch "not allowlisted" off under Mock partner behaviour, as if the customer added the addresses, and test again.'
			]
		},
		faults: [faulty('demo-azure', { notAllowlisted: true })]
	},
	{
		id: 'xandr-rejected-users',
		title: 'Xandr upload with rejected users',
		summary: "A quarter of the users in each segment file are unknown to Xandr (num_invalid_user).",
		card: {
			story:
				"The cookie sync with Xandr is stale: Xandr accepts each segment file but does not know a quarter of its user IDs, and names them in the job's error log.",
			lookAt: [
				{ text: 'Xandr Display Retargeting: sent profiles and the partner error invalid_user side by side.', href: connectorPage('demo-xandr') },
				{ text: 'A request in the delivery log: the upload job, its polling, and the error log lines.', href: connectorPage('demo-xandr') }
			],
			steps: [
				'Start the simulator; the cart abandoners audience sends profiles to Xandr.',
				'Open the connector: part of every day is invalid_user, the rest is sent.',
				'Set the rejection rate back to 0 under Mock partner behaviour.'
			]
		},
		faults: [faulty('demo-xandr', { rejectionRate: 0.25 })]
	},
	{
		id: 'partner-outage',
		title: 'Partner outage and recovery',
		summary: 'DV360 answers 503 UNAVAILABLE; the engine backs off, and catches up when Google is back.',
		card: {
			story: 'Google has an incident: Display & Video 360 answers 503 UNAVAILABLE to every request.',
			lookAt: [
				{ text: 'DV360 Brand A (EU): errors, retries, and what is waiting to retry.', href: connectorPage('demo-dv360-brand-a') },
				{ text: 'The Simulator: in flight and waiting-to-retry counters.', href: '/simulator' }
			],
			steps: [
				'Start the simulator: requests fail and wait to retry with exponential backoff.',
				'After a few sandbox hours, set the outage to none under Mock partner behaviour: the partner recovers.',
				'Messages still within their retry window are sent; older ones ended as errors, as the statistics show.'
			]
		},
		faults: [faulty('demo-dv360-brand-a', { outage: 'partnerError' })]
	},
	{
		id: 'journey-keeps-sending',
		title: 'A journey keeps sending after deactivation (unpublished changes)',
		summary: 'The deactivated Clang connector still receives profiles from a live journey with unpublished changes.',
		card: {
			story:
				'Clang Newsletter Batch was deactivated, yet the live journey "Welcome high-value customers" still sends to it: the journey has unpublished changes, and until they are published it runs its live version.',
			lookAt: [
				{ text: 'Clang Newsletter Batch: the "deactivated" label, and the warning naming the journey.', href: connectorPage('demo-clang') },
				{ text: 'The journey: its unpublished changes.', href: '/journeys/demo-journey-welcome' }
			],
			steps: [
				'Start the simulator: Clang still receives profiles from the journey, though no audience sends to it.',
				'Open the journey and publish its changes.',
				'Sending to Clang stops; queued messages for it end as cancelled, never as sent.'
			]
		},
		faults: []
	},
	{
		id: 'delete-in-use',
		title: 'Deleting a connector that is in use',
		summary: 'A connector attached to an audience cannot be deleted; an unused one can.',
		card: {
			story: 'The customer wants to clean up connectors, and asks why Meta Retargeting EU cannot be deleted.',
			lookAt: [
				{ text: 'Meta Retargeting EU: where it is used.', href: connectorPage('demo-meta') },
				{ text: 'The connectors list: which connectors nothing uses.', href: '/connectors' }
			],
			steps: [
				'Try to delete Meta Retargeting EU: the dialog lists the audience that uses it, with a link.',
				'Detach it from the audience (or deactivate it instead, which keeps its settings).',
				'Delete Mailchimp Newsletter, which nothing uses: it goes at once.'
			]
		},
		faults: []
	}
];

/** The scenario with this id, or undefined. */
export function scenarioById(id: string): Scenario | undefined {
	return SCENARIOS.find((s) => s.id === id);
}

/** The workspace a scenario starts from: the demo, named after the scenario. */
export function scenarioWorkspace(scenario: Scenario, input: { now: number; timeZone: string; history?: 'pending' | 'skipped' }): WorkspaceContents {
	const demo = demoWorkspace(input);
	return { ...demo, workspace: { ...demo.workspace, name: scenario.title.slice(0, 80), demo: true } };
}
