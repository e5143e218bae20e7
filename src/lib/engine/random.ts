import { createRandom } from '$lib/sim/random';

/** A seeded random source: the engine's jitter replays the same way from a seed. */
export function seededRandom(seed: number): () => number {
	const random = createRandom(seed);
	return () => random.nextDouble();
}
