import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ConnectorTraffic from '$lib/components/simulator/ConnectorTraffic.svelte';
import { createTestWorkspace, HEALTHY_PARTNER, HOUR_MS, type TestWorkspace } from '$lib/testing';

/**
 * The test kit's engine: the real simulator, dispatcher and partner mocks over a
 * MessageChannel, stepped on a virtual clock, feeding a component as the simulator page does.
 */
let workspace: TestWorkspace | undefined;
afterEach(() => workspace?.dispose());

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}\\b`) });

describe('the engine over a MessageChannel, in a component test', () => {
	it('delivers on the virtual clock, and an expired Meta token shows as errors on Meta only', async () => {
		workspace = await createTestWorkspace(7);
		const engine = await workspace.engine();
		await engine.setFaults('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });

		await engine.step(6 * HOUR_MS);

		const progress = engine.progress();
		expect(progress.clock).toBe(workspace.clock.now() + 6 * HOUR_MS);
		const meta = progress.connectors.find((c) => c.connectorId === 'demo-meta');
		expect(meta?.accepted).toBeGreaterThan(0);
		expect(meta?.sent).toBe(0);
		expect(meta?.errors).toBeGreaterThan(0);

		const directory = workspace.directory();
		await expect.poll(() => directory.loaded).toBe(true);
		render(ConnectorTraffic, {
			props: { rows: directory.rows, progress: progress.connectors, errorsByPartner: {}, hrefFor: (id: string) => `/connectors/${id}`, onfaults: async () => {} }
		});
		expect(within(rowOf('Meta Retargeting EU')).getByRole('combobox')).toHaveDisplayValue(/expired/i);
		const healthy = progress.connectors.filter((c) => c.connectorId !== 'demo-meta' && c.sent > 0);
		expect(healthy.length).toBeGreaterThan(0);
		// The fault change was stored and audited, as the fault panel's would be.
		expect((await workspace.store.audit.forConnector('demo-meta'))[0]).toMatchObject({ subject: 'faults', after: { credentials: 'expired' } });
	});

	it('is deterministic: the same seed gives the same deliveries', async () => {
		const totals: unknown[] = [];
		for (let run = 0; run < 2; run++) {
			workspace = await createTestWorkspace(11);
			const engine = await workspace.engine();
			await engine.step(3 * HOUR_MS);
			totals.push(engine.progress().totals);
			workspace.dispose();
			workspace = undefined;
		}
		expect(totals[0]).toEqual(totals[1]);
		expect(totals[0]).toMatchObject({ accepted: expect.any(Number) });
	});

	it('gives each workspace mock partners of its own: a fault set in one leaves the other healthy', async () => {
		workspace = await createTestWorkspace(7);
		const other = await createTestWorkspace(7);
		try {
			const [broken, healthy] = await Promise.all([workspace.engine(), other.engine()]);
			await broken.setFaults('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });
			await broken.step(6 * HOUR_MS);
			await healthy.step(6 * HOUR_MS);
			const meta = (engine: typeof broken) => engine.progress().connectors.find((c) => c.connectorId === 'demo-meta');
			expect(meta(broken)).toMatchObject({ sent: 0, errors: expect.any(Number) });
			expect(meta(broken)!.errors).toBeGreaterThan(0);
			expect(meta(healthy)!.sent).toBeGreaterThan(0);
			expect(other.mocks.faults.get('demo-meta').credentials).toBe('valid');
		} finally {
			other.dispose();
		}
	});
});
