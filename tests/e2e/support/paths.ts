import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository's root, whatever directory the run was started from. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BUILD = join(ROOT, 'build');
export const SANDBOX_BUILD = join(ROOT, 'build-sandbox');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
