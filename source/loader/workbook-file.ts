// A workbook given to the loader: every sheet with data becomes one source read like a CSV file of
// the kind its header row names, its cells written as the CSV validators read them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type {CsvFile, CsvRow} from './csv-file.js';
import {detectKind} from './kinds.js';
import type {Problem} from './problems.js';
import {columnLetter, isoDay, readWorkbook, WorkbookError, type Cell} from './workbook.js';

export type SheetSource = {workbook: string; sheet: string; firstColumn: number};

export type WorkbookFile = CsvFile & {sheet: SheetSource};

// Columns that hold a month: a date there is that month.
const MONTH_COLUMNS = new Set(['period', 'effective_from']);

/**
 * Reads every sheet of `path`. Sheets get consecutive file indexes from `firstIndex`, so their
 * problems sort in sheet order; returns the sources and the next free index.
 */
export async function readWorkbookFile(
	path: string,
	firstIndex: number,
	problems: Problem[],
): Promise<{files: WorkbookFile[]; sheets: Map<number, SheetSource>; nextIndex: number}> {
	const sheets = new Map<number, SheetSource>();
	const fileProblem = (message: string) => problems.push({file: path, fileIndex: firstIndex, line: 1, column: 1, message});
	let sha256: string;
	try {
		sha256 = crypto.createHash('sha256').update(fs.readFileSync(path)).digest('hex');
	} catch (error) {
		fileProblem(`cannot read the file (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? String(error))})`);
		return {files: [], sheets, nextIndex: firstIndex + 1};
	}
	const files: WorkbookFile[] = [];
	let index = firstIndex;
	try {
		for await (const sheet of readWorkbook(path)) {
			const source = await readSheet(path, sheet.name, sheet.rows, index, sha256, problems);
			sheets.set(index, source.sheet);
			if (source.file !== null) files.push(source.file);
			index++;
		}
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		fileProblem(`cannot read the workbook: ${error.message}`);
		return {files: [], sheets: new Map(), nextIndex: index + 1};
	}
	if (index === firstIndex) fileProblem('the workbook has no sheets');
	return {files, sheets, nextIndex: index};
}

async function readSheet(
	path: string,
	name: string,
	rows: AsyncIterable<{number: number; cells: Cell[]}>,
	index: number,
	sha256: string,
	problems: Problem[],
): Promise<{file: WorkbookFile | null; sheet: SheetSource}> {
	let header: {line: number; names: string[]; firstColumn: number} | undefined;
	let columnNames: string[] = [];
	let failed = false;
	const data: CsvRow[] = [];
	const sheet: SheetSource = {workbook: path, sheet: name, firstColumn: 1};
	for await (const row of rows) {
		if (failed) continue;
		if (header === undefined) {
			const first = row.cells.findIndex(cell => cell.kind !== 'empty');
			if (first === -1) continue;
			const names = row.cells.slice(first).map(cell => cellText(cell, ''));
			while (names.length > 0 && names[names.length - 1] === '') names.pop();
			header = {line: row.number, names, firstColumn: first + 1};
			sheet.firstColumn = first + 1;
			const match = detectKind(names);
			if (!match.ok) {
				problems.push({file: path, fileIndex: index, line: row.number, column: match.column, message: `the header row names no kind of sheet: ${match.message.replace(/^the header matches no kind of file: /, '')}`});
				failed = true;
				continue;
			}
			columnNames = names.map(column => column.trim().toLowerCase());
			continue;
		}
		const start = header.firstColumn - 1;
		const fields: string[] = new Array(columnNames.length);
		let blank = true;
		for (let k = 0; k < columnNames.length; k++) {
			const cell = row.cells[start + k];
			const text = cell === undefined ? '' : cellText(cell, columnNames[k]!);
			if (text !== '') blank = false;
			fields[k] = text;
		}
		// Cells beyond the header's last column are ignored only when empty: a figure there is a mistake.
		for (let k = start + columnNames.length; k < row.cells.length; k++) {
			if (row.cells[k]!.kind !== 'empty') {
				problems.push({file: path, fileIndex: index, line: row.number, column: k - start + 1, message: 'this cell is outside the header\'s columns'});
				break;
			}
		}
		if (!blank) data.push({line: row.number, fields});
	}
	if (header === undefined || failed) return {file: null, sheet};
	const match = detectKind(header.names);
	if (!match.ok) return {file: null, sheet};
	return {file: {path, index, kind: match.kind, columns: match.columns, sha256, rows: data, sheet}, sheet};
}

/** A cell as the CSV validators read it; `column` is the lower-case header name. */
export function cellText(cell: Cell, column: string): string {
	switch (cell.kind) {
		case 'empty':
			return '';
		case 'text':
			return cell.text;
		case 'number':
			return String(cell.percent ? Number((cell.value * 100).toPrecision(15)) : cell.value);
		case 'date':
			return MONTH_COLUMNS.has(column) ? isoDay(cell.date).slice(0, 7) : isoDay(cell.date);
		case 'boolean':
			return cell.value ? 'TRUE' : 'FALSE';
		case 'error':
			return cell.text;
	}
}

/** Where a problem is in a sheet: `figures.xlsx [Figures] row 5 (D5)`. */
export function sheetLocation(sheet: SheetSource, line: number, column: number): string {
	const cell = column < 1 ? '' : ` (${columnLetter(sheet.firstColumn + column - 1)}${line})`;
	return `${sheet.workbook} [${sheet.sheet}] row ${line}${cell}`;
}
