// The README's example of the test kit, kept running so it stays true.
import { render, screen } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';
import ConnectorTraffic from '$lib/components/simulator/ConnectorTraffic.svelte';
import { createTestWorkspace, HEALTHY_PARTNER, HOUR_MS, type TestWorkspace } from '$lib/testing';

let workspace: TestWorkspace;
afterEach(() => workspace.dispose());

it('shows Meta failing while its token is expired', async () => {
	workspace = await createTestWorkspace(7); // the demo workspace, seed 7
	const engine = await workspace.engine();
	await engine.setFaults('demo-meta', { ...HEALTHY_PARTNER, credentials: 'expired' });
	await engine.step(6 * HOUR_MS); // six sandbox hours, no waiting

	const meta = engine.progress().connectors.find((c) => c.connectorId === 'demo-meta');
	expect(meta?.sent).toBe(0);
	const directory = workspace.directory();
	await expect.poll(() => directory.loaded).toBe(true);
	render(ConnectorTraffic, {
		props: { rows: directory.rows, progress: engine.progress().connectors, errorsByPartner: {}, hrefFor: (id: string) => `/connectors/${id}`, onfaults: async () => {} }
	});
	expect(screen.getByRole('link', { name: 'Meta Retargeting EU' })).toBeInTheDocument();
});
