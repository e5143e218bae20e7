import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NameDialog from '$lib/components/workspaces/NameDialog.svelte';

// Issue 12: a text selection that began in a dialog and ended over the backdrop closed the
// dialog, losing what was typed. Only a press and release both on the backdrop close it now.

/**
 * What a pointer over the backdrop hits. jsdom does no hit testing: in a browser that is the
 * <dialog> element, whose ::backdrop it is (an older dialog drew its own backdrop element).
 */
const backdropOf = (dialog: HTMLElement) => (dialog.tagName === 'DIALOG' ? dialog : dialog.parentElement!);

/** The Workspaces page's rename dialog, opened from a button on a page; closing takes it away. */
async function open() {
	const user = userEvent.setup();
	const opener = document.body.appendChild(document.createElement('button'));
	opener.textContent = 'Rename workspace';
	opener.focus();
	const onclosed = vi.fn();
	const { unmount } = render(NameDialog, {
		props: {
			title: 'Rename workspace',
			initial: 'Demo',
			confirmLabel: 'Rename',
			onsubmit: () => Promise.resolve(),
			onclose: () => {
				onclosed();
				unmount();
			}
		}
	});
	const dialog = screen.getByRole('dialog', { name: 'Rename workspace' });
	const field = screen.getByRole('textbox', { name: 'Workspace name' });
	// Focus moves into the dialog (to Cancel here: jsdom's select() does not move it to the field).
	await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
	return { user, onclosed, opener, dialog, field };
}

afterEach(() => document.body.replaceChildren());

describe('a dialog', () => {
	it('keeps what was typed when a selection dragged from the field ends over the backdrop', async () => {
		const { user, onclosed, dialog, field } = await open();
		await user.clear(field);
		await user.type(field, 'Trainee Ann');

		// Pressed in the field, moved out and released over the backdrop: the browser then
		// clicks the dialog element, the nearest element under both ends.
		const backdrop = backdropOf(dialog);
		await user.pointer([{ keys: '[MouseLeft>]', target: field }, { target: backdrop }, { keys: '[/MouseLeft]', target: backdrop }]);

		expect(onclosed).not.toHaveBeenCalled();
		expect(screen.getByRole('dialog', { name: 'Rename workspace' })).toBeInTheDocument();
		expect(field).toHaveValue('Trainee Ann');
	});

	it('closes on a click on the backdrop, pressed and released there', async () => {
		const { user, onclosed, opener, dialog } = await open();

		await user.click(backdropOf(dialog));

		expect(onclosed).toHaveBeenCalledTimes(1);
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(opener).toHaveFocus();
	});

	it('stays open on a click inside its card', async () => {
		const { user, onclosed } = await open();

		await user.click(screen.getByText('Workspace name'));
		await user.click(screen.getByRole('heading', { name: 'Rename workspace' }));

		expect(onclosed).not.toHaveBeenCalled();
		expect(screen.getByRole('dialog', { name: 'Rename workspace' })).toBeInTheDocument();
	});

	it('closes on Escape through the same path, and gives focus back to the button that opened it', async () => {
		const { user, onclosed, opener } = await open();

		await user.keyboard('{Escape}');

		expect(onclosed).toHaveBeenCalledTimes(1);
		expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
		expect(opener).toHaveFocus();
	});

	it('is a modal <dialog> and keeps the page behind from scrolling while it is open', async () => {
		const { user, dialog } = await open();
		expect(dialog.tagName).toBe('DIALOG');
		expect(dialog).toHaveAttribute('open');
		expect(document.documentElement.style.overflow).toBe('hidden');

		await user.click(screen.getByRole('button', { name: 'Cancel' }));

		expect(document.documentElement.style.overflow).toBe('');
	});
});
