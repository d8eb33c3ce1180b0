// Reads an .xlsx workbook sheet by sheet with exceljs's streaming reader (chosen by measurement:
// README "Stack"), and gives each cell as Excel holds it, formulas as their cached value.
import fs from 'node:fs';
import {Readable} from 'node:stream';
import zlib from 'node:zlib';
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
		await prime(reader, fs.readFileSync(path));
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

type Primed = {
	_parseRels(s: Readable): Promise<void>;
	_parseWorkbook(s: Readable): Promise<void>;
	_parseStyles(s: Readable): Promise<void>;
	_parseSharedStrings(s: Readable): AsyncGenerator<unknown>;
};

/**
 * exceljs reads the sheet list, the 1904 date flag, the number formats and the shared strings from
 * their own zip entries as they stream by; a writer may put those after the sheets, and then
 * exceljs fails ("reading 'sheets'"), reads dates as numbers or text as empty. Read them first
 * with exceljs's own parsers (reading them again when they stream by gives the same).
 */
async function prime(reader: ExcelJS.stream.xlsx.WorkbookReader, zip: Buffer): Promise<void> {
	const primed = reader as unknown as Primed;
	const entries: Array<[string, (s: Readable) => Promise<void>]> = [
		['xl/_rels/workbook.xml.rels', s => primed._parseRels(s)],
		['xl/workbook.xml', s => primed._parseWorkbook(s)],
		['xl/styles.xml', s => primed._parseStyles(s)],
		[
			'xl/sharedStrings.xml',
			async s => {
				for await (const _event of primed._parseSharedStrings(s));
			},
		],
	];
	for (const [name, parse] of entries) {
		const data = zipEntry(zip, name);
		if (data !== undefined) await parse(Readable.from([data]));
	}
}

/** One small entry of a zip, found through its central directory; undefined when absent or unreadable. */
function zipEntry(zip: Buffer, name: string): Buffer | undefined {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end === -1 || end + 22 > zip.length) return undefined;
	let at = zip.readUInt32LE(end + 16);
	for (let i = zip.readUInt16LE(end + 10); i > 0 && at + 46 <= zip.length; i--) {
		if (zip.readUInt32LE(at) !== 0x02014b50) return undefined;
		const nameLength = zip.readUInt16LE(at + 28);
		const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
			const method = zip.readUInt16LE(at + 10);
			const size = zip.readUInt32LE(at + 20);
			const local = zip.readUInt32LE(at + 42);
			const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
			const data = zip.subarray(start, start + size);
			try {
				return method === 8 ? zlib.inflateRawSync(data) : data;
			} catch {
				return undefined;
			}
		}
		at = next;
	}
	return undefined;
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
export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}
