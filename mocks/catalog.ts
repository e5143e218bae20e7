import { uncodedRows, type ErrorRow } from './respond';

// One folder per partner, named by its id in the sandbox's catalog; each exports `errorRows`.
// Shared helpers (mocks/google/) have no rows of their own and are left out.
const modules = import.meta.glob<{ errorRows?: ErrorRow[] }>('./*/errors.ts', { eager: true });

/**
 * Every error each mock partner can be asked to answer with ("answer with this error"), keyed
 * by the partner's id in the sandbox's catalog, with the uncoded errors every partner can
 * produce. Plain data: the page lists it without loading the handlers.
 */
export const errorCatalog: Record<string, readonly ErrorRow[]> = Object.fromEntries(
	Object.entries(modules).flatMap(([path, module]) => (module.errorRows ? [[path.split('/')[1]!, [...module.errorRows, ...uncodedRows]]] : []))
);

export type { ErrorRow };
