import { describe, expect, it } from 'vitest';
import { StorageFullError, WorkspaceClosedError } from '$lib/db';
import { StorageAlerts } from '$lib/state/storage.svelte';

describe('storage alerts', () => {
	it('shows storage failures that no form handled, and leaves other errors alone', () => {
		const alerts = new StorageAlerts();
		let listener: ((event: PromiseRejectionEvent) => void) | undefined;
		const stop = alerts.listen({ addEventListener: (_t, l) => (listener = l), removeEventListener: () => (listener = undefined) });
		const reject = (reason: unknown) => {
			let prevented = false;
			listener!({ reason, preventDefault: () => void (prevented = true) } as unknown as PromiseRejectionEvent);
			return prevented;
		};
		expect(reject(new Error('something else'))).toBe(false);
		expect(alerts.notices).toEqual([]);
		expect(reject(new StorageFullError('the connector was not saved'))).toBe(true);
		expect(reject(new WorkspaceClosedError())).toBe(true);
		expect(alerts.notices.map((n) => n.kind)).toEqual(['changedElsewhere', 'full']);
		alerts.dismiss(alerts.notices[1]!);
		alerts.dismiss(alerts.notices[0]!); // stays until a reload
		expect(alerts.notices.map((n) => n.kind)).toEqual(['changedElsewhere']);
		alerts.interrupted(['Imported demo']);
		expect(alerts.notices[1]?.message).toMatch(/"Imported demo" was interrupted .* its partial copy was removed/);
		stop();
		expect(listener).toBeUndefined();
	});
});
