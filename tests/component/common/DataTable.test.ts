import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import DataTable from '$lib/components/common/DataTable.svelte';
import type { Column, TableSort } from '$lib/components/common/data-table';

interface Fruit {
	id: string;
	name: string;
	count: number;
}

const fruits: Fruit[] = [
	{ id: 'a', name: 'Apple', count: 3 },
	{ id: 'b', name: 'Banana', count: 12 },
	{ id: 'c', name: 'Cherry', count: 7 }
];

const columns: Column<Fruit>[] = [
	{ id: 'name', label: 'Fruit', rowHeader: true, sortFirst: 'ascending', text: (f) => f.name },
	{ id: 'count', label: 'Count', numeric: true, sortFirst: 'descending', text: (f) => String(f.count) },
	{ id: 'actions', label: 'Actions', hideLabel: true, text: () => '' }
];

const sort: TableSort<Fruit> = {
	column: 'name',
	direction: 'ascending',
	rows: (rows, column, direction) =>
		[...rows].sort((a, b) => (column === 'count' ? a.count - b.count : a.name.localeCompare(b.name)) * (direction === 'ascending' ? 1 : -1))
};

const rowHeaders = () => screen.getAllByRole('rowheader').map((cell) => cell.textContent?.trim());

describe('DataTable', () => {
	it('renders a captioned table with a column header per column and a row per record', () => {
		render(DataTable<Fruit>, { props: { rows: fruits, key: (f) => f.id, columns, caption: 'Fruit in the bowl, 3 in total' } });

		const table = screen.getByRole('table', { name: 'Fruit in the bowl, 3 in total' });
		expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Fruit', 'Count', 'Actions']);
		expect(within(table).getByRole('row', { name: /^Banana\b/ })).toHaveTextContent('12');
		expect(rowHeaders()).toEqual(['Apple', 'Banana', 'Cherry']);
	});

	it('shows the empty state instead of the table when there are no rows', () => {
		const empty = createRawSnippet(() => ({ render: () => '<p>No fruit yet</p>' }));
		render(DataTable<Fruit>, { props: { rows: [], key: (f) => f.id, columns, caption: 'Fruit', empty } });

		expect(screen.getByText('No fruit yet')).toBeInTheDocument();
		expect(screen.queryByRole('table')).not.toBeInTheDocument();
	});

	it('sorts by a column when its header is pressed, and says so in the caption and aria-sort', async () => {
		const user = userEvent.setup();
		render(DataTable<Fruit>, { props: { rows: fruits, key: (f) => f.id, columns, caption: 'Fruit', sort } });

		expect(screen.getByRole('table')).toHaveAccessibleName('Fruit; sorted by Fruit, ascending');
		expect(screen.getByRole('columnheader', { name: /Fruit/ })).toHaveAttribute('aria-sort', 'ascending');

		await user.click(screen.getByRole('button', { name: 'Count' }));
		expect(rowHeaders()).toEqual(['Banana', 'Cherry', 'Apple']);
		expect(screen.getByRole('columnheader', { name: /Count/ })).toHaveAttribute('aria-sort', 'descending');
		expect(screen.getByRole('columnheader', { name: /Fruit/ })).toHaveAttribute('aria-sort', 'none');
		expect(screen.getByRole('table')).toHaveAccessibleName('Fruit; sorted by Count, descending');

		await user.click(screen.getByRole('button', { name: /Count/ }));
		expect(rowHeaders()).toEqual(['Apple', 'Cherry', 'Banana']);
		// A column that cannot sort has no button.
		expect(screen.queryByRole('button', { name: 'Actions' })).not.toBeInTheDocument();
	});

	it('marks the current row', () => {
		render(DataTable<Fruit>, { props: { rows: fruits, key: (f) => f.id, columns, isCurrent: (f) => f.id === 'b' } });
		expect(screen.getByRole('row', { name: /^Banana\b/ })).toHaveAttribute('aria-current', 'true');
		expect(screen.getByRole('row', { name: /^Apple\b/ })).not.toHaveAttribute('aria-current');
	});
});
