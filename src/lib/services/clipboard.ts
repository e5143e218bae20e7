/** What copying needs from the browser; tests pass their own. */
export interface ClipboardPlace {
	/** Absent outside secure contexts: over plain HTTP from a LAN address there is none. */
	clipboard?: Pick<Clipboard, 'writeText'>;
	document?: Document;
}

function browserPlace(): ClipboardPlace {
	return { clipboard: globalThis.navigator?.clipboard, document: globalThis.document };
}

/**
 * Copies text to the clipboard: with the Clipboard API where the browser offers it, else by
 * selecting it in a hidden field and copying the selection. False when neither worked, so the
 * caller shows the text for copying by hand.
 */
export async function copyText(text: string, place: ClipboardPlace = browserPlace()): Promise<boolean> {
	if (place.clipboard) {
		try {
			await place.clipboard.writeText(text);
			return true;
		} catch {
			// Refused (no permission, page not focused): the selection may still be copied.
		}
	}
	return place.document ? copySelection(text, place.document) : false;
}

/** The way that works outside secure contexts: copy what is selected in a field. */
function copySelection(text: string, document: Document): boolean {
	const field = document.createElement('textarea');
	field.value = text;
	field.readOnly = true;
	field.setAttribute('aria-hidden', 'true');
	// Off screen, so nothing flickers; fixed, so the page does not scroll to it.
	field.style.position = 'fixed';
	field.style.top = '0';
	field.style.left = '-10000px';
	const focused = document.activeElement;
	document.body.append(field);
	try {
		field.select();
		// Deprecated, yet the only copy there is without the Clipboard API.
		return typeof document.execCommand === 'function' && document.execCommand('copy');
	} catch {
		return false;
	} finally {
		field.remove();
		if (focused instanceof HTMLElement) focused.focus();
	}
}
