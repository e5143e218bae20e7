/**
 * jsdom 29 has <dialog> and its `open` attribute but none of its methods: a small stand-in for
 * what the components use. showModal() opens it as the top modal dialog and close() closes it
 * with a close event; Escape sends the top modal dialog a cancelable cancel event, as
 * browsers do once the key press is over and nothing prevented it, and closes it unless
 * cancel was prevented. Not emulated: the top layer, inertness of the rest, ::backdrop.
 */
const modals: HTMLDialogElement[] = [];

const topModal = () => modals.filter((dialog) => dialog.isConnected && dialog.open).at(-1);

const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void; close?: (returnValue?: string) => void };

proto.showModal ??= function (this: HTMLDialogElement) {
	if (this.open) return;
	if (!this.isConnected) throw new DOMException('The dialog is not in a document.', 'InvalidStateError');
	this.setAttribute('open', '');
	modals.push(this);
};

proto.close ??= function (this: HTMLDialogElement) {
	const at = modals.indexOf(this);
	if (at >= 0) modals.splice(at, 1);
	if (!this.hasAttribute('open')) return;
	this.removeAttribute('open');
	this.dispatchEvent(new Event('close'));
};

// The browser acts on Escape after the key event has run its course; so does this, in the
// microtask that follows the dispatch (before user-event's next step).
document.addEventListener(
	'keydown',
	(event) => {
		if (event.key !== 'Escape') return;
		queueMicrotask(() => {
			const dialog = topModal();
			if (!dialog || event.defaultPrevented) return;
			const cancel = new Event('cancel', { cancelable: true });
			if (dialog.dispatchEvent(cancel)) dialog.close();
		});
	},
	true
);
