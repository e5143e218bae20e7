import type { Snippet } from 'svelte';

export type SortDirection = 'ascending' | 'descending';

/** One column of a DataTable: its header and how a row shows in it. */
export interface Column<T> {
	id: string;
	label: string;
	/** Quieter words after the label, e.g. "(this computer's clock)". */
	note?: string;
	/** The label is for screen readers only (an actions column). */
	hideLabel?: boolean;
	/** The cell's content: markup, or else plain text. */
	cell?: Snippet<[T]>;
	text?: (row: T) => string;
	/** This column names the row (a row header), as the first column usually does. */
	rowHeader?: boolean;
	/** Numbers: right-aligned, in tabular figures. */
	numeric?: boolean;
	align?: 'center';
	nowrap?: boolean;
	/** Secondary information, such as when a row last changed. */
	muted?: boolean;
	minWidth?: string;
	maxWidth?: string;
	/** The column can sort the table; the direction it takes when first chosen. */
	sortFirst?: SortDirection;
}

/** How a sortable table orders its rows, and what it starts sorted by. */
export interface TableSort<T> {
	column: string;
	direction: SortDirection;
	rows: (rows: readonly T[], column: string, direction: SortDirection) => T[];
}
