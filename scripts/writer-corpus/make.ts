// Remakes test/corpus/: the one content of content.ts written by every writer this machine can
// install, so the loader is tested against real writers' files without needing the writers.
//
//   apt-get install python3-openpyxl python3-xlsxwriter python3-pandas libreoffice-calc-nogui gnumeric
//   npx tsx scripts/writer-corpus/make.ts
//
// (SheetJS, @e965/xlsx, and exceljs come from npm as the project's devDependency and dependency.)
// Each writer's folder holds values.xlsx, formulas.xlsx, bad.xlsx and annex-a.xlsx; refused/ holds
// the formats users try that the loader refuses (.ods, .xls, .xlsb); csv/
// holds Excel's two CSV formats and LibreOffice's, written as those programs write them; content/
// the sample's rows they were all written from (a copy made here, so the corpus does not follow
// later changes to the sample).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import {WINDOWS_1252_HIGH} from '../../source/loader/windows-1252.js';
import {copySampleContent, corpusContent, excelCsvText, KINDS, type Book, type JsonCell} from './content.js';

const OUT = path.resolve(import.meta.dirname, '../../test/corpus');
const HERE = import.meta.dirname;
const PYTHON = '/usr/bin/python3';
const FIXED = new Date('2018-01-15T00:00:00Z');

const run = (command: string, args: string[]) => execFileSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000}).toString();

function serial(date: string): number {
	return (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

async function writeExcelJs(book: Book, file: string): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = workbook.modified = FIXED;
	for (const sheet of book.sheets) {
		const worksheet = workbook.addWorksheet(sheet.name);
		sheet.rows.forEach((row, r) => {
			row.forEach((cell, c) => {
				if (cell === null) return;
				const target = worksheet.getCell(r + 1, c + 1);
				if (typeof cell !== 'object') target.value = cell;
				else if ('date' in cell) {
					target.value = new Date(`${cell.date}T00:00:00Z`);
					target.numFmt = cell.format;
				} else if ('number' in cell) {
					target.value = cell.number;
					target.numFmt = cell.format;
				} else target.value = {formula: cell.formula, result: cell.value};
			});
		});
	}
	await workbook.xlsx.writeFile(file);
}

function sheetJsCell(cell: Exclude<JsonCell, null>): XLSX.CellObject {
	if (typeof cell === 'string') return {t: 's', v: cell};
	if (typeof cell === 'number') return {t: 'n', v: cell};
	if ('date' in cell) return {t: 'n', v: serial(cell.date), z: cell.format};
	if ('number' in cell) return {t: 'n', v: cell.number, z: cell.format};
	return {t: 'n', v: cell.value, f: cell.formula};
}

function sheetJsBook(book: Book): XLSX.WorkBook {
	const workbook = XLSX.utils.book_new();
	for (const sheet of book.sheets) {
		const worksheet: XLSX.WorkSheet = {};
		let width = 0;
		sheet.rows.forEach((row, r) => {
			width = Math.max(width, row.length);
			row.forEach((cell, c) => {
				if (cell !== null) worksheet[XLSX.utils.encode_cell({r, c})] = sheetJsCell(cell);
			});
		});
		worksheet['!ref'] = XLSX.utils.encode_range({s: {r: 0, c: 0}, e: {r: sheet.rows.length - 1, c: width - 1}});
		XLSX.utils.book_append_sheet(workbook, worksheet, sheet.name);
	}
	return workbook;
}

/** LibreOffice headless, one conversion at a time (it keeps one profile). */
function soffice(args: string[]): void {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lo-'));
	try {
		run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args]);
	} finally {
		fs.rmSync(profile, {recursive: true, force: true});
	}
}

// The sample's rows as they are now (test/corpus/content): the content every writer writes.
fs.rmSync(OUT, {recursive: true, force: true});
copySampleContent();
const content = corpusContent();
const names = Object.keys(content) as Array<keyof typeof content>;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
const dir = (name: string) => {
	const folder = path.join(OUT, name);
	fs.mkdirSync(folder, {recursive: true});
	return folder;
};

// npm writers.
for (const name of names) {
	await writeExcelJs(content[name], path.join(dir('exceljs'), `${name}.xlsx`));
	fs.writeFileSync(path.join(dir('sheetjs'), `${name}.xlsx`), XLSX.write(sheetJsBook(content[name]), {type: 'buffer', bookType: 'xlsx', compression: true}));
}

// Python writers.
const json = path.join(temp, 'content.json');
fs.writeFileSync(json, JSON.stringify(content));
run(PYTHON, [path.join(HERE, 'write.py'), json, OUT]);

// LibreOffice (both .xlsx filters) and Gnumeric (both exporters) save what they open: exceljs's files, which carry formula results.
for (const [folder, filter] of [
	['libreoffice-excel2007', 'xlsx:Calc MS Excel 2007 XML'],
	['libreoffice-ooxml', 'xlsx:Calc Office Open XML'],
] as const) {
	soffice(['--convert-to', filter, '--outdir', dir(folder), ...names.map(name => path.join(OUT, 'exceljs', `${name}.xlsx`))]);
}
for (const [folder, exporter] of [
	['gnumeric-xlsx', 'Gnumeric_Excel:xlsx'],
	['gnumeric-xlsx2', 'Gnumeric_Excel:xlsx2'],
] as const) {
	for (const name of names) run('ssconvert', ['-T', exporter, path.join(OUT, 'exceljs', `${name}.xlsx`), path.join(dir(folder), `${name}.xlsx`)]);
}

// What users try that is not .xlsx.
const refused = dir('refused');
const values = path.join(OUT, 'exceljs', 'values.xlsx');
soffice(['--convert-to', 'ods', '--outdir', refused, values]);
soffice(['--convert-to', 'xls:MS Excel 97', '--outdir', refused, values]);
fs.writeFileSync(path.join(refused, 'values.xlsb'), XLSX.write(sheetJsBook(content.values), {type: 'buffer', bookType: 'xlsb'}));

// CSV as Excel saves it: "CSV UTF-8" (a BOM) and plain "CSV" (Windows-1252), CRLF, dates as the UK shows them.
for (const [folder, encoding] of [
	['excel-csv-utf8', 'utf-8'],
	['excel-csv', 'windows-1252'],
] as const) {
	const csvDir = dir(path.join('csv', folder));
	for (const kind of KINDS) {
		const text = excelCsvText(kind);
		const bytes = encoding === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : windows1252(text);
		fs.writeFileSync(path.join(csvDir, `${kind}.csv`), bytes);
	}
}
// LibreOffice's CSV of every sheet (UTF-8, comma, "save cell contents as shown": periods as Dec-17, percentages with %).
const loCsv = dir(path.join('csv', 'libreoffice'));
soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', loCsv, values]);

fs.rmSync(temp, {recursive: true, force: true});
process.stdout.write(`${run('find', [OUT, '-type', 'f']).split('\n').filter(Boolean).length} files in ${path.relative(process.cwd(), OUT)}\n`);

/** Windows-1252 bytes of text that holds only characters it has (the content is chosen so). */
function windows1252(text: string): Buffer {
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0)!;
		const high = WINDOWS_1252_HIGH.indexOf(char);
		if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
		else if (high !== -1) bytes.push(0x80 + high);
		else throw new Error(`${JSON.stringify(char)} has no Windows-1252 byte`);
	}
	return Buffer.from(bytes);
}
