import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StorageUnavailable from '$lib/components/common/StorageUnavailable.svelte';

describe('StorageUnavailable', () => {
	it('announces why the workspace cannot be stored, in an alert', () => {
		render(StorageUnavailable, { props: { message: 'The database is blocked by private browsing.' } });

		const alert = screen.getByRole('alert');
		expect(alert).toHaveTextContent('The database is blocked by private browsing.');
		expect(alert).toHaveTextContent(/Nothing has been saved or changed/);
		expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent("This browser won't let the sandbox store its workspace");
	});
});
