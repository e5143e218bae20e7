/**
 * The errors each mock partner can be asked to answer with ("answer with this error"), for the
 * fault panels. Pages take them from here, not from mocks/ (routes do not reach into the mocks):
 * plain data, so the page loads none of the handlers, which the engine's worker runs.
 */
export { errorCatalog, type ErrorRow } from '../../../mocks/catalog';
