import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import ExcelJS from 'exceljs';
import {runLoad} from '../source/loader/load.js';
import {columnLetter} from '../source/loader/workbook.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

type Value = ExcelJS.CellValue;
type SheetSpec = {name: string; rows: Value[][]; formats?: Record<string, string>};

async function writeWorkbook(dir: string, name: string, sheets: SheetSpec[]): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	for (const spec of sheets) {
		const sheet = workbook.addWorksheet(spec.name);
		for (const row of spec.rows) sheet.addRow(row);
		for (const [address, format] of Object.entries(spec.formats ?? {})) sheet.getCell(address).numFmt = format;
	}
	const file = path.join(dir, name);
	await workbook.xlsx.writeFile(file);
	return file;
}

const TEAMS: Value[][] = [
	['code', 'name', 'population'],
	['EAST', ' East ', 107112],
	['WEST', 'West', 95000],
];
const INDICATORS: Value[][] = [
	['code', 'number', 'title', 'unit', 'polarity', 'target', 'amber', 'measure', 'definition'],
	['FA45', 3, 'Family assessments in timescale', 'percent', 'higher', 0.85, 5, 'monthly', 'Within 45 working days'],
	['CASES', 2, 'Open cases', 'count', 'none', null, null, 'snapshot', 'Open cases'],
];
const MEASURES_HEADER: Value[] = ['period', 'indicator', 'team', 'numerator', 'denominator', 'value'];

const load = (db: string, files: string[], replace = false) => runLoad({db, files, now: FIXED_NOW, user: 'tester', replace});

describe('workbooks in the loader', () => {
	test('every cell type: dates are months, percent cells are fractions, formulas give cached values, text trimmed; an empty sheet is skipped', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const file = await writeWorkbook(dir, 'figures.xlsx', [
			{name: 'Teams', rows: TEAMS},
			{name: 'Catalogue', rows: INDICATORS, formats: {F2: '0%'}},
			{name: 'Notes', rows: []},
			{
				name: 'Figures',
				rows: [
					// The table starts in column B under a blank row, as people lay sheets out.
					[],
					[null, ...MEASURES_HEADER],
					[null, new Date(Date.UTC(2017, 11, 1)), ' FA45 ', 'EAST', 340, {formula: 'D3+19', result: 359} as Value, null],
					[null, new Date(Date.UTC(2017, 10, 17)), 'FA45', 'WEST', null, null, 0.915],
					[null, 'Dec-17', 'CASES', 'EAST', {formula: '800+12', result: 812} as Value, null, null],
					[null, '2017-12', {richText: [{text: 'CAS'}, {text: 'ES'}]} as Value, 'WEST', null, null, 1204],
				],
				formats: {G4: '0.0%'},
			},
		]);
		const result = await load(db, [file]);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const content = await storeContent(db);
		const measures = (content['measures'] as Array<Record<string, unknown>>).map(row => [row['period'], row['indicator'], row['team'], row['numerator'], row['denominator'], row['value']]);
		const sorted = measures.map(row => JSON.stringify(row)).sort();
		assert.deepEqual(sorted, [
			JSON.stringify(['2017-11', 'FA45', 'WEST', null, null, 91.5]),
			JSON.stringify(['2017-12', 'CASES', 'EAST', 812, null, 812]),
			JSON.stringify(['2017-12', 'CASES', 'WEST', 1204, null, 1204]),
			JSON.stringify(['2017-12', 'FA45', 'EAST', 340, 359, (100 * 340) / 359]),
		]);
		const teams = content['teams'] as Array<Record<string, unknown>>;
		assert.equal(teams.find(team => team['code'] === 'EAST')?.['name'], 'East');
		// 0.85 shown as 85% is a target of 85.
		const targets = content['targets'] as Array<Record<string, unknown>>;
		assert.equal(targets.find(target => target['indicator'] === 'FA45')?.['target'], 85);
		assert.deepEqual(result.ok && result.summary.kinds.map(kind => [kind.kind, kind.rows]), [
			['teams', 2],
			['indicators', 2],
			['measures', 4],
		]);
	});

	test('the same workbook loaded twice changes nothing', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const file = await writeWorkbook(dir, 'figures.xlsx', [
			{name: 'Teams', rows: TEAMS},
			{name: 'Catalogue', rows: INDICATORS},
			{name: 'Figures', rows: [MEASURES_HEADER, ['2017-12', 'CASES', 'EAST', 5, null, null]]},
		]);
		const first = await load(db, [file]);
		assert.ok(first.ok && first.changed);
		const before = await storeContent(db);
		const second = await load(db, [file]);
		assert.ok(second.ok);
		assert.equal(second.changed, false);
		assert.deepEqual(await storeContent(db), before);
	});

	test('errors name the file, sheet, row and cell, and nothing is loaded from any sheet or file', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const teams = writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,1000\n');
		const file = await writeWorkbook(dir, 'figures.xlsx', [
			{name: 'Catalogue', rows: INDICATORS},
			{
				name: 'Figures',
				rows: [MEASURES_HEADER, ['2017-12', 'CASES', 'EAST', 5, null, null], ['2017-12', 'FA45', 'EAST', 3, 4, null], ['2017-11', 'FA45', 'EAST', 3, 4, null], ['2017-10', 'FA45', 'EAST', 'n/a', 4, null]],
			},
			{name: 'Odd', rows: [['when', 'what']]},
		]);
		const result = await load(db, [teams, file]);
		assert.equal(result.ok, false);
		const errors = result.ok ? [] : result.errors;
		assert.ok(errors.includes(`${file} [Figures] row 5 (D5): numerator "n/a" is not a number`), errors.join('\n'));
		assert.ok(errors.some(line => line.startsWith(`${file} [Odd] row 1 (A1): the header row names no kind of sheet`)), errors.join('\n'));
		assert.deepEqual(await storeContent(db), {});
	});

	test('a file that is not a workbook is one clear line', async () => {
		const dir = tempDir();
		const file = writeCsv(dir, 'broken.xlsx', 'code,name,population\n');
		const result = await load(path.join(dir, 'store.db'), [file]);
		assert.equal(result.ok, false);
		assert.match(result.ok ? '' : result.errors[0]!, /broken\.xlsx:1:1: cannot read the workbook: it is not an Excel \.xlsx workbook/);
	});

	test('column letters', () => {
		assert.deepEqual([1, 4, 26, 27, 52, 703].map(columnLetter), ['A', 'D', 'Z', 'AA', 'AZ', 'AAA']);
	});
});
