import { describe, expect, it } from 'vitest';
import { TourGuide } from '$lib/state/tour.svelte';
import { tourSteps } from '$lib/components/tour/steps';

function memoryStorage() {
	const values = new Map<string, string>();
	return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('the guided tour', () => {
	it('points at a connector in use, the deactivated one for deactivation, and skips connector steps in an empty workspace', () => {
		const steps = tourSteps({
			connectors: [
				{ id: 'unused', status: 'active', used: false },
				{ id: 'meta', status: 'active', used: true },
				{ id: 'clang', status: 'deactivated', used: true }
			]
		});
		expect(steps.map((s) => [s.id, s.href])).toEqual([
			['list', '/connectors'],
			['new', '/connectors/new'],
			['configuration', '/connectors/meta'],
			['statistics', '/connectors/meta'],
			['deactivation', '/connectors/clang'],
			['deletion', '/connectors/meta'],
			['simulator', '/simulator']
		]);
		expect(tourSteps({ connectors: [] }).map((s) => s.id)).toEqual(['list', 'new', 'simulator']);
	});

	it('resumes where it was dismissed, after a reload too, and never reopens by itself', () => {
		const storage = memoryStorage();
		const guide = new TourGuide(storage);
		expect(guide.status).toBe('not started');
		guide.start();
		guide.next(7);
		guide.next(7);
		guide.back();
		expect(guide).toMatchObject({ status: 'running', step: 1 });
		guide.dismiss();
		expect(new TourGuide(storage)).toMatchObject({ status: 'paused', step: 1 });
		guide.resume();
		guide.next(7);
		// A reload while the tour is open: it comes back paused at the same step.
		const reloaded = new TourGuide(storage);
		expect(reloaded).toMatchObject({ status: 'paused', step: 2 });
		reloaded.resume();
		for (let i = 0; i < 5; i++) reloaded.next(7);
		expect(reloaded).toMatchObject({ status: 'finished', step: 0 });
	});

	it('ignores a damaged saved place, and works without storage', () => {
		const storage = memoryStorage();
		storage.setItem('activation-sandbox:tour', '{"status":"running","step":-4}');
		expect(new TourGuide(storage).status).toBe('not started');
		storage.setItem('activation-sandbox:tour', 'not json');
		expect(new TourGuide(storage).status).toBe('not started');
		const guide = new TourGuide(null);
		guide.start();
		guide.next(3);
		expect(guide).toMatchObject({ status: 'running', step: 1 });
		guide.clamp(1);
		expect(guide.step).toBe(0);
	});
});
