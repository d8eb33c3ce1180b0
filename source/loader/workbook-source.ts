// A workbook given to the loader: every sheet with data is one row source of the kind its header
// row names, its cells written as the validators read CSV text. Opening reads the workbook once
// (header, hash, row count); a sheet's records are kept when small and read again when large, so
// memory stays bounded whatever the workbook's size.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type {Dataset} from '../domain/dfe-files.js';
import {detectKind, type Kind} from './kinds.js';
import type {Report, RowSource, SourceRecord} from './row-source.js';
import {columnLetter, isoDay, readWorkbook, WorkbookError, type Cell, type SheetRow} from './workbook.js';

// Columns that hold a month: a date there is that month.
const MONTH_COLUMNS = new Set(['period', 'effective_from']);

// Sheets of up to this many rows are kept from the opening read (catalogues, aliases).
const KEEP_ROWS = 20_000;

type Layout = {headerRow: number; firstColumn: number; names: string[]};

class SheetSource implements RowSource {
	readonly columns: ReadonlySet<string>;
	private readonly positions: Map<string, number>;
	rows = 0;
	kept: SourceRecord[] | null = [];
	/** Which DfE publication a `published` sheet is. */
	dataset?: Dataset;

	constructor(
		readonly path: string,
		readonly index: number,
		readonly sheet: string,
		readonly kind: Kind,
		readonly sha256: string,
		private readonly layout: Layout,
	) {
		this.columns = new Set(layout.names);
		this.positions = new Map(layout.names.map((name, i) => [name, i]));
	}

	columnNumber(column: string | null): number {
		return column === null ? 1 : (this.positions.get(column) ?? 0) + 1;
	}

	cellRef(column: string | null, line: number): string {
		return `${columnLetter(this.layout.firstColumn + this.columnNumber(column) - 1)}${line}`;
	}

	/** One data row as a record; null for a blank row. Cells beyond the header's columns must be empty. */
	record(row: SheetRow, report: Report | null): SourceRecord | null {
		const {firstColumn, names} = this.layout;
		const start = firstColumn - 1;
		const cells: Record<string, string> = {};
		let blank = true;
		for (let k = 0; k < names.length; k++) {
			const cell = row.cells[start + k];
			const text = cell === undefined ? '' : cellText(cell, names[k]!);
			if (text !== '') blank = false;
			cells[names[k]!] = text;
		}
		if (report !== null) {
			for (let k = start + names.length; k < row.cells.length; k++) {
				if (row.cells[k]!.kind === 'empty') continue;
				report(sheetProblem(this.sheet, row.number, `${columnLetter(k + 1)}${row.number}`, k - start + 1, "this cell is outside the header's columns"));
				break;
			}
		}
		return blank ? null : {line: row.number, cells};
	}

	async *records(report: Report): AsyncIterable<SourceRecord> {
		if (this.kept !== null) {
			yield* this.kept;
			return;
		}
		try {
			for await (const sheet of readWorkbook(this.path)) {
				if (sheet.name !== this.sheet) {
					for await (const _row of sheet.rows); // each sheet is read through before the next
					continue;
				}
				for await (const row of sheet.rows) {
					if (row.number <= this.layout.headerRow) continue;
					const record = this.record(row, report);
					if (record !== null) yield record;
				}
				return;
			}
		} catch (error) {
			if (!(error instanceof WorkbookError)) throw error;
			report(sheetProblem(this.sheet, 1, undefined, 1, `cannot read the sheet again: ${error.message}`));
		}
	}
}

/** A problem in a sheet; `sheet` rides along in the report's problem (the loader prints FILE [SHEET] row N (CELL)). */
function sheetProblem(sheet: string, line: number, cell: string | undefined, column: number, message: string): Parameters<Report>[0] {
	const problem = {line, column, message, sheet, ...(cell === undefined ? {} : {cell})};
	return problem;
}

/** The sheets of a workbook as row sources, indexes from `index` in sheet order; none when unreadable. */
export async function openWorkbookSources(path: string, index: number, report: Report): Promise<RowSource[]> {
	let sha256: string;
	try {
		sha256 = crypto.createHash('sha256').update(fs.readFileSync(path)).digest('hex');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		report({line: 1, column: 1, message: `cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`});
		return [];
	}
	const sources: SheetSource[] = [];
	let sheets = 0;
	try {
		for await (const sheet of readWorkbook(path)) {
			const sheetIndex = index + sheets++;
			let source: SheetSource | null = null;
			let failed = false;
			for await (const row of sheet.rows) {
				if (failed) continue;
				if (source === null) {
					const first = row.cells.findIndex(cell => cell.kind !== 'empty');
					if (first === -1) continue;
					const names = row.cells.slice(first).map(cell => cellText(cell, ''));
					while (names.length > 0 && names[names.length - 1] === '') names.pop();
					const match = detectKind(names);
					if (!match.ok) {
						const cell = `${columnLetter(first + match.column)}${row.number}`;
						report(sheetProblem(sheet.name, row.number, cell, match.column, match.message.replace('the header matches no kind of file', 'the header row names no kind of sheet')));
						failed = true;
						continue;
					}
					const layout = {headerRow: row.number, firstColumn: first + 1, names: names.map(name => name.trim().toLowerCase())};
					source = new SheetSource(path, sheetIndex, sheet.name, match.kind, sha256, layout);
					if (match.dataset !== undefined) source.dataset = match.dataset;
					continue;
				}
				const record = source.record(row, report);
				if (record === null) continue;
				source.rows++;
				if (source.kept !== null) source.kept.push(record);
				if (source.rows > KEEP_ROWS) source.kept = null;
			}
			if (source !== null) sources.push(source);
		}
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		report({line: 1, column: 1, message: `cannot read the workbook: ${error.message}`});
		return [];
	}
	if (sheets === 0) report({line: 1, column: 1, message: 'the workbook has no sheets'});
	return sources;
}

/** A cell as the validators read CSV text; `column` is the lower-case header name. */
export function cellText(cell: Cell, column: string): string {
	switch (cell.kind) {
		case 'empty':
			return '';
		case 'text':
			return cell.text;
		case 'number':
			// A percent-formatted cell holds a fraction: 0.14 shown as 14% is 14.
			return String(cell.percent ? Number((cell.value * 100).toPrecision(15)) : cell.value);
		case 'date':
			return MONTH_COLUMNS.has(column) ? isoDay(cell.date).slice(0, 7) : isoDay(cell.date);
		case 'boolean':
			return cell.value ? 'TRUE' : 'FALSE';
		case 'error':
			return cell.text;
	}
}
