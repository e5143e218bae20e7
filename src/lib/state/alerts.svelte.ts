import { messageOf } from '$lib/domain/message';
import type { WorkspaceStore } from '$lib/db';
import { breaches, defaultAlertSettings, lastHour, type Alert, type AlertSettings } from '$lib/domain/stats-alerts';
import type { HourlyStatistics } from '$lib/domain/statistics';
import { HOUR_MS, hourStart } from '$lib/domain/time';
import { LiveQuery } from './live-query.svelte';

/** A notification shown in this tab for an alert raised while it was open. */
export interface AlertNotification {
	alert: Alert;
	connectorName: string;
}

/**
 * Watches every connector's last sandbox hour against its alert rule, raises an alert when the
 * rule is broken, and keeps the open (unacknowledged) alerts for badges and notifications.
 * One per open app; every tab may raise, the repository raises each alert once.
 */
export class AlertMonitor {
	#open = $state.raw<Alert[]>([]);
	#settings = $state.raw<ReadonlyMap<string, AlertSettings>>(new Map()); // eslint-disable-line svelte/prefer-svelte-reactivity -- replaced whole
	#notifications = $state.raw<AlertNotification[]>([]);
	/** Why judging the last hour failed; reading failures are the live queries' own. */
	#error = $state<string | null>(null);
	#queries: Array<Pick<LiveQuery<unknown>, 'error' | 'destroy'>> = [];
	// Bookkeeping of alerts already notified, never shown: not reactive on purpose.
	#seen = new Set<string>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	#started = false;
	#judgedHour = -1;
	#loadedOnce = false;
	readonly #store: WorkspaceStore;
	readonly #clock: () => number;
	readonly #connectorName: (id: string) => string | undefined;

	/** `clock` is the sandbox clock; `connectorName` names a connector that still exists. */
	constructor(store: WorkspaceStore, clock: () => number, connectorName: (id: string) => string | undefined) {
		this.#store = store;
		this.#clock = clock;
		this.#connectorName = connectorName;
	}

	/** Starts watching (idempotent); the first open alerts seen are badges, not new notifications. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		const fail = (error: unknown) => {
			this.#error = messageOf(error);
		};
		const alerts = new LiveQuery<[Alert[], ReadonlyMap<string, AlertSettings>] | null>(null, () => Promise.all([this.#store.alerts.open(), this.#store.alerts.allSettings()]), {
			onValue: (found) => {
				if (!found) return;
				const [open, settings] = found;
				this.#notifyNew(open);
				this.#open = open;
				this.#settings = settings;
			}
		});
		const lastHours = new LiveQuery<{ rows: HourlyStatistics[]; now: number } | null>(
			null,
			() => {
				const now = this.#clock();
				return this.#store.statistics.hourlyOfAll(hourStart(now) - HOUR_MS, hourStart(now) + HOUR_MS).then((rows) => ({ rows, now }));
			},
			{ onValue: (found) => found && void this.#evaluate(found.rows, found.now).catch(fail) }
		);
		this.#queries = [alerts, lastHours];
	}

	/** Open alerts, newest first. */
	get open(): Alert[] {
		return this.#open.filter((a) => this.#connectorName(a.connectorId) !== undefined);
	}

	/** The open alert of a connector, if any: its badge. */
	openFor(connectorId: string): Alert | undefined {
		return this.#open.find((a) => a.connectorId === connectorId);
	}

	settingsFor(connectorId: string): AlertSettings {
		return this.#settings.get(connectorId) ?? defaultAlertSettings(connectorId);
	}

	/** Alerts raised while this tab was open and not yet dismissed here. */
	get notifications(): AlertNotification[] {
		return this.#notifications.filter((n) => this.#open.some((a) => a.id === n.alert.id));
	}

	get error(): string | null {
		return this.#queries.find((q) => q.error !== null)?.error ?? this.#error;
	}

	/** Acknowledges an alert in every tab. */
	async acknowledge(id: string): Promise<void> {
		await this.#store.alerts.acknowledge(id, this.#clock());
	}

	/** Hides a notification in this tab; the badge stays until the alert is acknowledged. */
	dismiss(id: string): void {
		this.#notifications = this.#notifications.filter((n) => n.alert.id !== id);
	}

	saveSettings(settings: AlertSettings): Promise<AlertSettings> {
		return this.#store.alerts.saveSettings(settings);
	}

	/**
	 * The sandbox clock moved (the simulator stepped or runs): judge the hour before it again.
	 * Statistics written before the clock's new reading arrived were judged on the old hour.
	 */
	clockMoved(now: number): void {
		if (!this.#started || hourStart(now) === this.#judgedHour) return;
		this.#judgedHour = hourStart(now);
		void this.#store.statistics
			.hourlyOfAll(hourStart(now) - HOUR_MS, hourStart(now) + HOUR_MS)
			.then((rows) => this.#evaluate(rows, now))
			.catch((error: unknown) => (this.#error = messageOf(error)));
	}

	stop(): void {
		for (const query of this.#queries) query.destroy();
		this.#queries = [];
		this.#started = false;
	}

	#notifyNew(open: Alert[]): void {
		const first = !this.#loadedOnce;
		this.#loadedOnce = true;
		const fresh = open.filter((a) => !this.#seen.has(a.id));
		for (const a of open) this.#seen.add(a.id);
		if (first) return;
		const named = fresh.flatMap((alert) => {
			const connectorName = this.#connectorName(alert.connectorId);
			return connectorName === undefined ? [] : [{ alert, connectorName }];
		});
		if (named.length > 0) this.#notifications = [...named, ...this.#notifications];
	}

	async #evaluate(rows: HourlyStatistics[], now: number): Promise<void> {
		const byConnector: Record<string, HourlyStatistics[]> = {};
		for (const row of rows) (byConnector[row.connectorId] ??= []).push(row);
		for (const [connectorId, hourly] of Object.entries(byConnector)) {
			if (this.#connectorName(connectorId) === undefined || this.#open.some((a) => a.connectorId === connectorId)) continue;
			const settings = this.settingsFor(connectorId);
			const window = lastHour(hourly, now);
			if (breaches(window, settings)) await this.#store.alerts.raiseIfNone(connectorId, window, settings.thresholdPercent, now);
		}
	}
}
