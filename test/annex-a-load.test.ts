import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import ExcelJS from 'exceljs';
import {listOfSheet, parseDate, parseYesNo} from '../source/loader/annex-a/read-extract.js';
import {runAnnexLoad, formatAnnexSummary} from '../source/loader/annex-a/annex-load.js';
import {formatSummary, runLoad} from '../source/loader/load.js';
import {dayOf} from '../source/domain/working-days.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

const TEAMS = 'code,name,population\nEAST,East,10000\nWEST,West,5000\n';
const ALIASES = 'alias,team\nEast Locality,EAST\n West Team ,WEST\n';
const CATALOGUE = `code,number,title,unit,polarity,target,amber,measure,definition,derive
FA45,1,Assessments in 45 days,percent,higher,85,5,monthly,List 4,annex_a.assessments_45wd
SEEN,2,Seen at assessment,percent,higher,90,,monthly,List 4,annex_a.seen_at_assessment
REREF,3,Re-referrals,percent,lower,24,,monthly,List 3,annex_a.re_referrals_12m
CPP,4,CP plans per 10k,rate_per_10k,none,,,snapshot,List 7,annex_a.cp_plans
CLA,5,Children in care,count,none,,,snapshot,List 8,annex_a.children_in_care
CLAX,6,Children in care excl UASC,count,none,,,snapshot,List 8,annex_a.children_in_care_excl_uasc
`;

const PERSONAL = ['Gender', 'Date of Birth', 'Allocated Worker'];
type Value = ExcelJS.CellValue;

/** A hand-made extract: 1 Nov 2016 to 31 Dec 2017, headers in odd case and spacing, sheet names as exports write them. */
async function handWorkbook(dir: string, team4 = 'east locality '): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	const sheet = (name: string, header: string[], rows: Value[][]) => {
		const ws = workbook.addWorksheet(name);
		ws.addRow([...header, ...PERSONAL]);
		for (const row of rows) ws.addRow([...row, 'b) Female', new Date(Date.UTC(2010, 4, 1)), 'WKR-SECRET-77']);
	};
	const day = (text: string) => new Date(`${text}T00:00:00Z`);
	sheet('List 1', ['Child Unique ID', 'Date of Contact'], [['ID-CONTACT-1', day('2017-12-01')]]);
	sheet('List 3 - Referrals', ['child unique id', 'DATE OF REFERRAL', 'Allocated  Team'], [
		['ID-ALPHA-1001', day('2016-12-05'), 'East Locality'],
		['ID-ALPHA-1001', '05/12/2017', 'East Locality'],
		['ID-BRAVO-2002', day('2017-12-06'), 'West Team'],
		['ID-CHARLIE-3003', day('2017-12-07'), null],
	]);
	sheet('list4', ['Child Unique ID', 'Continuous Assessment Start Date', 'Child Seen During Continuous Assessment', 'Continuous Assessment Date of Authorisation', 'Allocated Team'], [
		['ID-ALPHA-1001', day('2017-10-23'), 'a) Yes', day('2017-12-27'), team4],
		['ID-BRAVO-2002', '23/10/2017', 'N', '28/12/2017', 'West Team'],
		['ID-CHARLIE-3003', day('2017-12-01'), 'Y', null, 'West Team'],
	]);
	sheet('List 7', ['Child Unique ID', 'Child Protection Plan Start Date', 'Child Protection Plan End Date', 'Allocated Team'], [
		['ID-DELTA-4004', day('2017-06-01'), day('2017-11-30'), 'East Locality'],
		['ID-ECHO-5005', day('2017-11-30'), null, 'East Locality'],
	]);
	sheet('List 8', ['Child Unique ID', 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', 'Date Started to be Looked After', 'Date Ceased to be Looked After', 'Allocated Team'], [
		['ID-FOXTROT-6006', 'b) No', day('2015-03-01'), null, 'West Team'],
		['ID-GOLF-7007', 'a) Yes', day('2017-12-31'), null, 'West Team'],
	]);
	const file = path.join(dir, 'annex.xlsx');
	await workbook.xlsx.writeFile(file);
	return file;
}

async function setup(team4?: string) {
	const dir = tempDir();
	const files = [writeCsv(dir, 'teams.csv', TEAMS), writeCsv(dir, 'indicators.csv', CATALOGUE), writeCsv(dir, 'team_aliases.csv', ALIASES)];
	const annex = await handWorkbook(dir, team4);
	return {dir, db: path.join(dir, 'store.db'), files, annex};
}

const annexLoad = (db: string, files: string[], file: string, from = '2016-11-01', to = '2017-12-31') =>
	runAnnexLoad({db, files, now: FIXED_NOW, user: 'tester', annexA: {file, from, to}});

type MeasureRow = {period: string; indicator: string; team: string; numerator: number | null; denominator: number | null; value: number};

describe('Annex A loads', () => {
	test('working_days_convention: a settings file in the same load, else the store\'s setting, decides; the summary says which', async () => {
		const {dir, db, files, annex} = await setup();
		const fa45 = async () => ((await storeContent(db))['measures'] as MeasureRow[]).filter(m => m.indicator === 'FA45' && m.period === '2017-12' && m.team === 'ALL').map(m => [m.numerator, m.denominator]);
		// Started Mon 23 Oct 2017: authorised Wed 27 Dec is 45 working days after the start, Thu 28 Dec 46.
		const byValidator = await annexLoad(db, [...files, writeCsv(dir, 'settings.csv', 'setting,value\nworking_days_convention,start_is_day_1\n')], annex);
		assert.ok(byValidator.ok, byValidator.ok ? '' : byValidator.errors.join('\n'));
		assert.deepEqual(await fa45(), [[0, 2]]);
		assert.match(formatAnnexSummary(byValidator.annexA!), /working days: start_is_day_1 \(the start day is day 1, as Data to Insight's CIN validator counts: authorised by the 44th working day after the start\)/);
		// The store now holds the setting: a load without a settings file counts the same way (nothing new).
		const again = await annexLoad(db, files, annex);
		assert.ok(again.ok && !again.changed, again.ok ? '' : again.errors.join('\n'));
		// Back to the default: December's figure changes, so it is refused without --replace, and replaced with it.
		const settings = writeCsv(dir, 'default.csv', 'setting,value\nworking_days_convention,after_start\n');
		const refused = await annexLoad(db, [settings], annex);
		assert.equal(refused.ok, false);
		const replaced = await runAnnexLoad({db, files: [settings], now: FIXED_NOW, user: 'tester', replace: true, annexA: {file: annex, from: '2016-11-01', to: '2017-12-31'}});
		assert.ok(replaced.ok, replaced.ok ? '' : replaced.errors.join('\n'));
		assert.deepEqual(await fa45(), [[1, 2]]);
		assert.match(formatAnnexSummary(replaced.annexA!), /working days: after_start \(45 counted from the day after the start, the authorisation day included\)/);
	});

	test('hand-worked December 2017 for every derivation, whole service and teams; loading again changes nothing', async () => {
		const {db, files, annex} = await setup();
		const result = await annexLoad(db, files, annex);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const measures = (await storeContent(db))['measures'] as MeasureRow[];
		const at = (indicator: string, team: string, period = '2017-12') => {
			const row = measures.find(m => m.period === period && m.indicator === indicator && m.team === team);
			return row === undefined ? undefined : [row.numerator, row.denominator, Math.round(row.value * 100) / 100];
		};
		// List 4: 45 working days in time (EAST), 46 late (WEST); the open one not counted.
		assert.deepEqual(at('FA45', 'ALL'), [1, 2, 50]);
		assert.deepEqual(at('FA45', 'EAST'), [1, 1, 100]);
		assert.deepEqual(at('FA45', 'WEST'), [0, 1, 0]);
		assert.deepEqual(at('SEEN', 'ALL'), [1, 2, 50]);
		// List 3: ALPHA re-referred exactly a year on; CHARLIE has no team, so the whole service only.
		assert.deepEqual(at('REREF', 'ALL'), [1, 3, 33.33]);
		assert.deepEqual(at('REREF', 'EAST'), [1, 1, 100]);
		assert.deepEqual(at('REREF', 'WEST'), [0, 1, 0]);
		// The extract begins 1 Nov 2016: November 2017 is the first month with a whole year before it
		// (computed, but with no referrals it has no figure); October 2017 is not computed.
		assert.deepEqual([...new Set(measures.filter(m => m.indicator === 'REREF').map(m => m.period))], ['2017-12']);
		// List 7: the plan ending 30 Nov is not open at November's end; the one starting then is.
		assert.deepEqual(at('CPP', 'EAST', '2017-11'), [1, 10000, 1]);
		assert.deepEqual(at('CPP', 'ALL', '2017-11'), [1, 15000, 0.67]);
		assert.deepEqual(at('CPP', 'WEST', '2017-11'), [0, 5000, 0]);
		// List 8: the UASC child started on 31 Dec is in care at month end, left out of CLAX.
		assert.deepEqual(at('CLA', 'WEST'), [2, null, 2]);
		assert.deepEqual(at('CLAX', 'WEST'), [1, null, 1]);
		assert.deepEqual(at('CLA', 'EAST'), [0, null, 0]);

		const summary = result.ok && result.annexA ? formatAnnexSummary(result.annexA) : '';
		assert.match(summary, /List 4 \[list4\]: 3 rows read, 2 used; skipped: 1 open \(no authorisation date\)/);
		assert.match(summary, /List 3 \[List 3 - Referrals\]: 4 rows read, 4 used/);
		assert.match(summary, /not used: List 1/);
		assert.match(summary, /REREF \(annex_a\.re_referrals_12m\): 2017-11 to 2017-12 \(2 months\)/);
		assert.match(summary, /FA45 \(annex_a\.assessments_45wd\): 2016-11 to 2017-12 \(14 months\)/);

		const before = await storeContent(db);
		const again = await annexLoad(db, files, annex);
		assert.ok(again.ok && !again.changed, again.ok ? formatSummary(again.summary) : again.errors.join('\n'));
		assert.deepEqual(await storeContent(db), before);
	});

	test('the catalogue and aliases may already be in the store: the workbook alone is enough', async () => {
		const {db, files, annex} = await setup();
		const first = await runAnnexLoad({db, files: [], now: FIXED_NOW, user: 'tester', annexA: {file: annex, from: '2016-11-01', to: '2017-12-31'}});
		assert.equal(first.ok, false, 'an empty store has no derived indicators');
		const catalogue = await runLoad({db, files, now: FIXED_NOW, user: 'tester'});
		assert.ok(catalogue.ok, catalogue.ok ? '' : catalogue.errors.join('\n'));
		const result = await annexLoad(db, [], annex);
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const measures = (await storeContent(db))['measures'] as MeasureRow[];
		assert.deepEqual(
			measures.filter(m => m.period === '2017-12' && m.indicator === 'FA45').map(m => [m.team, m.numerator, m.denominator]).sort(),
			[['ALL', 1, 2], ['EAST', 1, 1], ['WEST', 0, 1]],
		);
	});

	test('no child ID, date of birth or worker reference reaches the store file or the summary', async () => {
		const {db, files, annex} = await setup();
		const result = await annexLoad(db, files, annex);
		assert.ok(result.ok);
		const printed = `${formatSummary(result.summary)}\n${result.annexA ? formatAnnexSummary(result.annexA) : ''}`;
		const bytes = ['', '-wal']
			.filter(suffix => fs.existsSync(db + suffix))
			.map(suffix => fs.readFileSync(db + suffix).toString('latin1'))
			.join('');
		assert.ok(bytes.includes('annex_a.assessments_45wd') || bytes.includes('Assessments in 45 days'), 'the search reads the store');
		for (const secret of ['ID-ALPHA-1001', 'ID-BRAVO', 'ID-GOLF', 'ID-CONTACT', 'WKR-SECRET-77', '2010-05-01']) {
			assert.ok(!bytes.includes(secret), `${secret} is in the store`);
			assert.ok(!printed.includes(secret), `${secret} is printed`);
		}
	});

	test("an unmapped team is one error naming sheet, first row and cell, never the cell's value; nothing is loaded", async () => {
		// A misfilled Allocated Team: a child's ID where the team should be.
		for (const misfilled of ['Eastern Front', 'ID-ALPHA-1001']) {
			const {db, files, annex} = await setup(misfilled);
			const before = await storeContent(db);
			const result = await annexLoad(db, files, annex);
			assert.equal(result.ok, false);
			const errors = result.ok ? [] : result.errors;
			assert.deepEqual(
				errors.filter(line => line.includes('Allocated Team')),
				[`${annex} [list4] row 2 (E2): Allocated Team names a team that is not in the team aliases: add that name to team aliases (the name is not shown here: it is from a child's row)`],
			);
			assert.ok(errors.every(line => !line.includes(misfilled)), `the cell's value ${misfilled} is in an error`);
			assert.ok(errors.every(line => !line.includes('ID-')), 'no child ID in errors');
			assert.deepEqual(await storeContent(db), before);
		}
	});

	test('a bad date names sheet and cell, never the value; --from after --to is refused', async () => {
		const {dir, db, files} = await setup();
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('List 7').addRows([
			['Child Unique ID', 'Child Protection Plan Start Date', 'Child Protection Plan End Date', 'Allocated Team'],
			['ID-HOTEL-8008', '31/02/2017', null, 'West Team'],
		]);
		const annex = path.join(dir, 'bad.xlsx');
		await workbook.xlsx.writeFile(annex);
		const catalogue = writeCsv(dir, 'cpp.csv', CATALOGUE.split('\n').filter(line => !/List [348]/.test(line)).join('\n'));
		const result = await annexLoad(db, [files[0]!, catalogue, files[2]!], annex);
		assert.deepEqual(result.ok ? [] : result.errors.slice(0, 1), [`${annex} [List 7] row 2 (B2): Child Protection Plan Start Date is not a date (an Excel date or dd/mm/yyyy)`]);
		const backwards = await annexLoad(db, files, annex, '2017-12-31', '2017-01-01');
		assert.equal(backwards.ok, false);
		assert.deepEqual(await storeContent(db), {});
	});
});

describe('reading Annex A values', () => {
	test('sheet names, dates and yes/no as exports write them', () => {
		assert.deepEqual(['List 4', 'list4', 'List 4 - Assessments', 'LIST_04', 'List 40', 'List 1', 'Notes'].map(listOfSheet), ['List 4', 'List 4', 'List 4', 'List 4', null, null, null]);
		assert.equal(parseDate({kind: 'text', text: '27/12/2017'}), dayOf(2017, 12, 27));
		assert.equal(parseDate({kind: 'text', text: '7/1/2017 00:00'}), dayOf(2017, 1, 7));
		assert.equal(parseDate({kind: 'number', value: 43096, percent: false}), dayOf(2017, 12, 27));
		assert.equal(parseDate({kind: 'date', date: new Date('2017-12-27T00:00:00Z')}), dayOf(2017, 12, 27));
		assert.equal(parseDate({kind: 'text', text: '12/31/2017'}), undefined);
		assert.equal(parseDate({kind: 'empty'}), null);
		const yesNo = ['Yes', 'Y', 'a) Yes', 'No', 'N', 'b) No', 'maybe'].map(text => parseYesNo({kind: 'text', text}));
		assert.deepEqual(yesNo, [true, true, true, false, false, false, undefined]);
	});
});
