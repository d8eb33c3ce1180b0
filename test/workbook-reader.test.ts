// The .xlsx reader on what real and hostile writers do: every sheet, names from the relationships
// whatever their form, formula results as saved, and bombs, far cells, hundreds of sheets, hidden
// sheets and escaping relationships each refused in one line or read within bounds, the store unchanged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {formatSummary} from '../source/loader/summary.js';
import {decodeEscapes, isDateFormat, isPercentFormat, Workbook, type Cell} from '../source/loader/workbook.js';
import {resolveTarget} from '../source/loader/xlsx-package.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';
import {inlineRow, writeXlsx, xlsx, zip, type BookSpec} from './helpers/xlsx.js';

const TEAMS = 'code,name,population\nEAST,East,1000\nWEST,West,2000\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nCASES,1,Open cases,count,none,,,snapshot,Open cases\nFLAG,2,Flagged,count,none,,,snapshot,Flagged\n';
const HEADER = ['period', 'indicator', 'team', 'numerator', 'denominator', 'value'];

async function read(file: string): Promise<Array<{name: string; hidden: boolean; rows: Array<[number, Array<[number, Cell]>]>}>> {
	const workbook = await Workbook.open(file);
	try {
		const sheets = [];
		for (const sheet of workbook.sheets) {
			const rows: Array<[number, Array<[number, Cell]>]> = [];
			for await (const row of workbook.rows(sheet)) rows.push([row.number, row.cells.map(({column, cell}) => [column, cell])]);
			sheets.push({name: sheet.name, hidden: sheet.hidden, rows});
		}
		return sheets;
	} finally {
		workbook.close();
	}
}

async function refusal(file: string): Promise<string> {
	try {
		await read(file);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('read without a refusal');
}

/** A store with the catalogue, its content, and a loader over it. */
async function seeded() {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	await loadFixture(db, {'teams.csv': TEAMS, 'indicators.csv': INDICATORS});
	const before = await storeContent(db);
	const load = (file: string) => runLoad({db, files: [file], now: FIXED_NOW, user: 'tester'});
	return {dir, db, before, load};
}

const measureSheet = (name: string, rows: Array<Array<string | number | null>>, extra: Partial<BookSpec['sheets'][number]> = {}) => ({
	name,
	xml: [HEADER, ...rows].map((row, i) => inlineRow(i + 1, row)).join(''),
	...extra,
});

describe('the reader: what writers differ in', () => {
	test('sheet names from the relationships whatever the target form: absolute, relative, ./ and ../', async () => {
		const dir = tempDir();
		const file = writeXlsx(path.join(dir, 'targets.xlsx'), {
			sheets: [
				measureSheet('absolute', [['2017-12', 'CASES', 'EAST', 1, null, null]], {target: '/xl/worksheets/a.xml'}),
				measureSheet('relative', [['2017-12', 'CASES', 'WEST', 2, null, null]], {target: 'worksheets/b.xml'}),
				measureSheet('dot', [['2017-11', 'CASES', 'EAST', 3, null, null]], {target: './worksheets/c.xml'}),
				measureSheet('up', [['2017-11', 'CASES', 'WEST', 4, null, null]], {target: '../xl/worksheets/d.xml', part: 'xl/worksheets/d.xml'}),
			],
		});
		assert.deepEqual(
			(await read(file)).map(sheet => sheet.name),
			['absolute', 'relative', 'dot', 'up'],
		);
		assert.equal(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml', undefined), 'xl/worksheets/sheet1.xml');
		assert.equal(resolveTarget('xl/workbook.xml', './worksheets/sheet1.xml', undefined), 'xl/worksheets/sheet1.xml');
		assert.equal(resolveTarget('xl/workbook.xml', '../../etc/passwd', undefined), null);
		assert.equal(resolveTarget('xl/workbook.xml', 'file:///etc/passwd', undefined), null);
		assert.equal(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml', 'External'), null);
	});

	test('twenty one-row sheets of inline strings, workbook part last: every sheet, every time', async () => {
		const {dir, load} = await seeded();
		const sheets = Array.from({length: 20}, (_, i) => measureSheet(`s${i + 1}`, [[`${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 'CASES', 'EAST', i, null, null]]));
		const file = writeXlsx(path.join(dir, 'twenty.xlsx'), {sheets, workbookLast: true});
		for (let run = 0; run < 3; run++) {
			const result = await load(file);
			assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
			assert.equal(result.summary.files.length, 20);
			assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')!.rows, 20);
		}
	});

	test('a formula\'s saved result as saved: 0, FALSE, text; none saved is marked; a saved 0 in a file marked to recalculate is marked too', async () => {
		const dir = tempDir();
		const rows = '<row r="1"><c r="A1"><f>SUM(B1:B3)</f><v>0</v></c><c r="B1" t="b"><f>1=2</f><v>0</v></c><c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D1"><f>1+1</f></c><c r="E1"><f>2*3</f><v>6</v></c></row>';
		const saved = writeXlsx(path.join(dir, 'saved.xlsx'), {sheets: [{name: 'f', xml: rows}]});
		assert.deepEqual((await read(saved))[0]!.rows, [
			[
				1,
				[
					[1, {kind: 'number', value: 0, percent: false}],
					[2, {kind: 'boolean', value: false}],
					[3, {kind: 'text', text: 'ab'}],
					[4, {kind: 'unsaved'}],
					[5, {kind: 'number', value: 6, percent: false}],
				],
			],
		]);
		const recalc = writeXlsx(path.join(dir, 'recalc.xlsx'), {sheets: [{name: 'f', xml: rows}], fullCalcOnLoad: true});
		assert.deepEqual(
			(await read(recalc))[0]!.rows[0]![1].map(([, cell]) => cell.kind),
			['unsaved', 'unsaved', 'text', 'unsaved', 'number'],
		);
	});

	test('a formula with no saved result is refused once per sheet, naming sheet and cell; the store is unchanged', async () => {
		const {dir, db, before, load} = await seeded();
		const xml = [inlineRow(1, HEADER), '<row r="2"><c r="A2" t="inlineStr"><is><t>2017-12</t></is></c><c r="B2" t="inlineStr"><is><t>CASES</t></is></c><c r="C2" t="inlineStr"><is><t>EAST</t></is></c><c r="D2"><f>1+1</f></c></row>', '<row r="3"><c r="A3" t="inlineStr"><is><t>2017-12</t></is></c><c r="B3" t="inlineStr"><is><t>CASES</t></is></c><c r="C3" t="inlineStr"><is><t>WEST</t></is></c><c r="D3"><f>2+2</f></c></row>'].join('');
		const file = writeXlsx(path.join(dir, 'openpyxl-like.xlsx'), {sheets: [{name: 'figures', xml}]});
		const result = await load(file);
		assert.equal(result.ok, false);
		assert.deepEqual(result.ok ? [] : result.errors, [
			`${file} [figures] row 2 (D2): formula with no saved value (and 1 more in this sheet): open and save the file in Excel or LibreOffice, or save values`,
			`nothing was loaded into ${db} (1 error)`,
		]);
		assert.deepEqual(await storeContent(db), before);
	});

	test("Excel's _xHHHH_ escapes are decoded in shared and inline strings, _x005F_ keeps a literal one", async () => {
		assert.equal(decodeEscapes('It_x2019_s_x000D_'), 'It\u2019s\r');
		assert.equal(decodeEscapes('_x005F_x0041_'), '_x0041_');
		const {dir, db, load} = await seeded();
		const file = writeXlsx(path.join(dir, 'escapes.xlsx'), {
			sheets: [{name: 'notes', xml: `${inlineRow(1, ['period', 'indicator', 'text'])}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c></row>${inlineRow(3, ['2017-11', 'CASES', 'Inline_x2013_dash'])}`}],
			sharedStrings: ['2017-12', 'CASES', 'Team_x2019_s note _x005F_x0041_'],
		});
		const result = await load(file);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const texts = ((await storeContent(db))['commentary'] as Array<{text: string}>).map(row => row.text).sort();
		assert.deepEqual(texts, ['Inline\u2013dash', 'Team\u2019s note _x0041_']);
	});

	test('number formats: dates and percentages by code, with quoted text, escapes and colours not mistaken', () => {
		for (const code of ['mmm-yy', 'dd/mm/yyyy', '[$-809]dd mmmm yyyy', 'h:mm', '[h]:mm:ss', 'yyyy-mm-dd hh:mm:ss']) assert.ok(isDateFormat(code), code);
		for (const code of ['General', '0.00', '#,##0', '"days"0', '0" d"', '[Red]0.0', '0.00E+00', '\\d0']) assert.ok(!isDateFormat(code), code);
		assert.ok(isPercentFormat('0.0%'));
		assert.ok(!isPercentFormat('0"%"'));
	});

	test('a hidden sheet is loaded, and the summary says so', async () => {
		const {dir, load} = await seeded();
		const file = writeXlsx(path.join(dir, 'hidden.xlsx'), {
			sheets: [measureSheet('shown', [['2017-12', 'CASES', 'EAST', 1, null, null]]), measureSheet('old', [['2017-11', 'CASES', 'EAST', 2, null, null]], {state: 'hidden'})],
		});
		const result = await load(file);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')!.added, 2);
		assert.match(formatSummary(result.summary), new RegExp(`note: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\[old\\]: a hidden sheet, loaded`));
	});
});

describe('hostile workbooks: refused in one line or read within bounds, the store unchanged', () => {
	async function refusedLoad(name: string, content: Buffer, message: RegExp): Promise<void> {
		const {dir, db, before, load} = await seeded();
		const file = path.join(dir, name);
		fs.writeFileSync(file, content);
		const result = await load(file);
		assert.equal(result.ok, false);
		const errors = result.ok ? [] : result.errors;
		assert.equal(errors.length, 2, errors.join('\n'));
		assert.ok(errors[0]!.startsWith(`${file}:1:1: cannot read the workbook: `), errors[0]);
		assert.match(errors[0]!, message);
		assert.deepEqual(await storeContent(db), before);
	}

	test('shared strings declaring 3.5 GB are refused before a byte is inflated', () =>
		refusedLoad('sst-declared.xlsx', xlsx({sheets: [measureSheet('m', [])], sharedStrings: ['a'], sharedStringsDeclared: 3_500_000_000}), /the shared strings would inflate to 3,338 MiB, more than the loader reads \(at most 64 MiB\)/));

	test('shared strings that inflate to more than they declare (80 MB declared as 1 KB) are stopped as soon as they do', () => {
		const body = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(5_000_000)}</sst>`;
		return refusedLoad('sst-lying.xlsx', xlsx({sheets: [measureSheet('m', [])], sharedStringsXml: body, sharedStringsDeclared: 1024}), /the shared strings cannot be read \(a part inflates to a size other than it declares\)/);
	});

	test('a sheet declaring more than 256 MiB, or sheets more than 512 MiB together, are refused before reading', async () => {
		await refusedLoad('sheet-declared.xlsx', xlsx({sheets: [measureSheet('big', [], {declared: 300 * 1024 * 1024})]}), /sheet "big" would inflate to 300 MiB, more than the loader reads \(at most 256 MiB\)/);
		const three = ['a', 'b', 'c'].map(name => measureSheet(name, [], {declared: 200 * 1024 * 1024}));
		await refusedLoad('sheets-declared.xlsx', xlsx({sheets: three}), /its sheets would inflate to 600 MiB, more than the loader reads \(at most 512 MiB\)/);
	});

	test('a sheet of XML that inflates to more than it declares is refused', () => {
		const rows = Array.from({length: 200_000}, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`).join('');
		return refusedLoad('sheet-lying.xlsx', xlsx({sheets: [{name: 'bomb', xml: rows, declared: 4096}]}), /sheet "bomb" cannot be read \(a part inflates to a size other than it declares\)/);
	});

	test('entity tricks (a DOCTYPE) are refused', () =>
		refusedLoad(
			'laughs.xlsx',
			xlsx({sheets: [{name: 'lol', xml: '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'}]}),
			/sheet "lol" declares a DOCTYPE/,
		));

	test('a relationship pointing outside the package, or to a part it does not have, is refused', async () => {
		await refusedLoad('escape.xlsx', xlsx({sheets: [measureSheet('out', [], {target: '../../../etc/passwd', part: 'xl/worksheets/sheet1.xml'})]}), /sheet "out" points outside the workbook \(\.\.\/\.\.\/\.\.\/etc\/passwd\)/);
		await refusedLoad('external.xlsx', xlsx({sheets: [measureSheet('web', [], {target: 'https://example.invalid/sheet.xml', targetMode: 'External'})]}), /sheet "web" points outside the workbook/);
		await refusedLoad('missing.xlsx', xlsx({sheets: [measureSheet('gone', [], {target: 'worksheets/sheet1.xml', part: 'xl/worksheets/other.xml'})]}), /sheet "gone" is missing from the workbook \(xl\/worksheets\/sheet1\.xml\)/);
	});

	test('a cell longer than Excel allows is refused, naming its cell', () =>
		refusedLoad('long.xlsx', xlsx({sheets: [{name: 'long', xml: inlineRow(1, ['x'.repeat(40_000)])}]}), /sheet "long" cell A1 holds more text than an Excel cell can \(32,767 characters\)/));

	test('an encrypted workbook (an OLE file holding EncryptedPackage) and a damaged zip are one line each', async () => {
		// The compound file's header and a directory entry's name, as Excel writes an encrypted .xlsx.
		const header = Buffer.alloc(1536);
		Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
		Buffer.from('EncryptedPackage', 'utf16le').copy(header, 1024);
		await refusedLoad('secret.xlsx', header, /it is a password-protected \(encrypted\) workbook: open it in Excel, remove the password .* and save it as \.xlsx/);
		const cut = xlsx({sheets: [measureSheet('m', [['2017-12', 'CASES', 'EAST', 1, null, null]])]});
		await refusedLoad('cut.xlsx', cut.subarray(0, cut.length - 30), /it is not a readable \.xlsx workbook/);
	});

	test('a sheet of a million empty rows and cells far to the right are read in passing; the table beside them loads', async () => {
		const {dir, load} = await seeded();
		const empty = Array.from({length: 1_000_000}, (_, i) => `<row r="${i + 1}"/>`).join('');
		const far = Array.from({length: 50_000}, (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"/></row>`).join('');
		const file = writeXlsx(path.join(dir, 'empty.xlsx'), {sheets: [{name: 'blank', xml: empty}, {name: 'figures', xml: inlineRow(1, HEADER) + far + inlineRow(50_002, ['2017-12', 'CASES', 'EAST', 7, null, null])}]});
		const result = await load(file);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.deepEqual(
			result.summary.files.map(entry => [entry.kind, entry.rows]),
			[['measures', 1]],
		);
	});

	test('500 sheets are all read', async () => {
		const {dir, load} = await seeded();
		// 216 months of 2000-2017, for two teams and two indicators: 500 different rows.
		const month = (i: number) => `${2000 + Math.floor((i % 216) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
		const sheets = Array.from({length: 500}, (_, i) => measureSheet(`sheet ${i + 1}`, [[month(i), i < 432 ? 'CASES' : 'FLAG', Math.floor(i / 216) % 2 === 0 ? 'EAST' : 'WEST', i, null, null]]));
		const result = await load(writeXlsx(path.join(dir, 'many.xlsx'), {sheets}));
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')!.added, 500);
	});

	test('a zip that is not a workbook, and an .xlsx that is text, say what they are', async () => {
		await refusedLoad('plain.xlsx', zip([{name: 'readme.txt', data: 'hello'}]), /it is a zip file but not an Excel \.xlsx workbook/);
		const {dir, load} = await seeded();
		const text = writeCsv(dir, 'text.xlsx', TEAMS);
		const result = await load(text);
		assert.match(result.ok ? '' : result.errors[0]!, /text\.xlsx:1:1: cannot read the workbook: it is not an Excel \.xlsx workbook/);
	});
});
