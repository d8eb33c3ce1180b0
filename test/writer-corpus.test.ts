// Real writers' files (test/corpus, made by scripts/writer-corpus/make.ts from one content): each
// loads exactly as the same rows do from CSV, figure for figure, or is refused in the one line
// that says why; the bad cells' errors name the same rows and cells as the CSV's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runAnnexLoad} from '../source/loader/annex-a/annex-load.js';
import {runLoad} from '../source/loader/load.js';
import {formatSummary} from '../source/loader/summary.js';
import {columnLetter} from '../source/loader/workbook.js';
import {ANNEX_FROM, ANNEX_TO, BAD_CELLS, corpusContent, KINDS, referenceCsv, corpusCsv} from '../scripts/writer-corpus/content.js';
import {FIXED_NOW, SAMPLES_DIR, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

const CORPUS = path.resolve(import.meta.dirname, 'corpus');

export const WRITERS = [
	'exceljs',
	'sheetjs',
	'openpyxl',
	'xlsxwriter',
	'pandas-openpyxl',
	'pandas-xlsxwriter',
	'libreoffice-excel2007',
	'libreoffice-ooxml',
	'gnumeric-xlsx',
	'gnumeric-xlsx2',
] as const;

// The figures and definitions a load leaves; the loads record (paths, hashes, times) differs by file.
const DATA_TABLES = ['teams', 'whole_service', 'indicators', 'targets', 'measures', 'benchmarks', 'commentary', 'rebases', 'caseloads', 'team_aliases'];

async function figures(db: string): Promise<Record<string, unknown[]>> {
	const content = await storeContent(db);
	return Object.fromEntries(DATA_TABLES.map(table => [table, content[table] ?? []]));
}

/** A new store whose worker key is the reference's, so worker hashes compare. */
function storeBeside(reference: string): string {
	const db = path.join(tempDir(), 'store.db');
	fs.copyFileSync(`${reference}.key`, `${db}.key`);
	return db;
}

const load = (db: string, files: string[]) => runLoad({db, files, now: FIXED_NOW, user: 'tester'});

let referenceStore: Promise<string> | undefined;

/** The sample rows from CSV: what every workbook of the same content must load to. */
function reference(): Promise<string> {
	referenceStore ??= (async () => {
		const dir = tempDir();
		const db = path.join(dir, 'reference.db');
		const result = await load(
			db,
			KINDS.map(kind => writeCsv(dir, `${kind}.csv`, corpusCsv(kind))),
		);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		return db;
	})();
	return referenceStore;
}

const content = corpusContent();
const measures = content.formulas.sheets.find(sheet => sheet.name === 'measures')!;
const formulaRows = measures.rows.flatMap((row, i) => (row.some(cell => cell !== null && typeof cell === 'object' && 'formula' in cell) ? [{row: i + 1, value: (row[3] as {value: number}).value}] : []));
const numeratorColumn = columnLetter(4);

/** The one line a workbook whose formulas have no saved results is refused with. */
function unsavedLine(file: string, first: number, count: number): string {
	const more = count > 1 ? ` (and ${count - 1} more in this sheet)` : '';
	return `${file} [measures] row ${first} (${numeratorColumn}${first}): formula with no saved value${more}: open and save the file in Excel or LibreOffice, or save values`;
}

/** What a writer's formulas.xlsx must give: the reference's figures, or the one refusal line. */
function formulaOutcome(writer: (typeof WRITERS)[number], file: string): string[] | null {
	const zeros = formulaRows.filter(row => row.value === 0);
	switch (writer) {
		// openpyxl (and pandas on it) save formulas with no result at all.
		case 'openpyxl':
		case 'pandas-openpyxl':
		// pandas through XlsxWriter saves a placeholder 0 for every formula, in a file marked to recalculate.
		case 'pandas-xlsxwriter':
			return [unsavedLine(file, formulaRows[0]!.row, formulaRows.length)];
		// XlsxWriter saves the results it is given, but marks the file to recalculate: a saved 0 cannot be told from a placeholder.
		case 'xlsxwriter':
			return [unsavedLine(file, zeros[0]!.row, zeros.length)];
		default:
			return null;
	}
}

describe('workbooks from every writer load as the same rows from CSV', () => {
	test('the corpus holds every writer\'s four files', () => {
		for (const writer of WRITERS) {
			for (const name of ['values', 'formulas', 'bad', 'annex-a']) assert.ok(fs.existsSync(path.join(CORPUS, writer, `${name}.xlsx`)), `${writer}/${name}.xlsx`);
		}
		// The content has formulas whose saved result is 0, and others: both must be read as saved.
		assert.ok(formulaRows.some(row => row.value === 0) && formulaRows.some(row => row.value !== 0));
	});

	for (const writer of WRITERS) {
		describe(writer, () => {
			test('values.xlsx: every sheet, figure for figure', async () => {
				const ref = await reference();
				const db = storeBeside(ref);
				const result = await load(db, [path.join(CORPUS, writer, 'values.xlsx')]);
				assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
				assert.deepEqual(
					result.summary.files.map(file => file.kind),
					[...KINDS],
				);
				assert.deepEqual(await figures(db), await figures(ref));
			});

			test('formulas.xlsx: saved results read as saved (0 included), or refused in one line when there are none', async () => {
				const ref = await reference();
				const db = storeBeside(ref);
				const file = path.join(CORPUS, writer, 'formulas.xlsx');
				const result = await load(db, [file]);
				const refusal = formulaOutcome(writer, file);
				if (refusal === null) {
					assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
					assert.deepEqual(await figures(db), await figures(ref));
				} else {
					assert.equal(result.ok, false);
					assert.deepEqual(result.ok ? [] : result.errors.slice(0, -1), refusal);
					assert.equal(fs.existsSync(db), false);
				}
			});

			test('bad.xlsx: the same errors as the CSV, by sheet and cell', async () => {
				const dir = tempDir();
				const csvFiles = KINDS.map(kind => {
					const [header, ...lines] = corpusCsv(kind).split('\n');
					const names = header!.split(',');
					for (const [sheet, row, column, text] of BAD_CELLS) {
						if (sheet !== kind) continue;
						const fields = lines[row - 2]!.split(',');
						fields[names.indexOf(column)] = text;
						lines[row - 2] = fields.join(',');
					}
					return writeCsv(dir, `${kind}.csv`, [header, ...lines].join('\n'));
				});
				const fromCsv = await load(path.join(dir, 'csv.db'), csvFiles);
				const file = path.join(CORPUS, writer, 'bad.xlsx');
				const fromWorkbook = await load(path.join(dir, 'xlsx.db'), [file]);
				assert.equal(fromCsv.ok, false);
				assert.equal(fromWorkbook.ok, false);
				const csvErrors = fromCsv.ok ? [] : fromCsv.errors.slice(0, -1);
				assert.equal(csvErrors.length, BAD_CELLS.length, csvErrors.join('\n'));
				const expected = csvErrors.map(line => {
					const match = /^.*\/([a-z_]+)\.csv:(\d+):(\d+): (.*)$/.exec(line)!;
					return `${file} [${match[1]}] row ${match[2]} (${columnLetter(Number(match[3]))}${match[2]}): ${match[4]}`;
				});
				assert.deepEqual(fromWorkbook.ok ? [] : fromWorkbook.errors.slice(0, -1), expected);
				assert.equal(fs.existsSync(path.join(dir, 'xlsx.db')), false);
			});

			test('annex-a.xlsx: every list found by its sheet name, the same figures as exceljs\'s file', async () => {
				const annex = async (file: string) => {
					const db = path.join(tempDir(), 'annex.db');
					const result = await runAnnexLoad({
						db,
						files: ['teams', 'indicators', 'team_aliases'].map(kind => path.join(SAMPLES_DIR, 'annex-a', `${kind}.csv`)),
						now: FIXED_NOW,
						user: 'tester',
						annexA: {file, from: ANNEX_FROM, to: ANNEX_TO},
					});
					assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
					return {db, lists: result.annexA!.lists.map(list => [list.list, list.sheet, list.read, list.used])};
				};
				const mine = await annex(path.join(CORPUS, writer, 'annex-a.xlsx'));
				const theirs = await annex(path.join(CORPUS, 'exceljs', 'annex-a.xlsx'));
				assert.deepEqual(mine.lists, theirs.lists);
				assert.deepEqual(
					mine.lists.map(list => list[1]),
					['List 3 - Referrals', 'list4', 'List 7 - CP plans', 'List 8'],
				);
				const measuresOf = async (db: string) => (await storeContent(db))['measures'];
				const derived = await measuresOf(mine.db);
				assert.ok(Array.isArray(derived) && derived.length > 100);
				assert.deepEqual(derived, await measuresOf(theirs.db));
			});
		});
	}
});

describe("CSV as Excel and LibreOffice save it", () => {
	async function referenceFromText(): Promise<string> {
		const dir = tempDir();
		const db = path.join(dir, 'reference.db');
		const result = await load(db, KINDS.map(kind => writeCsv(dir, `${kind}.csv`, referenceCsv(kind))));
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		return db;
	}

	test('Excel\'s "CSV UTF-8" (BOM, CRLF, periods as dd/mm/yyyy) loads as the same rows', async () => {
		const ref = await referenceFromText();
		const db = storeBeside(ref);
		const result = await load(db, KINDS.map(kind => path.join(CORPUS, 'csv', 'excel-csv-utf8', `${kind}.csv`)));
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.deepEqual(await figures(db), await figures(ref));
		assert.deepEqual(result.summary.notes, []);
	});

	test('Excel\'s plain "CSV" (Windows-1252: £, curly quotes, a dash) loads as the same rows, and the summary says how it was read', async () => {
		const ref = await referenceFromText();
		const db = storeBeside(ref);
		const files = KINDS.map(kind => path.join(CORPUS, 'csv', 'excel-csv', `${kind}.csv`));
		const result = await load(db, files);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.deepEqual(await figures(db), await figures(ref));
		const commentary = (await figures(db))['commentary'] as Array<{text: string}>;
		assert.ok(commentary.some(row => row.text.includes('\u201crepeat\u201d work cost \u00a312k')));
		// Only the file with bytes beyond ASCII was read as Windows-1252 (the others are ASCII, the same in both).
		assert.deepEqual(result.summary.notes, [`${files[KINDS.indexOf('commentary')]}: read as Windows-1252 (Excel's plain "CSV"), not UTF-8`]);
		assert.match(formatSummary(result.summary), /note: .*commentary\.csv: read as Windows-1252/);
	});

	test("LibreOffice's CSV of every sheet (periods as the cells show them, Dec-17) loads as the same rows", async () => {
		const ref = await reference();
		const db = storeBeside(ref);
		const result = await load(db, KINDS.map(kind => path.join(CORPUS, 'csv', 'libreoffice', `values-${kind}.csv`)));
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		assert.deepEqual(await figures(db), await figures(ref));
	});
});

describe('files users try that are not .xlsx', () => {
	const cases: Array<[string, RegExp]> = [
		['values.ods', /: cannot read the workbook: it is an OpenDocument spreadsheet \(\.ods\): open it in LibreOffice or Excel and save it as \.xlsx/],
		['values.xls', /: cannot read the workbook: it is an Excel 97-2003 workbook \(\.xls\): open it in Excel or LibreOffice and save it as \.xlsx/],
		['values.xlsb', /: cannot read the workbook: it is an Excel binary workbook \(\.xlsb\): open it in Excel and save it as \.xlsx/],
	];
	for (const [name, message] of cases) {
		test(`${name} is refused in one line that says what to save it as`, async () => {
			const db = path.join(tempDir(), 'store.db');
			const result = await load(db, [path.join(CORPUS, 'refused', name)]);
			assert.equal(result.ok, false);
			const errors = result.ok ? [] : result.errors;
			assert.equal(errors.length, 2, errors.join('\n'));
			assert.match(errors[0]!, message);
			assert.ok(errors[0]!.startsWith(`${path.join(CORPUS, 'refused', name)}:1:1: `));
			assert.equal(fs.existsSync(db), false);
		});
	}
});
