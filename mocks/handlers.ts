import type { RequestHandler } from 'msw';

// One folder per partner, named by its id in the sandbox's catalog; each exports `handlers`.
const modules = import.meta.glob<{ handlers?: RequestHandler[] }>('./*/handlers.ts', { eager: true });

/** Every mock partner's MSW handlers: the same list serves node tests and the browser worker. */
export const handlers: RequestHandler[] = Object.values(modules).flatMap((module) => module.handlers ?? []);

/** The partner ids that have a mock, from their folder names. */
export const mockedPartnerIds: string[] = Object.entries(modules)
	.filter(([, module]) => module.handlers)
	.map(([path]) => path.split('/')[1]!);

export { faultBoard, NO_FAULTS, type FaultSettings, type LatencyDistribution } from './faults';
