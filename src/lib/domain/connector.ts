import { z } from 'zod';
import { checkedText } from './validation';

export const ConnectorStatusSchema = z.enum(['active', 'deactivated']);
export type ConnectorStatus = z.infer<typeof ConnectorStatusSchema>;

/** Where a connector's requests go: the partner's mock inside the sandbox, or a live endpoint. */
export const ConnectorTargetSchema = z.enum(['mock', 'live']);
export type ConnectorTarget = z.infer<typeof ConnectorTargetSchema>;

export const CONNECTOR_NAME_MAX = 80;

export const ConnectorNameSchema = checkedText(
	z
		.string({ error: 'Give the connector a name.' })
		.trim()
		.min(1, 'Give the connector a name.')
		.max(CONNECTOR_NAME_MAX, `Keep the name to ${CONNECTOR_NAME_MAX} characters or fewer.`),
	'Name',
	'name'
);

/**
 * The key that makes connector names unique ignoring case: "Meta EU" and "meta eu" collide.
 * Stored beside the name so the database can index it.
 */
export function connectorNameKey(name: string): string {
	return name.trim().normalize('NFC').toLocaleLowerCase('en-US');
}

export const ConnectorSchema = z.object({
	id: z.string().min(1),
	partnerId: z.string().min(1),
	name: ConnectorNameSchema,
	nameKey: z.string().min(1),
	status: ConnectorStatusSchema,
	target: ConnectorTargetSchema,
	/** Credentials and account settings, validated against the partner's own config schema. */
	config: z.record(z.string(), z.unknown()),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative()
});
export type Connector = z.infer<typeof ConnectorSchema>;

/** What the user fills in to create or edit a connector. */
export interface ConnectorDraft {
	partnerId: string;
	name: string;
	target: ConnectorTarget;
	config: Record<string, unknown>;
}

/** How a connector is referred to in messages and links. */
export interface ConnectorRef {
	id: string;
	name: string;
}

/** The platform gives up on a partner's answer after this long, unless a connector says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 3000;
