// How the .xlsx reader was chosen (README "Excel workbooks"): three readers, each with whatever
// works around its faults, measured on the writer corpus (test/corpus: files read right, per
// writer) and on 100,000 measure rows (time and peak RSS, each run in a process of its own).
//
//   npx tsx scripts/bench/xlsx-readers.ts
//
// Not part of `npm run bench` or `npm test`: a record of the choice, to run again when a reader changes.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import {Workbook} from '../../source/loader/workbook.js';
import {corpusContent, type JsonCell} from '../writer-corpus/content.js';

type Reader = 'own' | 'exceljs' | 'sheetjs';
/** A sheet as text: each non-empty cell `A1=text`, numbers as the loader reads them, dates as days, a formula with no result `#UNSAVED`. */
type Read = Array<{name: string; cells: Map<string, string>}>;

const READERS: Reader[] = ['own', 'exceljs', 'sheetjs'];

/** A sheet's cells as read: kept for comparing, only counted when timing (so memory is the reader's own). */
class Cells extends Map<string, string> {
	static keep = true;
	count = 0;
	override set(key: string, value: string): this {
		this.count++;
		return Cells.keep ? super.set(key, value) : this;
	}
}
const CORPUS = path.resolve(import.meta.dirname, '../../test/corpus');
const WRITERS = ['exceljs', 'sheetjs', 'openpyxl', 'xlsxwriter', 'pandas-openpyxl', 'pandas-xlsxwriter', 'libreoffice-excel2007', 'libreoffice-ooxml', 'gnumeric-xlsx', 'gnumeric-xlsx2'];

const letter = (column: number): string => {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
};
const numberText = (value: number, percent: boolean) => String(percent ? Number((value * 100).toPrecision(15)) : value);
const day = (date: Date) => date.toISOString().slice(0, 10);

async function readOwn(file: string): Promise<Read> {
	const workbook = await Workbook.open(file);
	try {
		const sheets: Read = [];
		for (const sheet of workbook.sheets) {
			const cells = new Cells();
			for await (const row of workbook.rows(sheet)) {
				for (const {column, cell} of row.cells) {
					const text = cell.kind === 'text' ? cell.text : cell.kind === 'number' ? numberText(cell.value, cell.percent) : cell.kind === 'date' ? day(cell.date) : cell.kind === 'boolean' ? String(cell.value).toUpperCase() : cell.kind === 'unsaved' ? '#UNSAVED' : cell.kind === 'error' ? cell.text : '';
					if (text !== '') cells.set(`${letter(column)}${row.number}`, text);
				}
			}
			sheets.push({name: sheet.name, cells});
		}
		return sheets;
	} finally {
		workbook.close();
	}
}

/** exceljs's streaming reader as the loader used it until this round: sheet list, styles and shared strings read first. */
async function readExcelJs(file: string): Promise<Read> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit'});
	const primed = reader as unknown as {_parseRels(s: Readable): Promise<void>; _parseWorkbook(s: Readable): Promise<void>; _parseStyles(s: Readable): Promise<void>; _parseSharedStrings(s: Readable): AsyncGenerator<unknown>};
	const zip = fs.readFileSync(file);
	for (const [name, parse] of [
		['xl/_rels/workbook.xml.rels', (s: Readable) => primed._parseRels(s)],
		['xl/workbook.xml', (s: Readable) => primed._parseWorkbook(s)],
		['xl/styles.xml', (s: Readable) => primed._parseStyles(s)],
		['xl/sharedStrings.xml', async (s: Readable) => {
			for await (const _ of primed._parseSharedStrings(s));
		}],
	] as const) {
		const data = zipEntry(zip, name);
		if (data !== undefined) await parse(Readable.from([data]));
	}
	const sheets: Read = [];
	for await (const sheet of reader) {
		const named = sheet as unknown as {name?: string; id: number} & AsyncIterable<ExcelJS.Row>;
		const cells = new Cells();
		for await (const row of named) {
			const values = row.values as unknown[];
			for (let column = 1; column < values.length; column++) {
				const text = excelJsText(values[column], () => row.getCell(column).numFmt);
				if (text !== '') cells.set(`${letter(column)}${row.number}`, text);
			}
		}
		sheets.push({name: named.name ?? `Sheet${named.id}`, cells});
	}
	return sheets;
}

function excelJsText(value: unknown, format: () => string | undefined): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return numberText(value, /%/.test(format() ?? ''));
	if (typeof value === 'boolean') return String(value).toUpperCase();
	if (value instanceof Date) return day(value);
	const object = value as {result?: unknown; formula?: unknown; sharedFormula?: unknown; richText?: Array<{text: string}>; text?: unknown; error?: unknown};
	if ('error' in object) return String(object.error);
	if (object.richText) return object.richText.map(part => part.text).join('').trim();
	// exceljs gives no result for a formula with none, and none for a saved 0 or FALSE either.
	if ('formula' in object || 'sharedFormula' in object) return object.result === undefined || object.result === null ? '#UNSAVED' : excelJsText(object.result, format);
	if (typeof object.text === 'string') return object.text.trim();
	return '';
}

function zipEntry(zip: Buffer, name: string): Buffer | undefined {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end === -1) return undefined;
	let at = zip.readUInt32LE(end + 16);
	for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
		const nameLength = zip.readUInt16LE(at + 28);
		const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
			const local = zip.readUInt32LE(at + 42);
			const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
			const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
			return zip.readUInt16LE(at + 10) === 8 ? zlib.inflateRawSync(data) : data;
		}
		at = next;
	}
	return undefined;
}

function readSheetJs(file: string): Read {
	const workbook = XLSX.read(fs.readFileSync(file), {cellDates: true, cellNF: true, cellFormula: true, dense: true});
	return workbook.SheetNames.map(name => {
		const sheet = workbook.Sheets[name]!;
		const cells = new Cells();
		const rows = (sheet['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
		rows.forEach((row, r) => {
			row?.forEach((cell, c) => {
				if (cell === undefined) return;
				let text = '';
				if (cell.f !== undefined && cell.v === undefined) text = '#UNSAVED';
				else if (cell.t === 's') text = String(cell.v ?? '').trim();
				else if (cell.t === 'n') text = numberText(cell.v as number, /%/.test(String(cell.z ?? '')));
				else if (cell.t === 'd') text = day(cell.v as Date);
				else if (cell.t === 'b') text = String(cell.v).toUpperCase();
				else if (cell.t === 'e') text = String(cell.w ?? cell.v);
				if (text !== '') cells.set(`${letter(c + 1)}${r + 1}`, text);
			});
		});
		return {name, cells};
	});
}

const read = (reader: Reader, file: string): Promise<Read> => (reader === 'own' ? readOwn(file) : reader === 'exceljs' ? readExcelJs(file) : Promise.resolve(readSheetJs(file)));

/** What a right reading of a writer's file holds; a formula's expectation depends on what the writer saves. */
function expected(writer: string, name: string): Read {
	const book = corpusContent()[name as 'values'];
	const unsaved = ['openpyxl', 'pandas-openpyxl', 'pandas-xlsxwriter'].includes(writer);
	return book.sheets.map(sheet => {
		const cells = new Cells();
		sheet.rows.forEach((row, r) =>
			row.forEach((cell: JsonCell, c) => {
				let text: string;
				if (cell === null) return;
				if (typeof cell === 'string') text = cell.trim();
				else if (typeof cell === 'number') text = String(cell);
				else if ('date' in cell) text = cell.date;
				else if ('number' in cell) text = numberText(cell.number, cell.format.endsWith('%'));
				else text = unsaved ? '#UNSAVED' : String(cell.value);
				if (text !== '') cells.set(`${letter(c + 1)}${r + 1}`, text);
			}),
		);
		return {name: sheet.name, cells};
	});
}

/** Right: the same sheets in order with the same names and every cell the same (XlsxWriter's saved 0 may be flagged: its file asks to be recalculated). */
function compare(writer: string, got: Read, want: Read): string | null {
	if (got.map(sheet => sheet.name).join('|') !== want.map(sheet => sheet.name).join('|')) return `sheets ${got.map(sheet => sheet.name).join(', ')}`;
	for (const [i, sheet] of want.entries()) {
		const cells = got[i]!.cells;
		for (const [ref, text] of sheet.cells) {
			const mine = cells.get(ref);
			if (mine === text) continue;
			if (writer === 'xlsxwriter' && text === '0' && mine === '#UNSAVED') continue;
			return `[${sheet.name}] ${ref}: ${mine ?? '(empty)'} for ${text}`;
		}
		for (const ref of cells.keys()) if (!sheet.cells.has(ref)) return `[${sheet.name}] ${ref}: ${cells.get(ref)} for (empty)`;
	}
	return null;
}

async function corpus(): Promise<void> {
	const table: Record<Reader, Record<string, number>> = {own: {}, exceljs: {}, sheetjs: {}};
	const faults: string[] = [];
	for (const writer of WRITERS) {
		for (const name of ['values', 'formulas', 'bad', 'annex-a']) {
			const file = path.join(CORPUS, writer, `${name}.xlsx`);
			const want = expected(writer, name);
			for (const reader of READERS) {
				let fault: string | null;
				try {
					fault = compare(writer, await read(reader, file), want);
				} catch (error) {
					fault = `failed: ${(error as Error).message.split('\n')[0]}`;
				}
				if (fault === null) table[reader][writer] = (table[reader][writer] ?? 0) + 1;
				else faults.push(`${reader} on ${writer}/${name}.xlsx: ${fault}`);
			}
		}
	}
	process.stdout.write(`files read right, of 4 per writer (${WRITERS.length * 4} in all)\n`);
	process.stdout.write(`| writer | ${READERS.join(' | ')} |\n|---|${READERS.map(() => '---').join('|')}|\n`);
	for (const writer of WRITERS) process.stdout.write(`| ${writer} | ${READERS.map(reader => table[reader][writer] ?? 0).join(' | ')} |\n`);
	process.stdout.write(`| all | ${READERS.map(reader => Object.values(table[reader]).reduce((a, b) => a + b, 0)).join(' | ')} |\n\nfirst fault per file:\n${faults.join('\n')}\n\n`);
}

/** 100,000 measure rows, one sheet, periods as date cells, shared strings: the bench's shape. */
async function bigWorkbook(file: string): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: true, useStyles: true});
	const sheet = workbook.addWorksheet('measures');
	sheet.addRow(['period', 'indicator', 'team', 'numerator', 'denominator', 'value']).commit();
	for (let i = 0; i < 100_000; i++) {
		const row = sheet.addRow([new Date(Date.UTC(2000 + Math.floor(i / 12_000), Math.floor(i / 1000) % 12, 1)), `IND${i % 100}`, `TEAM${Math.floor(i / 100) % 10}`, i % 997, 1000, null]);
		row.getCell(1).numFmt = 'mmm-yy';
		row.commit();
	}
	sheet.commit();
	await workbook.commit();
}

async function timing(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-readers-'));
	const file = path.join(dir, 'big.xlsx');
	await bigWorkbook(file);
	process.stdout.write(`100,000 rows (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB), each reader in its own process, two runs:\n| reader | time | peak RSS |\n|---|---|---|\n`);
	for (const reader of READERS) {
		const runs = [0, 1].map(() => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', reader, file], {encoding: 'utf8'})) as {ms: number; rss: number; cells: number});
		process.stdout.write(`| ${reader} | ${runs.map(run => `${(run.ms / 1000).toFixed(2)} s`).join(', ')} | ${runs.map(run => `${run.rss.toFixed(0)} MiB`).join(', ')} | (${runs[0]!.cells} cells)\n`);
	}
	fs.rmSync(dir, {recursive: true, force: true});
}

if (process.argv[2] === '--one') {
	const start = performance.now();
	Cells.keep = false;
	const sheets = await read(process.argv[3] as Reader, process.argv[4]!);
	const cells = sheets.reduce((sum, sheet) => sum + (sheet.cells as Cells).count, 0);
	process.stdout.write(JSON.stringify({ms: performance.now() - start, rss: process.resourceUsage().maxRSS / 1024, cells}));
} else {
	process.stdout.write(`${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map(n => n.toFixed(1)).join(' ')}\n\n`);
	await corpus();
	await timing();
}
