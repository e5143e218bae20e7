import { createSimulator } from './simulator';

/**
 * The simulator under the name the engine's worker imports (engine.worker.ts): the engine's
 * `Simulation` port is what `createSimulator` returns.
 */
export const createSimulation = createSimulator;
