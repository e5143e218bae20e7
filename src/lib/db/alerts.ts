import { AlertSchema, AlertSettingsSchema, defaultAlertSettings, type Alert, type AlertSettings, type HourWindow } from '$lib/domain/stats-alerts';
import type { SandboxDatabase } from './database';
import { RecordNotFoundError } from './errors';

/** Alert rules per connector and the alerts they raised; a connector without a rule has the default one. */
export class AlertRepository {
	constructor(
		private readonly db: SandboxDatabase,
		private readonly newId: () => string
	) {}

	async settings(connectorId: string): Promise<AlertSettings> {
		return (await this.db.alertSettings.get(connectorId)) ?? defaultAlertSettings(connectorId);
	}

	/** Every stored rule (connectors without one use the default). */
	async allSettings(): Promise<Map<string, AlertSettings>> {
		return new Map((await this.db.alertSettings.toArray()).map((s) => [s.connectorId, s]));
	}

	/** Stores a rule after validating it; an invalid rule throws (with zod's messages) and writes nothing. */
	saveSettings(settings: AlertSettings): Promise<AlertSettings> {
		return this.db.transaction('rw', this.db.connectors, this.db.alertSettings, async () => {
			const valid = AlertSettingsSchema.parse(settings);
			if (!(await this.db.connectors.get(valid.connectorId))) throw new RecordNotFoundError('connector', valid.connectorId);
			await this.db.alertSettings.put(valid);
			return valid;
		});
	}

	/** Alerts nobody has acknowledged yet, newest first. */
	async open(): Promise<Alert[]> {
		const all = await this.db.alerts.orderBy('raisedAt').reverse().toArray();
		return all.filter((a) => a.acknowledgedAt === null);
	}

	/**
	 * Raises an alert for the connector unless one is still open. The check and the write share a
	 * transaction, so two tabs watching the same statistics raise it once. Returns the new alert.
	 */
	raiseIfNone(connectorId: string, window: HourWindow, thresholdPercent: number, now: number): Promise<Alert | null> {
		return this.db.transaction('rw', this.db.alerts, async () => {
			const existing = await this.db.alerts.where('connectorId').equals(connectorId).toArray();
			if (existing.some((a) => a.acknowledgedAt === null)) return null;
			const alert = AlertSchema.parse({
				id: this.newId(),
				connectorId,
				raisedAt: now,
				errorRate: Math.min(1, window.errorRate),
				messages: window.messages,
				errors: window.errors,
				thresholdPercent,
				acknowledgedAt: null
			});
			await this.db.alerts.add(alert);
			return alert;
		});
	}

	/** Acknowledges an alert; its badge goes away, and the rule may raise a new one later. */
	async acknowledge(id: string, now: number): Promise<void> {
		const updated = await this.db.alerts.update(id, { acknowledgedAt: now });
		if (updated === 0) throw new RecordNotFoundError('alert', id);
	}
}
