import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import UseSettingsFields from '$lib/components/audiences/UseSettingsFields.svelte';
import { choice, text } from '$lib/partners/fields';
import { emptyUseSettings } from '$lib/partners/use-settings';

// A partner whose per-use settings include a choice, beside the real ones.
const useSettingsSchema = z.object({
	listId: text({ label: 'List ID', help: 'Where profiles are added.' }),
	mode: choice({
		label: 'Matching mode',
		options: [
			{ value: 'email', label: 'By e-mail address' },
			{ value: 'phone', label: 'By phone number' }
		]
	})
});

vi.mock('$lib/partners/registry', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/partners/registry')>();
	return {
		...original,
		partnerById: (id: string) => (id === 'with-choice' ? { ...original.partnerById('meta')!, useSettingsSchema } : original.partnerById(id))
	};
});

describe('per-use settings', () => {
	it('render a choice as a select that starts at its first option and stores the chosen value', async () => {
		const user = userEvent.setup();
		const settings = $state(emptyUseSettings('with-choice'));
		expect(settings).toEqual({ listId: '', mode: 'email' });
		render(UseSettingsFields, { props: { partnerId: 'with-choice', settings, path: 'connectors.0.settings', connectorName: 'Shop list' } });

		const select = screen.getByRole('combobox', { name: 'Matching mode for Shop list' });
		expect(select).toHaveValue('email');
		await user.selectOptions(select, 'By phone number');
		expect(settings.mode).toBe('phone');

		await user.type(screen.getByRole('textbox', { name: 'List ID for Shop list' }), 'L-42');
		expect(settings.listId).toBe('L-42');
	});

	it('show each message beside its field', () => {
		const settings = $state({ listId: '', mode: 'email' });
		render(UseSettingsFields, {
			props: { partnerId: 'with-choice', settings, path: 'connectors.0.settings', connectorName: 'Shop list', errors: { 'connectors.0.settings.listId': 'Enter the list ID.' } }
		});

		const input = screen.getByRole('textbox', { name: 'List ID for Shop list' });
		expect(input).toHaveAttribute('aria-invalid', 'true');
		expect(input).toHaveAccessibleDescription('Where profiles are added. Enter the list ID.');
		expect(screen.getByRole('combobox', { name: 'Matching mode for Shop list' })).not.toHaveAttribute('aria-invalid');
	});

	it('say so when the partner needs none', () => {
		render(UseSettingsFields, { props: { partnerId: 'unknown-partner', settings: {}, path: 'connectors.0.settings', connectorName: 'Webhook' } });
		expect(screen.getByText('Webhook needs no per-use settings.')).toBeInTheDocument();
	});
});
