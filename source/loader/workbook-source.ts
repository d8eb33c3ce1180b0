// A workbook given to the loader: every sheet with data is one row source of the kind its header
// row names, its cells written as the validators read CSV text. Opening reads the workbook once
// (header, hash, row count); a sheet's records are kept when small and read again when large, so
// memory stays bounded whatever the workbook's size. A formula with no saved result is refused
// once per sheet, at its first cell; a hidden sheet is loaded and said in the summary.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type {Dataset} from '../domain/dfe-files.js';
import {detectKind, type Kind} from './kinds.js';
import type {Report, RowSource, SourceRecord} from './row-source.js';
import {columnLetter, isoDate, Workbook, WorkbookError, type Cell, type SheetInfo, type SheetRow} from './workbook.js';

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
	readonly notes: string[] = [];
	/** Formula cells in the table with no saved result: the first and how many. */
	unsaved: {row: number; column: number; count: number} | null = null;
	/** Which DfE publication a `published` sheet is. */
	dataset?: Dataset;

	constructor(
		readonly path: string,
		readonly index: number,
		private readonly info: SheetInfo,
		readonly kind: Kind,
		readonly sha256: string,
		private readonly layout: Layout,
	) {
		this.columns = new Set(layout.names);
		this.positions = new Map(layout.names.map((name, i) => [name, i]));
		if (info.hidden) this.notes.push(`${path} [${info.name}]: a hidden sheet, loaded (unhide it in Excel to see what was loaded)`);
	}

	get firstColumn(): number {
		return this.layout.firstColumn;
	}

	get sheet(): string {
		return this.info.name;
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
		const cells: Record<string, string> = {};
		for (const name of names) cells[name] = '';
		let blank = true;
		let outside = false;
		for (const {column, cell} of row.cells) {
			const k = column - firstColumn;
			if (k < 0) continue;
			if (k >= names.length) {
				if (report !== null && !outside) report(sheetProblem(this.sheet, row.number, `${columnLetter(column)}${row.number}`, k + 1, "this cell is outside the header's columns"));
				outside = true;
				continue;
			}
			if (cell.kind === 'unsaved' && report === null) {
				if (this.unsaved === null) this.unsaved = {row: row.number, column, count: 0};
				this.unsaved.count++;
			}
			const text = cellText(cell, names[k]!);
			if (text !== '') blank = false;
			cells[names[k]!] = text;
		}
		return blank ? null : {line: row.number, cells};
	}

	async *records(report: Report): AsyncIterable<SourceRecord> {
		// Refused at opening, once: its rows would only repeat it.
		if (this.unsaved !== null) return;
		if (this.kept !== null) {
			yield* this.kept;
			return;
		}
		let workbook: Workbook | undefined;
		try {
			workbook = await Workbook.open(this.path);
			for await (const row of workbook.rows(this.info)) {
				if (row.number <= this.layout.headerRow) continue;
				const record = this.record(row, report);
				if (record !== null) yield record;
			}
		} catch (error) {
			if (!(error instanceof WorkbookError)) throw error;
			report(sheetProblem(this.sheet, 1, undefined, 1, `cannot read the sheet again: ${error.message}`));
		} finally {
			workbook?.close();
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
	let workbook: Workbook | undefined;
	try {
		workbook = await Workbook.open(path);
		for (const [n, sheet] of workbook.sheets.entries()) {
			let source: SheetSource | null = null;
			let failed = false;
			for await (const row of workbook.rows(sheet)) {
				if (failed) continue;
				if (source === null) {
					const first = row.cells[0]!.column;
					const last = row.cells[row.cells.length - 1]!.column;
					const texts = new Array<string>(last - first + 1).fill('');
					for (const {column, cell} of row.cells) texts[column - first] = cellText(cell, '');
					const match = detectKind(texts);
					if (!match.ok) {
						const cell = `${columnLetter(first + match.column - 1)}${row.number}`;
						report(sheetProblem(sheet.name, row.number, cell, match.column, match.message.replace('the header matches no kind of file', 'the header row names no kind of sheet')));
						failed = true;
						continue;
					}
					const layout = {headerRow: row.number, firstColumn: first, names: texts.map(name => name.trim().toLowerCase())};
					source = new SheetSource(path, index + n, sheet, match.kind, sha256, layout);
					if (match.dataset !== undefined) source.dataset = match.dataset;
					continue;
				}
				const record = source.record(row, null);
				if (record === null) continue;
				source.rows++;
				if (source.kept !== null) source.kept.push(record);
				if (source.rows > KEEP_ROWS) source.kept = null;
			}
			if (source === null) continue;
			if (source.unsaved !== null) {
				const {row, column, count} = source.unsaved;
				const more = count > 1 ? ` (and ${count - 1} more in this sheet)` : '';
				report(sheetProblem(sheet.name, row, `${columnLetter(column)}${row}`, column - source.firstColumn + 1, `formula with no saved value${more}: open and save the file in Excel or LibreOffice, or save values`));
			}
			sources.push(source);
		}
		if (workbook.sheets.length === 0) report({line: 1, column: 1, message: 'the workbook has no sheets'});
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		report({line: 1, column: 1, message: `cannot read the workbook: ${error.message}`});
		return [];
	} finally {
		workbook?.close();
	}
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
			return MONTH_COLUMNS.has(column) ? isoDate(cell.date).slice(0, 7) : isoDate(cell.date);
		case 'boolean':
			return cell.value ? 'TRUE' : 'FALSE';
		case 'error':
			return cell.text;
		case 'unsaved':
			return '';
	}
}
