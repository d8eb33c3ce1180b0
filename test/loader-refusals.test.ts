import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// Every refusal leaves the store exactly as it was and says FILE:LINE:COLUMN.

const TEAMS = `code,name,population
EAST,East,107112
WEST,West,"95,000"
DCSC,Disabled children's social care,
`;

const INDICATORS = `code,number,title,unit,polarity,target,amber,measure,definition
FA45,3,Family assessments in timescale,percent,higher,85,5,monthly,Assessments within 45 working days
CINRATE,1,Children in need,rate_per_10k,none,,,snapshot,Children in need per 10k
CASES,2,Open cases,count,none,,,snapshot,Open cases
ADOPT,4,Days to adoption,days,lower,426,,three_year_average,Days from entering care to adoption
LOAD,5,Average caseload,average,lower,18,2,snapshot,Children per FTE
`;

const MEASURES_HEADER = 'period,indicator,team,numerator,denominator,value\n';

let db: string;
let dir: string;

before(async () => {
	dir = tempDir();
	db = path.join(dir, 'store.db');
	await loadFixture(db, {'teams.csv': TEAMS, 'indicators.csv': INDICATORS, 'm.csv': `${MEASURES_HEADER}2017-11,FA45,EAST,340,359,\n`});
});

const LOCATED = /^.+:\d+:\d+: \S/;

/** Load `files` into the seeded store: must fail, name every expected problem, and change nothing. */
async function refused(files: Record<string, string | Uint8Array>, expected: Array<string | RegExp>, options: {replace?: boolean; store?: string} = {}): Promise<void> {
	await refusedLines(files, expected, options);
}

/** As `refused`, returning the problem lines. */
async function refusedLines(files: Record<string, string | Uint8Array>, expected: Array<string | RegExp>, options: {replace?: boolean; store?: string} = {}) {
	const store = options.store ?? db;
	const before = await storeContent(store);
	const existed = fs.existsSync(store);
	const paths = Object.entries(files).map(([name, text]) => writeCsv(dir, name, text));
	const result = await runLoad({db: store, files: paths, now: FIXED_NOW, replace: options.replace});
	assert.equal(result.ok, false, 'the load should have been refused');
	if (result.ok) return [];
	const problems = result.errors.slice(0, -1).filter(line => !line.startsWith('… and'));
	for (const line of problems) assert.match(line, LOCATED, `every error has file:line:column: ${line}`);
	for (const want of expected) {
		const matches = (line: string) => (typeof want === 'string' ? line.includes(want) : want.test(line));
		assert.ok(problems.some(matches), `expected an error matching ${want}; got:\n${result.errors.join('\n')}`);
	}
	assert.match(result.errors.at(-1)!, new RegExp(`^nothing was loaded into .* \\(${result.total} errors?\\)$`));
	assert.deepEqual(await storeContent(store), before, 'the store must be untouched');
	assert.equal(fs.existsSync(store), existed);
	return problems;
}

const measures = (rows: string) => ({'m.csv': MEASURES_HEADER + rows});

describe('periods', () => {
	test('an impossible month', () => refused(measures('2017-13,FA45,EAST,1,2,\n'), ['m.csv:2:1: period "2017-13" is an impossible month']));
	test('not a month', () => refused(measures('Decembre,FA45,EAST,1,2,\n'), ['m.csv:2:1: period "Decembre" is not a month']));
	test('a month after this one', () => refused(measures('2018-02,FA45,EAST,1,2,\nFeb-18,FA45,WEST,1,2,\n'), ['m.csv:2:1: period "2018-02" is in the future', 'm.csv:3:1: period "Feb-18" is in the future']));
	test('an empty period', () => refused(measures(',FA45,EAST,1,2,\n'), ['m.csv:2:1: period is empty']));
	test('a period given as a day that does not exist, in UK order', () =>
		refused(measures('31/11/2017,FA45,EAST,1,2,\n2017-02-30,FA45,WEST,1,2,\n15/02/2018,FA45,ALL,1,2,\n'), [
			'm.csv:2:1: period "31/11/2017" is not a real day (dd/mm/yyyy, UK order)',
			'm.csv:3:1: period "2017-02-30" is not a real day',
			'm.csv:4:1: period "15/02/2018" is in the future (this month is 2018-01)',
		]));
});

describe('numbers', () => {
	test('not a number', () => refused(measures('2017-12,FA45,EAST,abc,359,\n'), ['m.csv:2:4: numerator "abc" is not a number']));
	test('NaN and Infinity', () =>
		refused(measures('2017-12,FA45,EAST,NaN,359,\n2017-12,FA45,WEST,1,Infinity,\n'), ['m.csv:2:4: numerator "NaN" is not a number', 'm.csv:3:5: denominator "Infinity" is not a number']));
	test('escape sequences in a bad field never reach the terminal', async () => {
		const lines = await refusedLines(measures('2017-12,FA45,EAST,"\u001B]0;pwned\u0007\u001B[2J",359,\n'), ['m.csv:2:4: numerator "?]0;pwned??[2J" is not a number']);
		for (const line of lines) assert.doesNotMatch(line, /[\u0000-\u001F]/);
	});
	test('badly grouped thousands', () => refused(measures('2017-12,FA45,EAST,"1,23",359,\n'), ['m.csv:2:4: numerator "1,23" is not a number']));
	test('a % where no percent is allowed', () =>
		refused(measures('2017-12,CASES,EAST,,,5%\n2017-12,FA45,EAST,5%,10,\n'), ['m.csv:2:6: value "5%" is not a number', 'm.csv:3:4: numerator "5%" is not a number']));
	test('negative numbers', () => refused(measures('2017-12,FA45,EAST,-1,359,\n2017-12,CASES,EAST,,,-4\n'), ['m.csv:2:4: numerator "-1" is negative', 'm.csv:3:6: value "-4" is negative']));
	test('fractional numerators, in every unit', () =>
		refused(measures('2017-12,FA45,EAST,1.5,359,\n2017-12,LOAD,EAST,10.5,2,\n2017-12,CASES,EAST,2.5,,\n'), [
			'm.csv:2:4: numerator "1.5" is not a whole number',
			'm.csv:3:4: numerator "10.5" is not a whole number',
			'm.csv:4:4: numerator "2.5" is not a whole number',
		]));
	test('fractional denominators, except for an average', () => refused(measures('2017-12,FA45,EAST,1,2.5,\n2017-12,ADOPT,EAST,800,2.5,\n'), ['m.csv:2:5: denominator "2.5" is not a whole number', 'm.csv:3:5: denominator "2.5"']));
	test('numerator above denominator for percent and rate', () =>
		refused(measures('2017-12,FA45,EAST,360,359,\n2017-12,CINRATE,EAST,12,10,\n2017-12,CINRATE,WEST,95001,,\n'), [
			'm.csv:2:4: numerator 360 is above the denominator 359',
			'm.csv:3:4: numerator 12 is above the denominator 10',
			"m.csv:4:4: numerator 95,001 is above team WEST's population 95,000",
		]));
	test('a percentage above 100', () => refused(measures('2017-12,FA45,EAST,,,101%\n'), ['m.csv:2:6: value "101%" is above 100%']));
	test('a zero denominator', () => refused(measures('2017-12,FA45,EAST,0,0,\n'), ['m.csv:2:5: denominator is 0']));
	test('a value that disagrees with numerator and denominator', () =>
		refused(measures('2017-12,FA45,EAST,340,359,94.8\n2017-12,FA45,WEST,340,359,94%\n'), ['m.csv:2:6: value "94.8" does not agree with 340/359', 'm.csv:3:6: value "94%" does not agree']));
	test('a count with a denominator, a fractional count, and disagreeing count figures', () =>
		refused(measures('2017-12,CASES,EAST,5,10,\n2017-12,CASES,WEST,,,2.5\n2017-12,CASES,ALL,5,,6\n'), [
			'm.csv:2:5: denominator "10" given for a count',
			'm.csv:3:6: value "2.5" is not a whole number',
			'm.csv:4:6: value "6" is not the numerator "5"',
		]));
	test('incomplete figures', () =>
		refused(measures('2017-12,FA45,EAST,,,\n2017-12,FA45,WEST,5,,\n2017-12,FA45,ALL,,10,\n2017-12,CASES,EAST,,,\n'), [
			'm.csv:2:6: numerator, denominator and value are all empty',
			'm.csv:3:5: denominator is empty',
			'm.csv:4:4: numerator is empty',
			'm.csv:5:4: numerator and value are both empty',
		]));
	test('a rate for a team with no population and no denominator', () =>
		refused(measures('2017-12,CINRATE,DCSC,5,,\n'), ['m.csv:2:5: denominator is empty and team DCSC has no population']));
});

describe('references', () => {
	test('unknown indicator and team', () =>
		refused(measures('2017-12,NOPE,EAST,1,2,\n2017-12,FA45,NORTH,1,2,\n'), [
			'm.csv:2:2: indicator "NOPE" is not in the store',
			'm.csv:3:3: team "NORTH" is not in the store',
		]));
	test('an unknown team or indicator is answered with the nearest codes and, when few, the list', () =>
		refused(measures('2017-12,FA45,east,1,2,\n2017-12,FA45,West ,1,2,\n2017-12,FA45,EASTT,1,2,\n2017-12,FA54,EAST,1,2,\n2017-12,FA45,CITYWIDE,1,2,\n'), [
			'm.csv:2:3: team "east" is not in the store or in this load\'s teams files: did you mean EAST? (teams: ALL, DCSC, EAST, WEST)',
			'm.csv:3:3: team "West" is not in the store or in this load\'s teams files: did you mean WEST? (teams: ALL, DCSC, EAST, WEST)',
			'm.csv:4:3: team "EASTT" is not in the store or in this load\'s teams files: did you mean EAST? (teams: ALL, DCSC, EAST, WEST)',
			'm.csv:5:2: indicator "FA54" is not in the store or in this load\'s indicators files: did you mean FA45? (indicators: ADOPT, CASES, CINRATE, FA45, LOAD)',
			'm.csv:6:3: team "CITYWIDE" is not in the store or in this load\'s teams files (teams: ALL, DCSC, EAST, WEST)',
		]));
	test('a team whose own row is refused is not reported again as unknown or without population', async () => {
		const lines = await refusedLines({'t.csv': 'code,name,population\nNORTH,North,abc\n', ...measures('2017-12,CINRATE,NORTH,5,,\n2017-12,CINRATE,ALL,5,,\n')}, ['t.csv:2:3: population "abc" is not a number']);
		assert.equal(lines.length, 1, lines.join('\n'));
	});
	test('an empty team', () => refused(measures('2017-12,FA45,,1,2,\n'), ['m.csv:2:3: team is empty']));
	test('two ALL rows in a teams file', () =>
		refused({'t.csv': 'code,name,population\nALL,Everyone,1000\nall,Everyone,1000\n'}, ['t.csv:3:1: the whole service (ALL) is also on line 2 (one row per team code)']));
	test('ALL in caseloads', () =>
		refused({'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,ALL,assessment,W1,1,10\n'}, ['c.csv:2:2: team ALL is the whole service']));
	test('unknown unit, polarity and measure', () =>
		refused({'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition\nNEW,9,New,ratio,up,,,weekly,x\n'}, [
			'i.csv:2:4: unit "ratio" is not one of count, percent, rate_per_10k, days, average',
			'i.csv:2:5: polarity "up" is not one of higher, lower, none',
			'i.csv:2:8: measure "weekly" is not one of',
		]));
	test('unknown benchmark and service', () =>
		refused(
			{
				'b.csv': 'period,indicator,benchmark,value\n2017-12,FA45,regional,80\n',
				'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,fostering,W1,1,10\n',
			},
			['b.csv:2:3: benchmark "regional" is not one of national, statistical_neighbours', 'c.csv:2:3: service "fostering" is not one of'],
		));
	test('fte outside (0,1] and a caseload that is not a whole number', () =>
		refused({'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W1,0,10\n2017-12,EAST,assessment,W2,1.2,10\n2017-12,EAST,assessment,W3,1,2.5\n2017-12,EAST,assessment,W4,1,-1\n2017-12,EAST,assessment,,1,1\n'}, [
			'c.csv:2:5: fte "0" is not above 0 and at most 1',
			'c.csv:3:5: fte "1.2" is not above 0 and at most 1',
			'c.csv:4:6: caseload "2.5" is not a whole number',
			'c.csv:5:6: caseload "-1" is not a whole number',
			'c.csv:6:4: worker is empty',
		]));
	test('indicator numbers: positive whole, unique across store and load', () =>
		refused({'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition\nA1,0,A,count,none,,,monthly,x\nA2,1.5,A,count,none,,,monthly,x\nA3,3,A,count,none,,,monthly,x\nA4,7,A,count,none,,,monthly,x\nA5,7,A,count,none,,,monthly,x\n'}, [
			'i.csv:2:2: number "0" is not a whole number above 0',
			'i.csv:3:2: number "1.5" is not a whole number above 0',
			"i.csv:4:2: number 3 is already indicator FA45's (in the store)",
			"i.csv:6:2: number 7 is already indicator A4's (on line 5)",
		]));
	test('a negative amber and empty title', () =>
		refused({'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition\nA1,9,,count,lower,10,-1,monthly,x\n'}, ['i.csv:2:7: amber "-1" is negative', 'i.csv:2:3: title is empty']));
	test('rows of one indicator that disagree', () =>
		refused({'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition,effective_from\nA1,9,A,count,lower,10,,monthly,x,\nA1,9,A,percent,lower,12,,monthly,x,2017-06\n'}, ['i.csv:3:4: indicator A1 has a different unit on line 2']));
	test('teams: bad population', () =>
		refused({'t.csv': 'code,name,population\nN1,North,0\nN2,North,12.5\nN3,,5\n'}, ['t.csv:2:3: population "0" is not a whole number above 0', 't.csv:3:3: population "12.5"', 't.csv:4:2: name is empty']));
});

describe('duplicates', () => {
	test('the same key twice in one file', () => refused(measures('2017-12,FA45,EAST,1,2,\nDec-17,FA45,EAST,1,2,\n'), ['m.csv:3:1: 2017-12 FA45 EAST is also on line 2']));
	test('the same key across files names both places', () =>
		refused({'m1.csv': `${MEASURES_HEADER}2017-12,FA45,EAST,1,2,\n`, 'm2.csv': `${MEASURES_HEADER}\n2017-12,FA45,EAST,1,2,\n`}, [/m2\.csv:3:1: 2017-12 FA45 EAST is also on .*m1\.csv:2 \(one row per period, indicator and team\)/]));
	test('every kind has its key', () =>
		refused(
			{
				't.csv': 'code,name,population\nN1,North,5\nN1,North,5\n',
				'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition,effective_from\nA1,9,A,count,lower,10,,monthly,x,2017-04\nA1,9,A,count,lower,10,,monthly,x,Apr-17\n',
				'b.csv': 'period,indicator,benchmark,value\n2017-12,FA45,national,80\n2017-12,FA45,national,81\n',
				'k.csv': 'period,indicator,text\n2017-12,FA45,a\n2017-12,FA45,b\n',
				'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W1,1,10\n2017-12,EAST,assessment, W1 ,1,11\n',
				'r.csv': 'period,indicator,reason\n2017-12,FA45,a\n2017-12,FA45,b\n',
			},
			['t.csv:3:1: team N1 is also on line 2', "i.csv:3:1: A1's target from 2017-04 is also on line 2", 'b.csv:3:1:', 'k.csv:3:1:', 'c.csv:3:1:', 'r.csv:3:1:'],
		));
});

describe('files', () => {
	test('a file separated by semicolons or tabs says so, not that it is a teams file missing columns', () =>
		refused({'s.csv': 'code;name;population\nEAST;East;1\n', 'tab.csv': 'period\tindicator\ttext\n2017-12\tFA45\thi\n'}, [
			's.csv:1:1: the file\'s fields are separated by semicolons, not commas',
			'tab.csv:1:1: the file\'s fields are separated by tabs, not commas',
		]));
	test('measures before any catalogue: one line saying to load the teams and indicators files first', async () => {
		const empty = path.join(tempDir(), 'new.db');
		const rows = Array.from({length: 1500}, (_, i) => `2017-12,I${i},T${i % 7},1,2,`).join('\n');
		const lines = await refusedLines({'early.csv': `${MEASURES_HEADER}${rows}\n`}, [], {store: empty});
		assert.deepEqual(lines, ['early.csv:1:1: the store has no teams or indicators yet: load the teams and the indicators files first (or in the same load)'].map(line => path.join(dir, line)));
	});
	test('a ragged row', () => refused(measures('2017-12,FA45,EAST,1,2\n2017-12,FA45,WEST,1,2,,\n'), ['m.csv:2:6: this row has 5 fields but the header has 6', 'm.csv:3:7: this row has 7 fields']));
	test('lines are physical lines: quoted fields spanning lines, blank lines and CR-only ends count', async () => {
		await refused({'k.csv': 'period,indicator,text\n2017-12,FA45,"one\r\ntwo\nthree"\n\n2017-12,NOPE,x\n'}, ['k.csv:6:2: indicator "NOPE"']);
		await refused({'r.csv': 'period,indicator,reason\r2017-11,FA45,"a\rb"\r2017-12,NOPE,x\r'}, ['r.csv:4:2: indicator "NOPE"']);
	});
	test('a quote in the middle of an unquoted field', () =>
		refused(measures('2017-12,FA45,EAST,340,359,\n2017-12,FA45,EA"ST,1,2,\n'), ['m.csv:3:', 'a quote in the middle of a field']));

	test('an unterminated quote, and the rows before it are still checked', () =>
		refused(measures('2017-12,FA45,EAST,abc,2,\n2017-12,FA45,"WEST,1,2,\n2017-12,FA45,ALL,1,2,\n'), ['m.csv:2:4: numerator "abc"', 'm.csv:3:3: a quote opened here is never closed']));
	test('a file that is neither UTF-8 nor Windows-1252 is refused once, naming the line and field (not a byte offset)', async () => {
		// 0x81 has no character in Windows-1252; it sits in the 2nd field of the 3rd line (a quoted field over two lines before it).
		const undefinedByte = Buffer.concat([Buffer.from('period,indicator,text\n2017-12,FA45,"one\ntwo"\n2017-11,C'), Buffer.from([0x81]), Buffer.from('S,x\n')]);
		const lines = await refusedLines({'u.csv': undefinedByte}, ['u.csv:4:2: byte 0x81 in this field is text in neither UTF-8 nor Windows-1252: save the file as "CSV UTF-8 (Comma delimited)"']);
		assert.equal(lines.length, 1);
		// UTF-8's £ and a Windows-1252 £ in one file: either reading garbles one of them.
		const mixed = Buffer.concat([Buffer.from('period,indicator,text\n2017-12,FA45,\u00a35 a head\n2017-11,FA45,'), Buffer.from([0xa3]), Buffer.from('6\n')]);
		await refused({'x.csv': mixed}, ['x.csv:3:3: the file mixes UTF-8 with another encoding (byte 0xA3 in this field)']);
		await refused({'w.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code,name\n', 'utf16le')])}, ['w.csv:1:1: the file is UTF-16 (Excel\'s "Unicode Text"), not CSV: save it as "CSV UTF-8 (Comma delimited)"']);
	});
	test('an empty file, and one with only a BOM', () => refused({'e.csv': '', 'b.csv': '\uFEFF\r\n'}, ['e.csv:1:1: the file is empty', 'b.csv:1:1: the file is empty']));
	test('a header that matches no kind names the unknown and missing columns', () =>
		refused({'x.csv': 'period,indicator,team,numerator,denominator,valeu\n2017-12,FA45,EAST,1,2,\n'}, ['x.csv:1:6: the header matches no kind of file: unknown column "valeu"; missing "value" for a measures file']));
	test('a file that does not exist', () => {
		const missing = path.join(dir, 'nowhere.csv');
		return runLoad({db, files: [missing], now: FIXED_NOW}).then(result => {
			assert.equal(result.ok, false);
			if (!result.ok) assert.equal(result.errors[0], `${missing}:1:1: cannot read the file (no such file)`);
		});
	});
});

describe('reporting', () => {
	test('several errors in several files are all reported, in file order', async () => {
		const problems = await refusedLines(
			{'a.csv': `${MEASURES_HEADER}2017-12,FA45,EAST,x,2,\n2017-12,FA45,WEST,1,y,\n`, 'b.csv': 'period,indicator,text\n2019-01,FA45,hi\n'},
			['a.csv:2:4:', 'a.csv:3:5:', 'b.csv:2:1:'],
		);
		assert.equal(problems.length, 3);
	});
	test('at most 50 error lines, then a count of the rest and the trailer', async () => {
		const rows = Array.from({length: 60}, (_, i) => `2017-12,FA45,EAST,bad${i},2,\n`).join('');
		const file = writeCsv(dir, 'many.csv', MEASURES_HEADER + rows);
		const result = await runLoad({db, files: [file], now: FIXED_NOW});
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.equal(result.total, 60 + 59); // 60 bad numerators, 59 duplicates of line 2
		assert.equal(result.errors.length, 52);
		assert.equal(result.errors[50], '… and 69 more errors');
		assert.equal(result.errors[51], `nothing was loaded into ${db} (119 errors)`);
	});
	test('a changed row without --replace names the month and what is stored', () =>
		refused(measures('2017-11,FA45,EAST,341,359,\n'), ['m.csv:2:1: 2017-11 FA45 EAST is already stored as 340/359 = 94.7%; this file has 341/359 (use --replace to replace it)']));
	test('a failed load into a missing store leaves no file behind', async () => {
		const store = path.join(dir, 'never.db');
		await refused({'t.csv': 'code,name,population\nEAST,,5\n'}, ['name is empty'], {store});
		assert.equal(fs.existsSync(store), false);
		assert.equal(fs.existsSync(`${store}-wal`), false);
	});
});
