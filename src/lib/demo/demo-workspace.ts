import type { Audience } from '$lib/domain/audience';
import { connectorNameKey, type Connector } from '$lib/domain/connector';
import type { Journey, JourneyVersion } from '$lib/domain/journey';
import type { WorkspaceContents } from '$lib/db';

const DAY = 86_400_000;

/** The seed the demo's simulator starts from, so every demo tells the same story. */
export const DEMO_SEED = 20261128;

/**
 * The embedded demo workspace: connectors across partners (two DV360 configurations among
 * them), audiences and journeys that use some of them, and a few left unused so deleting one
 * can be shown. Pure: the clock reading comes in, the same input gives the same workspace.
 */
export function demoWorkspace({ now, timeZone, history = 'pending' }: { now: number; timeZone: string; history?: 'pending' | 'skipped' }): WorkspaceContents {
	const at = (daysAgo: number) => now - daysAgo * DAY;
	const connector = (
		id: string,
		partnerId: string,
		name: string,
		config: Record<string, unknown>,
		daysAgo: number,
		status: Connector['status'] = 'active'
	): Connector => ({
		id,
		partnerId,
		name,
		nameKey: connectorNameKey(name),
		status,
		target: 'mock',
		config,
		createdAt: at(daysAgo + 30),
		updatedAt: at(daysAgo)
	});

	// Demo credentials are fake but well-formed, so the partner mocks accept them.
	const connectors: Connector[] = [
		connector('demo-meta', 'meta', 'Meta Retargeting EU', {
			adAccountId: 'act_1029384756',
			accessToken: 'EAAGdemoSystemUserToken0000000000000000000001',
			apiVersion: 'v23.0'
		}, 2),
		connector('demo-dv360-brand-a', 'dv360', 'DV360 Brand A (EU)', {
			advertiserId: '4304512',
			accessToken: 'ya29.demo-brand-a-0000000000000000000000000000',
			apiVersion: 'v4'
		}, 5),
		connector('demo-dv360-brand-b', 'dv360', 'DV360 Brand B (US)', {
			advertiserId: '5519873',
			accessToken: 'ya29.demo-brand-b-0000000000000000000000000000',
			apiVersion: 'v4'
		}, 4),
		connector('demo-cm360', 'cm360', 'CM360 Floodlight conversions', {
			userProfileId: '7654321',
			accessToken: 'ya29.demo-cm360-000000000000000000000000000000'
		}, 9),
		connector('demo-xandr', 'xandr', 'Xandr Display Retargeting', {
			memberId: '10245',
			username: 'sandbox-api-user',
			password: 'demo-password-123'
		}, 12),
		connector('demo-azure', 'azure', 'Azure Audience Drop', {
			accountName: 'sandboxaudiences',
			containerName: 'activation',
			sasToken: 'sv=2024-11-04&ss=b&srt=co&sp=cw&se=2027-12-31T00:00:00Z&sig=demoSignature0000000000000000000%3D',
			fileFormat: 'ndjson'
		}, 20),
		connector('demo-clang', 'clang', 'Clang Newsletter Batch', {
			accountName: 'sandbox-demo',
			uuid: '3f2b8c9e-1d4a-4b6e-9f0a-7c5d2e8b1a64'
		}, 7, 'deactivated'),
		connector('demo-mailchimp', 'mailchimp', 'Mailchimp Newsletter', {
			apiKey: '0123456789abcdef0123456789abcdef-us21'
		}, 15),
		connector('demo-custom-http', 'custom-http', 'CRM Webhook', {
			url: 'https://crm.example.com/hooks/activation',
			method: 'POST',
			headers: [{ name: 'X-Source', value: 'activation-sandbox' }],
			auth: 'bearer',
			apiKeyHeaderName: '',
			apiKey: '',
			basicUsername: '',
			basicPassword: '',
			bearerToken: 'demo-crm-bearer-token-000000000000',
			payloadTemplate:
				'{\n  "operation": "{{operation}}",\n  "profiles": {{profiles}}\n}',
			batchSize: 100,
			signingSecret: ''
		}, 1)
	];

	const highValue = {
		combinator: 'and' as const,
		items: [
			{ operator: 'greaterThan' as const, attribute: 'lifetimeValue' as const, value: 500 },
			{ operator: 'equals' as const, attribute: 'marketingConsent' as const, value: true }
		]
	};

	const audiences: Audience[] = [
		{
			id: 'demo-audience-cart',
			name: 'Cart abandoners (7 days)',
			description: 'Visited in the last 7 days without buying.',
			rules: {
				combinator: 'and',
				items: [
					{ operator: 'withinLastDays', attribute: 'lastVisit', days: 7 },
					{ operator: 'hasIdentifier', identifier: 'hashedEmail' }
				]
			},
			exitConditions: { combinator: 'or', items: [{ operator: 'withinLastDays', attribute: 'lastPurchase', days: 1 }] },
			connectors: [
				{ connectorId: 'demo-meta', settings: { audienceId: '23851234567890123' } },
				{ connectorId: 'demo-xandr', settings: { segmentId: '31337', expirationMinutes: '' } }
			],
			createdAt: at(40),
			updatedAt: at(3)
		},
		{
			id: 'demo-audience-high-value',
			name: 'High-value customers',
			description: 'Lifetime value above 500 with marketing consent.',
			rules: highValue,
			exitConditions: null,
			connectors: [
				{ connectorId: 'demo-dv360-brand-a', settings: { firstPartyAndPartnerAudienceId: '8123456789' } },
				{ connectorId: 'demo-custom-http', settings: { listName: 'high-value' } }
			],
			createdAt: at(35),
			updatedAt: at(6)
		},
		{
			id: 'demo-audience-nl-mobile',
			name: 'Dutch mobile app users',
			description: 'Opened the app in the last 30 days, in the Netherlands.',
			rules: {
				combinator: 'and',
				items: [
					{ operator: 'equals', attribute: 'country', value: 'NL' },
					{ operator: 'withinLastDays', attribute: 'lastAppOpen', days: 30 }
				]
			},
			exitConditions: null,
			connectors: [{ connectorId: 'demo-azure', settings: { pathPrefix: 'audiences/nl-mobile' } }],
			createdAt: at(20),
			updatedAt: at(20)
		},
		{
			// Mailchimp sent this newsletter list until twelve days ago: the connector keeps its
			// statistics up to then, is used by nothing now, and so can be deleted in a demo.
			id: 'demo-audience-newsletter',
			name: 'Newsletter subscribers',
			description: 'Gave marketing consent and have an e-mail address. Sent to Mailchimp until the newsletter moved to Clang.',
			rules: {
				combinator: 'and',
				items: [
					{ operator: 'equals', attribute: 'marketingConsent', value: true },
					{ operator: 'hasIdentifier', identifier: 'email' }
				]
			},
			exitConditions: null,
			connectors: [],
			formerConnectors: [{ connectorId: 'demo-mailchimp', settings: { listId: 'a1b2c3d4e5' }, detachedAt: at(12) }],
			createdAt: at(120),
			updatedAt: at(12)
		}
	];

	const welcomePublished: JourneyVersion = {
		trigger: { kind: 'audienceEntered', audienceId: 'demo-audience-high-value' },
		steps: [
			{ kind: 'destination', id: 'welcome-clang', connectorId: 'demo-clang', operation: 'add', settings: { groupId: '4021' } },
			{ kind: 'wait', id: 'welcome-wait', hours: 48 },
			{
				kind: 'destination',
				id: 'welcome-dv360',
				connectorId: 'demo-dv360-brand-b',
				operation: 'add',
				settings: { firstPartyAndPartnerAudienceId: '8123450001' }
			}
		],
		exitConditions: null
	};
	// The draft waits a day less: an unpublished change, so the live journey keeps sending to the
	// deactivated Clang connector until it is published.
	const welcomeDraft: JourneyVersion = {
		...welcomePublished,
		steps: welcomePublished.steps.map((step) => (step.kind === 'wait' ? { ...step, hours: 24 } : step))
	};

	// Every purchase is reported to CM360 as a Floodlight conversion.
	const purchaseConversions: JourneyVersion = {
		trigger: { kind: 'event', eventType: 'purchase' },
		steps: [
			{
				kind: 'destination',
				id: 'purchase-cm360',
				connectorId: 'demo-cm360',
				operation: 'add',
				settings: { floodlightConfigurationId: '1234567', floodlightActivityId: '7654321' }
			}
		],
		exitConditions: null
	};

	const journeys: Journey[] = [
		{
			id: 'demo-journey-welcome',
			name: 'Welcome high-value customers',
			status: 'live',
			published: welcomePublished,
			draft: welcomeDraft,
			publishedAt: at(10),
			createdAt: at(30),
			updatedAt: at(1)
		},
		{
			id: 'demo-journey-post-purchase',
			name: 'Post-purchase conversions',
			status: 'live',
			published: purchaseConversions,
			draft: purchaseConversions,
			publishedAt: at(8),
			createdAt: at(9),
			updatedAt: at(8)
		}
	];

	return {
		workspace: { id: 'workspace', name: 'Demo workspace', timeZone, seed: DEMO_SEED, demo: true, history, scenario: null, createdAt: now },
		connectors,
		audiences,
		journeys
	};
}
