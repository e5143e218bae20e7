import { resolve } from '$app/paths';

/** The site's base path ('' at the root, '/sandbox' under a sub-path), from SvelteKit's resolve(). */
const base = resolve('/').slice(0, -1);

/** A URL's path inside the app: the pathname without the site's base path, for matching routes. */
export function appPathname(pathname: string): string {
	if (!base || !pathname.startsWith(base)) return pathname;
	return pathname.slice(base.length) || '/';
}
