// Reads an .xlsx workbook sheet by sheet with exceljs's streaming reader (chosen by measurement:
// README "Stack"), and gives each cell as Excel holds it, formulas as their cached value.
import fs from 'node:fs';
import ExcelJS from 'exceljs';

export type Cell =
	| {kind: 'empty'}
	| {kind: 'text'; text: string}
	/** `percent`: the cell is formatted as a percentage, so `value` is a fraction (0.14 shown 14%). */
	| {kind: 'number'; value: number; percent: boolean}
	| {kind: 'date'; date: Date}
	| {kind: 'boolean'; value: boolean}
	| {kind: 'error'; text: string};

export type SheetRow = {
	/** Excel's row number, 1-based. */
	number: number;
	/** Column A first; a row ends at its last non-empty cell. */
	cells: Cell[];
};

export type WorkbookSheet = {name: string; rows: AsyncIterable<SheetRow>};

const EMPTY: Cell = {kind: 'empty'};

/** Throws WorkbookError when the file is not a readable workbook; the caller names the file. */
export class WorkbookError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeWorkbook(path: string): boolean {
	if (/\.xlsx$/i.test(path)) return true;
	try {
		const fd = fs.openSync(path, 'r');
		try {
			const head = Buffer.alloc(4);
			fs.readSync(fd, head, 0, 4, 0);
			return ZIP_MAGIC.every((byte, i) => head[i] === byte);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return false;
	}
}

/** Every sheet in workbook order; each sheet's rows must be read before the next sheet is asked for. */
export async function* readWorkbook(path: string): AsyncGenerator<WorkbookSheet> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'emit',
	});
	let iterator: AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>;
	try {
		iterator = reader[Symbol.asyncIterator]();
	} catch (error) {
		throw new WorkbookError(describe(error));
	}
	for (;;) {
		let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
		try {
			next = await iterator.next();
		} catch (error) {
			throw new WorkbookError(describe(error));
		}
		if (next.done) return;
		const sheet = next.value as ExcelJS.stream.xlsx.WorksheetReader & {name?: string; id: number};
		yield {name: sheet.name ?? `Sheet${sheet.id}`, rows: rowsOf(sheet)};
	}
}

async function* rowsOf(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SheetRow> {
	try {
		for await (const row of sheet) {
			const values = row.values as unknown[];
			const cells: Cell[] = new Array(Math.max(values.length - 1, 0));
			for (let column = 1; column < values.length; column++) {
				const value = values[column];
				cells[column - 1] = value === undefined || value === null ? EMPTY : toCell(value, () => row.getCell(column).numFmt);
			}
			yield {number: row.number, cells};
		}
	} catch (error) {
		throw new WorkbookError(describe(error));
	}
}

function toCell(value: unknown, format: () => string | undefined): Cell {
	if (typeof value === 'string') return value.trim() === '' ? EMPTY : {kind: 'text', text: value.trim()};
	if (typeof value === 'number') return {kind: 'number', value, percent: /%/.test(format() ?? '')};
	if (typeof value === 'boolean') return {kind: 'boolean', value};
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? {kind: 'error', text: '#DATE!'} : {kind: 'date', date: value};
	if (typeof value === 'object' && value !== null) {
		const object = value as {result?: unknown; formula?: unknown; sharedFormula?: unknown; richText?: Array<{text: string}>; text?: unknown; error?: unknown};
		if ('error' in object) return {kind: 'error', text: String(object.error)};
		if (object.richText) return toCell(object.richText.map(part => part.text).join(''), format);
		if ('formula' in object || 'sharedFormula' in object) return object.result === undefined || object.result === null ? EMPTY : toCell(object.result, format);
		if (typeof object.text === 'string') return toCell(object.text, format);
	}
	return EMPTY;
}

function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/end of central directory|invalid signature|zip/i.test(message)) return 'it is not an Excel .xlsx workbook (saved as .xls, or password protected?)';
	return message.split('\n')[0]!.slice(0, 120);
}

/** Excel's column letters: 1 is A, 27 is AA. */
export function columnLetter(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

/** A calendar day from an Excel date: exceljs gives midnight UTC for the day Excel shows. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}
