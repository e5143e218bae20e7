import type { HandleClientError } from '@sveltejs/kit';

/** Unknown addresses are a normal 404 page, not an error worth logging to the console. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
