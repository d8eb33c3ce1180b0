import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import type {Kind} from '../source/loader/kinds.js';
import {runLoad} from '../source/loader/load.js';
import type {FieldValue, RowSource, SourceRecord} from '../source/loader/row-source.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// Any reader (a workbook's sheet here, made in memory) feeds the same validators through the row
// source interface: numbers and dates as cells, and problems named by sheet, row and cell.

function sheetSource(index: number, sheet: string, kind: Kind, columns: string[], rows: FieldValue[][]): RowSource {
	const letters = 'ABCDEFGHIJ';
	const source: RowSource & {rows: number} = {
		path: 'figures.xlsx',
		index,
		sheet,
		kind,
		columns: new Set(columns),
		columnNumber: column => (column === null ? 1 : columns.indexOf(column) + 1),
		cellRef: (column, line) => `${letters[column === null ? 0 : columns.indexOf(column)]}${line}`,
		sha256: 'f'.repeat(64),
		rows: 0,
		async *records(): AsyncIterable<SourceRecord> {
			let count = 0;
			for (const [i, row] of rows.entries()) {
				count++;
				yield {line: i + 2, cells: Object.fromEntries(columns.map((column, c) => [column, row[c] ?? null]))};
			}
			source.rows = count;
		},
	};
	return source;
}

const TEAMS = 'code,name,population\nEAST,East,107112\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,x\n';
const MEASURE_COLUMNS = ['period', 'indicator', 'team', 'numerator', 'denominator', 'value'];

test('a sheet of numbers and dates loads like a CSV file, and again changes nothing', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS)];
	const sheet = () =>
		sheetSource(10, 'Figures', 'measures', MEASURE_COLUMNS, [
			[new Date(Date.UTC(2017, 11, 1)), 'FA45', 'EAST', 340, 359, null],
			['Nov-17', 'FA45', 'ALL', 900, 1000, 90],
		]);
	const first = await runLoad({db, files, sources: [sheet()], now: FIXED_NOW});
	assert.equal(first.ok, true, first.ok ? '' : first.errors.join('\n'));
	const measures = (await storeContent(db))['measures'] as Array<{period: string; team: string; value: number}>;
	assert.deepEqual(
		measures.map(row => [row.period, row.team, Number(row.value.toFixed(4))]),
		[['2017-11', 'ALL', 90], ['2017-12', 'EAST', Number(((100 * 340) / 359).toFixed(4))]].sort(),
	);
	const again = await runLoad({db, files, sources: [sheet()], now: FIXED_NOW});
	assert.equal(again.ok && again.changed, false);
});

test("a sheet's problems name the file, sheet, row and cell; the store is unchanged", async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS)];
	const source = sheetSource(10, 'Figures', 'measures', MEASURE_COLUMNS, [
		['2017-12', 'FA45', 'EAST', 'n/a', 359, null],
		['2017-12', 'FA45', 'EAST', 1, 2, null],
	]);
	const result = await runLoad({db, files, sources: [source], now: FIXED_NOW});
	assert.equal(result.ok, false);
	if (!result.ok) {
		assert.deepEqual(result.errors.slice(0, 2), [
			'figures.xlsx [Figures] row 2 (D2): numerator "n/a" is not a number',
			'figures.xlsx [Figures] row 3 (A3): 2017-12 FA45 EAST is also on line 2 (one row per period, indicator and team)',
		]);
	}
	assert.deepEqual(await storeContent(db), {});
});
