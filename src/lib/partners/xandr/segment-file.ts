import { deliveryError, type Delivery, type DeliveryOutcome } from '../adapter';

/**
 * The segment file in Xandr's legacy BSS format, as the catalog's prerequisites ask the member
 * to have it configured: SEPARATOR1 ",", SEPARATOR3 ":", SEG_FIELDS [SEG_ID, EXPIRATION].
 * One line per recipient: `USER_ID,SEG_ID:EXPIRATION`.
 */

/**
 * The file's lines as columns: line i carries the recipient at `recipients[i]` (index in the
 * delivery) and its user ID `userIds[i]`. Columns rather than an object per line: files run to
 * 100,000 lines.
 */
export interface FileLines {
	recipients: number[];
	userIds: string[];
}

export interface SegmentFile {
	text: string;
	lines: FileLines;
	/** Recipients whose identifier cannot be written as one field of one line; never sent. */
	unwritable: DeliveryOutcome['rejected'];
}

// A separator or a line break inside a user ID would split or shift the line, and Xandr's error
// log could then no longer be matched to the profile. Xandr user IDs are 64-bit integers; other
// text (members with external UIDs) is sent as it is and left to Xandr to judge.
const UNWRITABLE = /[\s,;:^]/;

/** Minutes a user stays in the segment: 0 is Xandr's maximum (180 days), -1 removes. */
export function expirationOf(delivery: Pick<Delivery, 'operation' | 'settings'>): string {
	if (delivery.operation === 'remove') return '-1';
	const minutes = (delivery.settings.expirationMinutes ?? '').trim();
	return /^\d+$/.test(minutes) ? String(Number(minutes)) : '0';
}

/** The file for a batch: one line per recipient that can be written. */
export function segmentFile(delivery: Delivery, segmentId: string): SegmentFile {
	const expiration = expirationOf(delivery);
	const lines: FileLines = { recipients: [], userIds: [] };
	const unwritable: Array<SegmentFile['unwritable'][number]> = [];
	const text: string[] = [];
	const tail = `,${segmentId}:${expiration}\n`;
	const { identifiers } = delivery;
	for (let index = 0; index < identifiers.length; index++) {
		const identifier = identifiers[index]!;
		if (!identifier || UNWRITABLE.test(identifier)) {
			unwritable.push({
				index,
				error: deliveryError('otherError', null, `"${identifier}" cannot be written to a Xandr segment file as a user ID; it was not sent.`)
			});
			continue;
		}
		lines.recipients.push(index);
		lines.userIds.push(identifier);
		text.push(identifier + tail);
	}
	return { text: text.join(''), lines, unwritable };
}
