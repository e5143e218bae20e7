/** IndexedDB cannot be used in this browser (private mode, blocked storage, very old browser). */
export class StorageUnavailableError extends Error {
	override name = 'StorageUnavailableError';
	constructor(readonly reason: string) {
		super(
			`The sandbox keeps its workspace in this browser's IndexedDB, and the browser refused it: ${reason}. ` +
				'Allow site data for this page (it is blocked in some private windows and by some privacy settings), then reload.'
		);
	}
}

/** A record that should exist does not (deleted in another tab, or a wrong id). */
export class RecordNotFoundError extends Error {
	// Not "NotFoundError": Dexie rewraps errors that share a name with its own.
	override name = 'RecordNotFoundError';
	constructor(readonly what: string, readonly id: string) {
		super(`No ${what} with id "${id}" exists in this workspace.`);
	}
}
