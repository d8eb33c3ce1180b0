import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import {cellWidth, padEnd, padStart} from '../text-layout/text-fit.js';
import type {Token} from '../theme.js';

// The one table of the console: a heading line, then one line per row, no rules between rows,
// columns sized in terminal cells. Narrow terminals first shrink the stretching column (the
// names) to its minimum, then drop columns in their `drop` order.

export type TableColumn<R> = {
	key: string;
	heading: string;
	cell: (row: R) => string;
	align?: 'left' | 'right';
	/** This column takes what room is left (one per table, usually the names). */
	stretch?: boolean;
	/** The narrowest a stretching column gets before columns are dropped. */
	min?: number;
	/** Dropped when the table does not fit: lower first; never dropped when absent. */
	drop?: number;
	/** A token for a cell (RAG colour), else the row's. */
	token?: (row: R) => Token | undefined;
};

export type TableLayout = {columns: Array<{key: string; width: number}>; width: number};

const GAP = 2;

/** Which columns are shown and how wide, for rows at a width. Pure: tested at every width. */
export function tableLayout<R>(columns: Array<TableColumn<R>>, rows: R[], width: number, ellipsis = '…'): TableLayout {
	const natural = new Map(columns.map(column => [column.key, Math.max(cellWidth(column.heading), ...rows.map(row => cellWidth(column.cell(row))))]));
	let shown = [...columns];
	const total = () => shown.reduce((sum, column) => sum + natural.get(column.key)!, 0) + GAP * Math.max(0, shown.length - 1);
	const stretch = columns.find(column => column.stretch);
	const floor = (column: TableColumn<R>) => Math.min(natural.get(column.key)!, Math.max(column.min ?? 8, cellWidth(ellipsis) + 1));
	const order = columns.filter(column => column.drop !== undefined).sort((a, b) => a.drop! - b.drop!);
	let widthOfStretch = stretch ? natural.get(stretch.key)! : 0;
	const fixed = () => total() - (stretch && shown.includes(stretch) ? natural.get(stretch.key)! : 0);
	for (;;) {
		if (total() <= width) {
			widthOfStretch = stretch ? natural.get(stretch.key)! : 0;
			break;
		}
		if (stretch && shown.includes(stretch) && fixed() + floor(stretch) <= width) {
			widthOfStretch = width - fixed();
			break;
		}
		const next = order.find(column => shown.includes(column));
		if (!next) {
			widthOfStretch = stretch ? Math.max(1, width - fixed()) : 0;
			break;
		}
		shown = shown.filter(column => column !== next);
	}
	const laid = shown.map(column => ({key: column.key, width: column === stretch ? widthOfStretch : natural.get(column.key)!}));
	return {columns: laid, width: laid.reduce((sum, column) => sum + column.width, 0) + GAP * Math.max(0, laid.length - 1)};
}

function cellText<R>(column: TableColumn<R>, text: string, width: number, ellipsis: string): string {
	return column.align === 'right' ? padStart(text, width, ellipsis) : padEnd(text, width, ellipsis);
}

/** The table as plain lines (heading first), every one exactly the layout's width. */
export function tableLines<R>(columns: Array<TableColumn<R>>, rows: R[], width: number, ellipsis = '…'): string[] {
	const layout = tableLayout(columns, rows, width, ellipsis);
	const byKey = new Map(columns.map(column => [column.key, column]));
	const line = (text: (column: TableColumn<R>) => string) =>
		layout.columns.map(({key, width: w}) => cellText(byKey.get(key)!, text(byKey.get(key)!), w, ellipsis)).join(' '.repeat(GAP));
	return [line(column => column.heading), ...rows.map(row => line(column => column.cell(row)))];
}

/** Lines the table takes: the heading and one per row. */
export function compactTableHeight(rows: number): number {
	return rows + 1;
}

export type CompactTableProps<R> = {
	columns: Array<TableColumn<R>>;
	rows: R[];
	width: number;
	rowKey: (row: R) => string;
	selected?: (row: R) => boolean;
	/** The row's token when it is not selected. */
	rowToken?: (row: R) => Token | undefined;
};

export function CompactTable<R>({columns, rows, width, rowKey, selected, rowToken}: CompactTableProps<R>) {
	const theme = useTheme();
	const ellipsis = theme.glyphs.ellipsis;
	const layout = tableLayout(columns, rows, width, ellipsis);
	const byKey = new Map(columns.map(column => [column.key, column]));
	const gap = ' '.repeat(GAP);
	return (
		<Box flexDirection="column" width={width}>
			<Text {...theme.style('text.dim')}>{layout.columns.map(({key, width: w}) => cellText(byKey.get(key)!, byKey.get(key)!.heading, w, ellipsis)).join(gap)}</Text>
			{rows.map(row => {
				const isSelected = selected?.(row) ?? false;
				const base = isSelected ? theme.style('selection') : theme.style(rowToken?.(row) ?? 'text.normal');
				return (
					<Text key={rowKey(row)} {...base}>
						{layout.columns.map(({key, width: w}, i) => {
							const column = byKey.get(key)!;
							const token = column.token?.(row);
							const text = `${i > 0 ? gap : ''}${cellText(column, column.cell(row), w, ellipsis)}`;
							return token ? (
								<Text key={key} {...theme.style(token)} {...(isSelected ? theme.style('selection') : {})}>
									{text}
								</Text>
							) : (
								text
							);
						})}
					</Text>
				);
			})}
		</Box>
	);
}
