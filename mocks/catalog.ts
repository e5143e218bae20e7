import { errorRows as azure } from './azure/errors';
import { errorRows as clang } from './clang/errors';
import { errorRows as cm360 } from './cm360/errors';
import { errorRows as customHttp } from './custom-http/errors';
import { errorRows as dv360 } from './dv360/errors';
import { errorRows as mailchimp } from './mailchimp/errors';
import { errorRows as meta } from './meta/errors';
import { uncodedRows, type ErrorRow } from './respond';
import { errorRows as xandr } from './xandr/errors';

// Each partner's rows by its id in the sandbox's catalog (its folder); listed by hand so that the
// mocks load outside Vite. Shared helpers (mocks/google/) have no rows of their own.
const rowsByPartner: Record<string, readonly ErrorRow[]> = { azure, clang, cm360, 'custom-http': customHttp, dv360, mailchimp, meta, xandr };

/**
 * Every error each mock partner can be asked to answer with ("answer with this error"), keyed
 * by the partner's id in the sandbox's catalog, with the uncoded errors every partner can
 * produce. Plain data: the page lists it without loading the handlers.
 */
export const errorCatalog: Record<string, readonly ErrorRow[]> = Object.fromEntries(Object.entries(rowsByPartner).map(([id, rows]) => [id, [...rows, ...uncodedRows]]));

export type { ErrorRow };
