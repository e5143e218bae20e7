import type { HandleClientError } from '@sveltejs/kit';
import { z } from 'zod';

// The page's Content-Security-Policy allows no eval: zod must not probe for it (its probe,
// `new Function('')`, is caught but still reported as a violation) nor compile parsers with
// it. The page only parses small forms and records; the engine's worker keeps the compiled path.
z.config({ jitless: true });

/** Unknown addresses are a normal 404 page, not an error worth logging to the console. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
