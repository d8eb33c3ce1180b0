import React from 'react';
import {Text} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {useTheme} from '../hooks/use-theme.js';

// @alcalzone/ink-table with the theme's border colour, and ASCII borders where the terminal
// cannot show box drawing.

const TO_ASCII: Record<string, string> = {'─': '-', '│': '|', '┼': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+', '┬': '+', '┴': '+', '├': '+', '┤': '+'};

function asciiBorders(text: string): string {
	return text.replace(/[─│┼┌┐└┘┬┴├┤]/g, char => TO_ASCII[char] ?? char);
}

export type TableRow = Record<string, string | number | null>;

// Defined once, outside render: ink-table takes components, and new ones each render would remount.
function Skeleton({children}: React.PropsWithChildren) {
	const theme = useTheme();
	return <Text {...theme.style('border')}>{theme.ascii ? asciiBorders(String(children ?? '')) : children}</Text>;
}

function Header({children}: React.PropsWithChildren) {
	const theme = useTheme();
	return <Text {...theme.style('text.title')}>{children}</Text>;
}

// ink-table draws its horizontal rules through the cell component too.
function Cell({children}: React.PropsWithChildren<{column: number}>) {
	const theme = useTheme();
	return <Text>{theme.ascii ? asciiBorders(String(children ?? '')) : children}</Text>;
}

export function DataTable<T extends TableRow>({data, columns}: {data: T[]; columns?: Array<keyof T & string>}) {
	return <Table data={data} columns={columns} skeleton={Skeleton} header={Header} cell={Cell} padding={1} />;
}

/** Lines the table takes: ink-table draws a rule above every row, and one below the last. */
export function tableHeight(rows: number): number {
	return 2 * rows + 3;
}
