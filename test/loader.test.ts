import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {resolveDbPath} from '../source/config.js';
import {formatSummary, runLoad} from '../source/loader/load.js';
import {Connection} from '../source/store/connection.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

const TEAMS = `code,name,population
EAST,East,107112
WEST,West,"95,000"
DCSC,Disabled children's social care,
`;

const INDICATORS = `code,number,title,unit,polarity,target,amber,measure,definition
FA45,3,Family assessments in timescale,percent,higher,85,5,monthly,"Assessments (incl. S47) completed within 45 working days"
CINRATE,1,Children in need,rate_per_10k,none,,,snapshot,Children in need per 10k
CASES,2,Open cases,count,none,,,snapshot,Open cases
ADOPT,4,Days to adoption,days,lower,426,,three_year_average,Days from entering care to adoption
LOAD,5,Average caseload,average,lower,18,2,snapshot,Children per FTE
`;

const MEASURES_HEADER = 'period,indicator,team,numerator,denominator,value\n';

function newStore(): string {
	return path.join(tempDir(), 'store.db');
}

async function seeded(): Promise<string> {
	const db = newStore();
	await loadFixture(db, {'teams.csv': TEAMS, 'indicators.csv': INDICATORS});
	return db;
}

async function rows<T = Record<string, unknown>>(db: string, table: string): Promise<T[]> {
	const content = await storeContent(db);
	return (content[table] ?? []) as T[];
}

const near = (actual: unknown, expected: number) => assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${actual} ≈ ${expected}`);

describe('values', () => {
	test('each unit derives its value from numerator and denominator, unrounded', async () => {
		const db = await seeded();
		await loadFixture(db, {
			'm.csv':
				MEASURES_HEADER +
				[
					'2017-12,FA45,EAST,340,359,',
					'2017-12,CINRATE,EAST,500,,',
					'2017-12,CINRATE,ALL,900,,',
					'2017-12,CINRATE,WEST,40,"80,000",',
					'2017-12,ADOPT,EAST,"12,400",31,',
					'2017-12,LOAD,EAST,150,8.6,',
					'2017-12,CASES,EAST,812,,',
					'2017-12,CASES,WEST,,,"1,204"',
					'2017-12,CASES,ALL,"2,016",,"2,016"',
					'2017-12,FA45,WEST,,,91.5%',
				].join('\n'),
		});
		const byKey = new Map((await rows<{team: string; indicator: string; numerator: number | null; denominator: number | null; value: number}>(db, 'measures')).map(row => [`${row.indicator} ${row.team}`, row]));
		near(byKey.get('FA45 EAST')!.value, (100 * 340) / 359);
		// A blank rate denominator takes the team's population; ALL's is the sum of the teams'.
		assert.equal(byKey.get('CINRATE EAST')!.denominator, 107112);
		near(byKey.get('CINRATE EAST')!.value, (10000 * 500) / 107112);
		assert.equal(byKey.get('CINRATE ALL')!.denominator, 107112 + 95000);
		near(byKey.get('CINRATE ALL')!.value, (10000 * 900) / 202112);
		near(byKey.get('CINRATE WEST')!.value, 5);
		near(byKey.get('ADOPT EAST')!.value, 12400 / 31);
		near(byKey.get('LOAD EAST')!.value, 150 / 8.6);
		assert.deepEqual({...byKey.get('CASES EAST')}, {team: 'EAST', indicator: 'CASES', period: '2017-12', numerator: 812, denominator: null, value: 812});
		assert.equal(byKey.get('CASES WEST')!.value, 1204);
		assert.equal(byKey.get('CASES ALL')!.value, 2016);
		assert.deepEqual([byKey.get('FA45 WEST')!.numerator, byKey.get('FA45 WEST')!.denominator, byKey.get('FA45 WEST')!.value], [null, null, 91.5]);
	});

	test('all three figures agree to the rounding of the value as written', async () => {
		const db = await seeded();
		// 923/1001 = 92.2078%: "92%" and "92.2" agree, as does a rate written to one place.
		const result = await loadFixture(db, {
			'm.csv': MEASURES_HEADER + 'Dec-17,FA45,ALL,923,"1,001",92%\nDec-17,FA45,EAST,923,"1,001",92.2 %\nDec-17,CINRATE,EAST,500,,46.7\n',
		});
		assert.deepEqual(result.summary.months, ['2017-12']);
		assert.equal((await rows(db, 'measures')).length, 3);
	});

	test('Excel output: BOM, CRLF, quoted fields with newlines, padded header names in any order and case', async () => {
		const db = await seeded();
		const text = '\uFEFF Value ,PERIOD,Indicator,team,numerator,denominator\r\n,Nov-17,FA45,EAST,1,4\r\n,2017-10,FA45,EAST,3,4\r\n,,,,,\r\n';
		const result = await loadFixture(db, {'m.csv': text});
		assert.deepEqual(result.summary.months, ['2017-10', '2017-11']);
		const values = (await rows<{period: string; value: number}>(db, 'measures')).map(row => [row.period, row.value]);
		assert.deepEqual(values, [
			['2017-10', 75],
			['2017-11', 25],
		]);
	});
});

describe('text and workers', () => {
	test('escape sequences and control characters are stripped; commentary keeps its lines', async () => {
		const db = newStore();
		await loadFixture(db, {
			't.csv': 'code,name,population\nEAST,"\u001B]0;owned\u0007East\u001B[2J",5\n',
			'i.csv': INDICATORS,
			'k.csv': 'period,indicator,text\n2017-12,FA45,"\u001B[31mDipped\u001B[0m in December.\r\nHoliday\u0008 period."\n',
			'r.csv': 'period,indicator,reason\n2017-06,FA45,"New\nfront door\u001B[1m"\n',
		});
		assert.deepEqual((await rows<{name: string}>(db, 'teams')).map(row => row.name), ['East']);
		assert.deepEqual((await rows<{text: string}>(db, 'commentary')).map(row => row.text), ['Dipped in December.\nHoliday period.']);
		assert.deepEqual((await rows<{reason: string}>(db, 'rebases')).map(row => row.reason), ['New front door']);
	});

	test('worker references are stored only as keyed hashes, never in clear', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		await loadFixture(db, {
			't.csv': TEAMS,
			'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,  W10234-SECRETREF ,0.8,14\n2017-12,EAST,safeguarding,W10234-SECRETREF,0.8,3\n2017-12,WEST,assessment,W99999-OTHERREF,1,"1,2"\n'.replace('"1,2"', '12'),
		});
		const caseloads = await rows<{worker: string; service: string}>(db, 'caseloads');
		assert.equal(caseloads.length, 3);
		for (const row of caseloads) assert.match(row.worker, /^[0-9a-f]{24}$/);
		// The same (trimmed) reference is the same worker.
		const hashes = new Set(caseloads.map(row => row.worker));
		assert.equal(hashes.size, 2);
		// The key is the loaders' key file beside the store, never in it.
		const secret = fs.readFileSync(`${db}.key`, 'utf8').trim();
		const expected = crypto.createHmac('sha256', secret).update('W10234-SECRETREF').digest('hex').slice(0, 24);
		assert.ok(hashes.has(expected));
		for (const file of fs.readdirSync(dir)) {
			const bytes = fs.readFileSync(path.join(dir, file));
			if (!file.startsWith('store.db')) continue;
			assert.equal(bytes.includes('SECRETREF'), false, `${file} holds a worker reference`);
			assert.equal(bytes.includes('OTHERREF'), false, `${file} holds a worker reference`);
		}
		// Reloading the same caseloads finds them by their hash: unchanged.
		const again = await loadFixture(db, {'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W10234-SECRETREF,0.8,14\n'});
		assert.equal(again.changed, false);
		assert.equal(again.summary.kinds[0]!.unchanged, 1);
	});
});

describe('definitions', () => {
	test('target versions: base target and one from a month; metadata on the indicator', async () => {
		const db = newStore();
		await loadFixture(db, {
			'i.csv':
				'code,number,title,unit,polarity,target,amber,measure,definition,effective_from\n' +
				'FA45,3,Family assessments,percent,higher,85,5,monthly,Within 45 days,\n' +
				'FA45,3,Family assessments,percent,higher,90%,,monthly,Within 45 days,Apr-18\n' +
				'CASES,2,Open cases,count,none,,,snapshot,,\n',
		});
		assert.deepEqual(await rows(db, 'targets'), [
			{indicator: 'CASES', effective_from: '0000-00', target: null, amber: null},
			{indicator: 'FA45', effective_from: '0000-00', target: 85, amber: 5},
			{indicator: 'FA45', effective_from: '2018-04', target: 90, amber: null},
		]);
		assert.deepEqual(await rows(db, 'indicators'), [
			{code: 'CASES', number: 2, title: 'Open cases', unit: 'count', polarity: 'none', measure: 'snapshot', definition: '', short_title: null, derive: null, published: null},
			{code: 'FA45', number: 3, title: 'Family assessments', unit: 'percent', polarity: 'higher', measure: 'monthly', definition: 'Within 45 days', short_title: null, derive: null, published: null},
		]);
		// A later file adds a version without repeating the others.
		await loadFixture(db, {'i.csv': 'code,number,title,unit,polarity,target,amber,measure,definition,effective_from\nFA45,3,Family assessments,percent,higher,92,,monthly,Within 45 days,2019-04\n'});
		assert.equal((await rows(db, 'targets')).length, 4);
	});

	test('files may define the teams and indicators that other files of the same command use, in any order', async () => {
		const db = newStore();
		const result = await loadFixture(db, {
			'1-measures.csv': MEASURES_HEADER + '2017-12,NEW,NORTH,5,10,\n',
			'2-benchmarks.csv': 'period,indicator,benchmark,value\n2017-12,NEW,national,48%\n',
			'3-caseloads.csv': 'period,team,service,worker,fte,caseload\n2017-12,NORTH,children_in_care,W1,1,12\n',
			'4-indicators.csv': 'code,number,title,unit,polarity,target,amber,measure,definition\nNEW,1,New,percent,higher,50,,monthly,x\n',
			'5-teams.csv': 'code,name,population\nNORTH,North,"12,000"\n',
		});
		assert.deepEqual(
			result.summary.kinds.map(kind => [kind.kind, kind.added]),
			[
				['teams', 1],
				['indicators', 1],
				['measures', 1],
				['benchmarks', 1],
				['caseloads', 1],
			],
		);
		assert.deepEqual((await rows<{value: number}>(db, 'benchmarks')).map(row => row.value), [48]);
	});
});

describe('identical, changed and --replace', () => {
	const MEASURES = MEASURES_HEADER + '2017-12,FA45,EAST,340,359,\n2017-12,FA45,WEST,200,250,\n';

	test('an identical reload is a no-op: no loads row, content unchanged', async () => {
		const db = await seeded();
		const first = await loadFixture(db, {'m.csv': MEASURES});
		assert.equal(first.changed, true);
		const before = await storeContent(db);
		const again = await loadFixture(db, {'teams.csv': TEAMS, 'indicators.csv': INDICATORS, 'm.csv': MEASURES.replace('340,359,', '340,359,94.7%')});
		assert.equal(again.changed, false);
		assert.deepEqual(
			again.summary.kinds.map(kind => [kind.kind, kind.added, kind.changed, kind.unchanged]),
			[
				['teams', 0, 0, 3],
				['indicators', 0, 0, 5],
				['measures', 0, 0, 2],
			],
		);
		assert.deepEqual(await storeContent(db), before);
		assert.match(formatSummary(again.summary), /nothing new/);
	});

	test('a changed row is refused without --replace, naming the month, and nothing else of the load is written', async () => {
		const db = await seeded();
		await loadFixture(db, {'m.csv': MEASURES});
		const before = await storeContent(db);
		const dir = tempDir();
		const file = writeCsv(dir, 'm.csv', MEASURES_HEADER + '2017-11,FA45,EAST,1,2,\n2017-12,FA45,EAST,341,359,\n2017-12,FA45,WEST,200,250,\n');
		const result = await runLoad({db, files: [file], now: FIXED_NOW});
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.deepEqual(result.errors, [
			`${file}:3:1: 2017-12 FA45 EAST is already stored as 340/359 = 94.7%; this file has 341/359 (use --replace to replace it)`,
			`nothing was loaded into ${db} (1 error)`,
		]);
		assert.deepEqual(await storeContent(db), before);
	});

	test('other kinds refuse changes too', async () => {
		const db = await seeded();
		await loadFixture(db, {
			'b.csv': 'period,indicator,benchmark,value\n2017-12,FA45,national,80\n',
			'k.csv': 'period,indicator,text\n2017-12,FA45,Old words\n',
			'c.csv': 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W1,1,10\n',
			'r.csv': 'period,indicator,reason\n2017-06,FA45,Old reason\n',
		});
		const before = await storeContent(db);
		const dir = tempDir();
		const files = [
			writeCsv(dir, 't.csv', 'code,name,population\nEAST,East,107113\n'),
			writeCsv(dir, 'i.csv', 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments in timescale,percent,higher,86,5,monthly,Changed\n'),
			writeCsv(dir, 'b.csv', 'period,indicator,benchmark,value\n2017-12,FA45,national,81\n'),
			writeCsv(dir, 'k.csv', 'period,indicator,text\n2017-12,FA45,New words\n'),
			writeCsv(dir, 'c.csv', 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W1,1,11\n'),
			writeCsv(dir, 'r.csv', 'period,indicator,reason\n2017-06,FA45,New reason\n'),
		];
		const result = await runLoad({db, files, now: FIXED_NOW});
		assert.equal(result.ok, false);
		if (result.ok) return;
		const text = result.errors.join('\n');
		assert.match(text, /t\.csv:2:1: team EAST is already stored as "East", population 107,112; this file has "East", population 107,113 \(use --replace/);
		assert.match(text, /i\.csv:2:1: indicator FA45 is already stored with definition ".*"; this file has definition "Changed"/);
		assert.match(text, /i\.csv:2:1: FA45's base target is already stored as target 85, amber 5; this file has target 86, amber 5/);
		assert.match(text, /b\.csv:2:1: 2017-12 FA45 national is already stored as 80%; this file has 81%/);
		assert.match(text, /k\.csv:2:1: commentary for 2017-12 FA45 is already stored as "Old words"; this file has "New words"/);
		assert.match(text, /c\.csv:2:1: 2017-12 EAST assessment: this worker is already stored with fte 1, caseload 10; this file has fte 1, caseload 11/);
		assert.doesNotMatch(text, /W1/);
		assert.match(text, /r\.csv:2:1: rebase for 2017-06 FA45 is already stored with reason "Old reason"/);
		assert.equal(result.total, 7);
		assert.deepEqual(await storeContent(db), before);
	});

	test('--replace replaces the row and keeps the previous one in history with the load id', async () => {
		const db = await seeded();
		await loadFixture(db, {'m.csv': MEASURES});
		const result = await loadFixture(db, {'m.csv': MEASURES_HEADER + '2017-12,FA45,EAST,341,359,\n2017-12,FA45,WEST,200,250,\n'}, {replace: true});
		assert.deepEqual(
			result.summary.kinds.map(kind => [kind.added, kind.changed, kind.unchanged]),
			[[0, 1, 1]],
		);
		assert.match(formatSummary(result.summary), /measures +0 added, 1 replaced, 1 unchanged/);
		const east = (await rows<{team: string; numerator: number}>(db, 'measures')).find(row => row.team === 'EAST');
		assert.equal(east!.numerator, 341);
		const loads = await rows<{id: number; replace: number}>(db, 'loads');
		const last = loads.at(-1)!;
		assert.equal(last.replace, 1);
		const history = await rows<{load_id: number; kind: string; key: string; previous: string}>(db, 'history');
		assert.equal(history.length, 1);
		assert.equal(history[0]!.load_id, last.id);
		assert.equal(history[0]!.kind, 'measures');
		assert.deepEqual(JSON.parse(history[0]!.key), {period: '2017-12', indicator: 'FA45', team: 'EAST'});
		assert.deepEqual(JSON.parse(history[0]!.previous), {team: 'EAST', indicator: 'FA45', period: '2017-12', numerator: 340, denominator: 359, value: (100 * 340) / 359});
	});

	test('numbers are compared with a relative tolerance', async () => {
		const db = await seeded();
		await loadFixture(db, {'m.csv': MEASURES_HEADER + '2017-12,CASES,EAST,,,"1,000,000"\n'});
		const again = await loadFixture(db, {'m.csv': MEASURES_HEADER + '2017-12,CASES,EAST,1000000,,\n'});
		assert.equal(again.changed, false);
	});
});

describe('--dry-run and the loads record', () => {
	test('a dry run into a missing store reports what would be added and leaves no file', async () => {
		const db = newStore();
		const result = await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': MEASURES_HEADER + '2017-11,FA45,EAST,1,2,\n2017-12,FA45,EAST,1,2,\n'}, {dryRun: true});
		assert.equal(result.changed, true);
		assert.equal(fs.existsSync(db), false);
		const text = formatSummary(result.summary);
		assert.match(text, /^dry run: nothing written\n/);
		assert.match(text, /months: Nov 2017 to Dec 2017 \(2 months\)/);
		// Nothing was written: the counts are what a load would do.
		assert.match(text, /measures +would add 2, would change 0, 0 unchanged/);
		assert.doesNotMatch(text, /added/);
	});

	test('a dry run on a store writes nothing, and still refuses changes', async () => {
		const db = await seeded();
		await loadFixture(db, {'m.csv': MEASURES_HEADER + '2017-12,FA45,EAST,340,359,\n'});
		const before = await storeContent(db);
		const ok = await loadFixture(db, {'m.csv': MEASURES_HEADER + '2017-11,FA45,EAST,1,2,\n2017-12,FA45,EAST,340,359,\n'}, {dryRun: true});
		assert.deepEqual([ok.summary.kinds[0]!.added, ok.summary.kinds[0]!.unchanged], [1, 1]);
		assert.deepEqual(await storeContent(db), before);
		const dir = tempDir();
		const refused = await runLoad({db, files: [writeCsv(dir, 'm.csv', MEASURES_HEADER + '2017-12,FA45,EAST,341,359,\n')], now: FIXED_NOW, dryRun: true});
		assert.equal(refused.ok, false);
		assert.deepEqual(await storeContent(db), before);
	});

	test('a load records who, when, the files with their sha256 and row counts', async () => {
		const db = newStore();
		const dir = tempDir();
		const teams = writeCsv(dir, 'teams.csv', TEAMS);
		const measures = writeCsv(dir, 'm.csv', MEASURES_HEADER + '2017-12,CASES,EAST,5,,\n');
		const result = await runLoad({db, files: [teams, writeCsv(dir, 'i.csv', INDICATORS), measures], now: FIXED_NOW, user: 'pat'});
		assert.equal(result.ok, true);
		const [load] = await rows<{id: number; loaded_at: string; os_user: string; replace: number; summary: string}>(db, 'loads');
		assert.equal(load!.loaded_at, FIXED_NOW.toISOString());
		assert.equal(load!.os_user, 'pat');
		assert.equal(load!.replace, 0);
		assert.deepEqual(JSON.parse(load!.summary).months, ['2017-12']);
		const files = await rows<{load_id: number; path: string; kind: string; sha256: string; rows: number}>(db, 'load_files');
		const teamsFile = files.find(file => file.path === teams)!;
		assert.equal(teamsFile.kind, 'teams');
		assert.equal(teamsFile.rows, 3);
		assert.equal(teamsFile.load_id, load!.id);
		assert.equal(teamsFile.sha256, crypto.createHash('sha256').update(fs.readFileSync(teams)).digest('hex'));
		assert.equal(files.length, 3);
	});

	test('a header-only file loads nothing and creates no store', async () => {
		const db = newStore();
		const result = await loadFixture(db, {'m.csv': MEASURES_HEADER});
		assert.equal(result.changed, false);
		assert.equal(fs.existsSync(db), false);
	});
});

describe('the store', () => {
	test('a file that is not a store is refused untouched', async () => {
		const dir = tempDir();
		const db = writeCsv(dir, 'notes.db', 'these are my notes\n');
		const result = await runLoad({db, files: [writeCsv(dir, 't.csv', TEAMS)], now: FIXED_NOW});
		assert.deepEqual(result, {ok: false, errors: [`${db}: not a scorecard store (not a SQLite database)`], total: 1});
		assert.equal(fs.readFileSync(db, 'utf8'), 'these are my notes\n');
	});

	test('another application\'s SQLite database is refused untouched', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'other.db');
		const connection = await Connection.open(db, {readonly: false});
		await connection.exec("CREATE TABLE things (name TEXT); INSERT INTO things VALUES ('a')");
		await connection.close();
		const before = await storeContent(db);
		const bytes = fs.readFileSync(db);
		const result = await runLoad({db, files: [writeCsv(dir, 't.csv', TEAMS)], now: FIXED_NOW});
		assert.deepEqual(result, {ok: false, errors: [`${db}: not a scorecard store`], total: 1});
		assert.deepEqual(await storeContent(db), before);
		assert.deepEqual(fs.readFileSync(db), bytes);
	});

	test('a store made by a newer scorecard is refused untouched', async () => {
		const db = await seeded();
		const connection = await Connection.open(db, {readonly: false});
		await connection.exec('PRAGMA user_version = 99');
		await connection.close();
		const before = await storeContent(db);
		const dir = tempDir();
		const result = await runLoad({db, files: [writeCsv(dir, 'm.csv', MEASURES_HEADER + '2017-12,CASES,EAST,5,,\n')], now: FIXED_NOW});
		assert.equal(result.ok, false);
		if (!result.ok) assert.match(result.errors[0]!, /made by a newer scorecard \(schema 99/);
		assert.deepEqual(await storeContent(db), before);
	});

	test('an empty file at the store path becomes a store', async () => {
		const dir = tempDir();
		const db = writeCsv(dir, 'empty.db', '');
		await loadFixture(db, {'t.csv': TEAMS});
		assert.equal((await rows(db, 'teams')).length, 3);
	});

	test('resolveDbPath: flag, then $SCORECARD_DB, then data/scorecard.db', () => {
		assert.equal(resolveDbPath('x.db', {SCORECARD_DB: 'y.db'}), 'x.db');
		assert.equal(resolveDbPath(undefined, {SCORECARD_DB: 'y.db'}), 'y.db');
		assert.equal(resolveDbPath(undefined, {}), 'data/scorecard.db');
		assert.equal(resolveDbPath('', {SCORECARD_DB: ''}), 'data/scorecard.db');
	});
});
