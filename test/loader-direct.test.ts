import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {Connection} from '../source/store/connection.js';
import {MIGRATIONS, migrate} from '../source/store/migrations.js';
import {DirectStageStopped, Stage} from '../source/store/staging.js';
import {SPILLS_ANYWAY} from '../source/store/writes.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// A first load writes its measures straight into the store's empty table (no temporary stage to
// copy them from): what it leaves must be what a load through the stage leaves, and where the
// direct write cannot finish (a row with a problem, a key twice, a very big load) the load starts
// again through the stage, naming lines as it always did and reporting each problem once.

const TEAMS = 'code,name,population\nEAST,East,107112\nWEST,West,95000\n';
const INDICATORS = `code,number,title,unit,polarity,target,amber,measure,definition
FA45,3,Family assessments in timescale,percent,higher,85,5,monthly,Within 45 working days
CASES,2,Open cases,count,none,,,snapshot,Open cases
`;
const HEADER = 'period,indicator,team,numerator,denominator,value\n';

/** 2015-01 to 2017-12 for both indicators and every team, figures that divide unevenly. */
function measures(): string {
	const lines: string[] = [];
	for (let m = 0; m < 36; m++) {
		const period = `${2015 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
		for (const team of ['EAST', 'WEST', 'ALL']) {
			lines.push(`${period},FA45,${team},${150 + ((m * 37) % 61)},${230 + ((m * 11) % 17)},`);
			lines.push(`${period},CASES,${team},,,${300 + ((m * 13) % 29)}`);
		}
	}
	return HEADER + lines.join('\n') + '\n';
}

async function rows(db: string, sql: string): Promise<unknown[]> {
	const c = await Connection.open(db, {readonly: true});
	try {
		return await c.all(sql);
	} finally {
		await c.close();
	}
}

describe('a first load writes its measures straight into the table', () => {
	test('and leaves what a load through the stage leaves: the same figures bit for bit, derived SPC, indexes and summary', async () => {
		const dir = tempDir();
		const files = {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': measures()};
		const direct = path.join(dir, 'direct.db');
		const first = await loadFixture(direct, files);
		// The same rows into a store whose table already has one (another team's, a month before): staged.
		const staged = path.join(dir, 'staged.db');
		await loadFixture(staged, {'t.csv': `${TEAMS}NORTH,North,1000\n`, 'i.csv': INDICATORS, 'm.csv': `${HEADER}2014-12,FA45,NORTH,1,3,\n`});
		const second = await loadFixture(staged, {'m.csv': measures()});
		assert.deepEqual(first.summary.kinds.find(kind => kind.kind === 'measures'), second.summary.kinds.find(kind => kind.kind === 'measures'));
		assert.deepEqual(first.summary.months, second.summary.months);
		const figures = "SELECT team, indicator, period, numerator, denominator, value, hex(CAST(value AS BLOB)) AS bits FROM measures WHERE team <> 'NORTH' ORDER BY 1, 2, 3";
		const a = await rows(direct, figures);
		assert.equal(a.length, 36 * 3 * 2);
		assert.deepEqual(a, await rows(staged, figures));
		const spc = "SELECT indicator, team, as_of, result, points, signals FROM spc WHERE team <> 'NORTH' ORDER BY 1, 2, 3";
		assert.ok((await rows(direct, spc)).length > 0);
		assert.deepEqual(await rows(direct, spc), await rows(staged, spc));
		// Its indexes are the migrations' own, rebuilt after the rows.
		const indexes = (await rows(direct, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measures' AND sql IS NOT NULL ORDER BY name")) as Array<{name: string; sql: string}>;
		assert.deepEqual(indexes.map(index => index.name), ['measures_by_indicator', 'measures_by_period']);
		for (const index of indexes) assert.ok(MIGRATIONS.some(migration => migration.includes(index.sql)), index.sql);
		const check = (await rows(direct, 'PRAGMA integrity_check')) as Array<{integrity_check: string}>;
		assert.deepEqual(check, [{integrity_check: 'ok'}]);
	});

	test('a key twice (in one file, or in two) is named with both lines, as a load through the stage names it, and no store is left', async () => {
		const dir = tempDir();
		const catalogue = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS)];
		const one = writeCsv(dir, 'm.csv', `${measures()}2017-12,FA45,EAST,1,2,\n`);
		const db = path.join(dir, 'new.db');
		const result = await runLoad({db, files: [...catalogue, one], now: FIXED_NOW});
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.deepEqual(result.errors.filter(line => line.includes('is also on')), [`${one}:218:1: 2017-12 FA45 EAST is also on line 212 (one row per period, indicator and team)`]);
		assert.equal(fs.existsSync(db), false);
		// Across two files, with a problem of another kind before the repeated key: each said once.
		const a = writeCsv(dir, 'a.csv', measures());
		const b = writeCsv(dir, 'b.csv', `${HEADER}2017-13,FA45,EAST,1,2,\n2016-05,CASES,WEST,,,7\n`);
		const twice = await runLoad({db, files: [...catalogue, a, b], now: FIXED_NOW});
		assert.equal(twice.ok, false);
		if (twice.ok) return;
		assert.equal(twice.total, 2, twice.errors.join('\n'));
		assert.equal(twice.errors.filter(line => line.startsWith(`${b}:2:`)).length, 1, twice.errors.join('\n'));
		assert.ok(twice.errors.some(line => line.startsWith(`${b}:3:1: 2016-05 CASES WEST is also on ${a}:`)), twice.errors.join('\n'));
		assert.equal(fs.existsSync(db), false);
		// A row with a problem keeps its key: a later row with the same key is named as repeating it.
		const c = writeCsv(dir, 'c.csv', `${HEADER}2017-11,FA45,EAST,n/a,2,\n2017-11,FA45,EAST,1,2,\n`);
		const kept = await runLoad({db, files: [...catalogue, c], now: FIXED_NOW});
		assert.equal(kept.ok, false);
		if (kept.ok) return;
		assert.deepEqual(kept.errors.slice(0, -1), [`${c}:2:4: numerator "n/a" is not a number`, `${c}:3:1: 2017-11 FA45 EAST is also on line 2 (one row per period, indicator and team)`]);
	});

	test('a dry run of a first load writes nothing and counts what a load would add', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'new.db');
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), writeCsv(dir, 'm.csv', measures())];
		const result = await runLoad({db, files, now: FIXED_NOW, dryRun: true});
		assert.equal(result.ok, true);
		if (!result.ok) return;
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')?.added, 216);
		assert.deepEqual(await storeContent(db), {});
	});

	test(`a first load of more than ${SPILLS_ANYWAY.toLocaleString("en-GB")} rows (staged from the start, or where a file's size did not tell, after the direct write stops) loads every row`, async () => {
		const dir = tempDir();
		const codes = Array.from({length: 200}, (_, i) => `I${i}`);
		const indicators = ['code,number,title,unit,polarity,target,amber,measure,definition', ...codes.map((code, i) => `${code},${i + 1},Indicator ${i},count,none,,,snapshot,x`)].join('\n');
		const lines = [HEADER.trimEnd()];
		// 200 indicators x 3 teams x 700 months = 420,000 rows.
		for (let m = 0; m < 700; m++) {
			const period = `${1900 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
			for (const code of codes) for (const team of ['EAST', 'WEST', 'ALL']) lines.push(`${period},${code},${team},,,${m % 97}`);
		}
		assert.ok(lines.length - 1 > SPILLS_ANYWAY);
		const db = path.join(dir, 'big.db');
		const result = await loadFixture(db, [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', indicators), writeCsv(dir, 'm.csv', `${lines.join('\n')}\n`)], {now: new Date('2020-01-15T09:00:00Z')});
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')?.added, 420_000);
		assert.deepEqual(await rows(db, 'SELECT count(*) AS n, sum(value) AS total FROM measures'), [{n: 420_000, total: 600 * Array.from({length: 700}, (_, m) => m % 97).reduce((a, b) => a + b, 0)}]);
	});

	test(`a direct stage stops at ${SPILLS_ANYWAY.toLocaleString('en-GB')} rows, whatever a file's size said, and at a row with a problem`, async () => {
		const c = await Connection.open(path.join(tempDir(), 'stage.db'), {readonly: false});
		try {
			await migrate(c);
			await c.exec('BEGIN');
			const stage = await Stage.create(c, 'measures', {direct: true});
			let stopped: unknown;
			try {
				for (let i = 0; i <= SPILLS_ANYWAY; i++) {
					const waiting = stage.add(i, true, ['EAST', `I${i % 1000}`, `${1900 + Math.floor(i / 12_000)}-${String((Math.floor(i / 1000) % 12) + 1).padStart(2, '0')}`], [null, null, i]);
					if (waiting) await waiting;
				}
			} catch (error) {
				stopped = error;
			}
			assert.ok(stopped instanceof DirectStageStopped && stopped.why === 'big', String(stopped));
			await stage.drop();
			await c.exec('ROLLBACK');
			await c.exec('BEGIN');
			const again = await Stage.create(c, 'measures', {direct: true});
			assert.equal(again.add(1, true, ['EAST', 'I1', '2017-12'], [null, null, 1]), undefined);
			await assert.rejects(async () => again.add(2, false, ['EAST', 'I2', '2017-12'], [null, null, null]), (error: unknown) => error instanceof DirectStageStopped && error.why === 'problem');
			await again.drop();
			await c.exec('ROLLBACK');
		} finally {
			await c.close();
		}
	});

	test('a savepoint keeps what succeeded and undoes what failed, the transaction going on', async () => {
		const c = await Connection.open('', {readonly: false});
		try {
			await c.exec('CREATE TABLE t (x INTEGER); BEGIN');
			await c.savepoint(() => c.run('INSERT INTO t VALUES (1)'));
			await assert.rejects(
				c.savepoint(async () => {
					await c.run('INSERT INTO t VALUES (2)');
					throw new DirectStageStopped('repeated');
				}),
				DirectStageStopped,
			);
			await c.run('INSERT INTO t VALUES (3)');
			await c.exec('COMMIT');
			assert.deepEqual(await c.all('SELECT x FROM t ORDER BY x'), [{x: 1}, {x: 3}]);
		} finally {
			await c.close();
		}
	});
});
