import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import {addMonths} from '../source/domain/periods.js';
import {seriesSpc} from '../source/domain/scorecard.js';
import {spcApplies} from '../source/domain/spc.js';
import {runLoad} from '../source/loader/load.js';
import {scorecardJson} from '../source/print.js';
import {agendaJson} from '../source/print.js';
import {buildAgenda} from '../source/domain/agenda.js';
import {Connection} from '../source/store/connection.js';
import {packJson, unpackJson} from '../source/store/packed-json.js';
import {openStoreReadOnly, readIndicators, readRebases, readSettings} from '../source/store/queries.js';
import {readAgendaInput, readScorecard} from '../source/store/read-scorecard.js';
import {decodeSpc} from '../source/store/spc-rows.js';
import {SPC_ENGINE, SPC_MONTHS_KEPT} from '../source/store/spc-table.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';
import {assertBuilt, runBuiltLoader} from './helpers/pty.js';

// The `spc` table is derived data: after every load it must hold exactly what the domain computes
// from the measures (each SPC series as of each of its latest months), whatever the load changed
// (figures, revisions, rebases, targets, definitions, settings); and a read that uses it must
// show exactly what a read that computes everything from the histories shows.

const TEAMS = 'code,name,population\nEAST,East,1000\nWEST,West,1200\n';
const INDICATORS = [
	'code,number,title,unit,polarity,target,amber,measure,definition',
	'FA45,1,Family assessments,percent,higher,85,5,monthly,In 45 days',
	'CPV,2,CP visits,percent,higher,90,5,snapshot,Visits in time',
	'LAC,3,Looked after,count,none,,,snapshot,Children looked after',
	'YTD,4,Assessments this year,count,higher,100,10,cumulative,Year to date',
].join('\n');

const MONTHS = Array.from({length: 30}, (_, i) => addMonths('2015-06', i)); // to 2017-11

/** Figures with a process change part way through, so limits, signals and verdicts all move. */
function measures(months: readonly string[], seed = 1): string {
	let state = seed;
	const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
	const lines = ['period,indicator,team,numerator,denominator,value'];
	for (const [i, period] of months.entries()) {
		for (const team of ['ALL', 'EAST', 'WEST']) {
			const lift = i > 18 ? 12 : 0;
			lines.push(`${period},FA45,${team},${Math.round(60 + lift + next() * 20)},100,`);
			lines.push(`${period},CPV,${team},${Math.round(80 + next() * 15 - (i > 20 ? 10 : 0))},100,`);
			lines.push(`${period},LAC,${team},${Math.round(300 + i * 2 + next() * 10)},,`);
			lines.push(`${period},YTD,${team},${(i % 12) * 9},,`);
		}
	}
	return `${lines.join('\n')}\n`;
}

const newStore = (): string => path.join(tempDir(), 'store.db');

async function withStore<T>(db: string, read: (c: Connection) => Promise<T>): Promise<T> {
	const connection = await openStoreReadOnly(db);
	try {
		return await read(connection);
	} finally {
		await connection.close();
	}
}

/**
 * The oracle: for every series, the domain's SPC computed from its whole history as of each of its
 * latest months, against the table row for row (no row missing, none extra, none stale).
 */
async function assertDerived(db: string): Promise<number> {
	await withStore(db, async c => {
		const stamp = await c.get<{value: string}>("SELECT value FROM meta WHERE key = 'spc_engine'");
		assert.equal(stamp?.value, SPC_ENGINE, 'the table is stamped with this engine');
		const [indicators, rebases, settings] = [await readIndicators(c), await readRebases(c), await readSettings(c)];
		const rows = await c.all<{indicator: string; team: string; period: string; value: number}>('SELECT indicator, team, period, value FROM measures ORDER BY indicator, team, period');
		const bySeries = new Map<string, Array<{period: string; value: number}>>();
		for (const row of rows) {
			const key = `${row.indicator}|${row.team}`;
			bySeries.set(key, [...(bySeries.get(key) ?? []), {period: row.period, value: row.value}]);
		}
		const expected: Record<string, unknown> = {};
		for (const [key, series] of bySeries) {
			const [indicator] = key.split('|') as [string, string];
			const def = indicators.find(each => each.code === indicator)!;
			if (!spcApplies(def.measure)) continue;
			for (const {period} of series.slice(-SPC_MONTHS_KEPT)) {
				expected[`${key}|${period}`] = JSON.parse(JSON.stringify(seriesSpc(def, series, period, rebases.filter(r => r.indicator === indicator), settings)));
			}
		}
		const stored = await c.all<{indicator: string; team: string; as_of: string; result: string; points: string; signals: string}>('SELECT indicator, team, as_of, result, points, signals FROM spc');
		const actual = Object.fromEntries(stored.map(row => [`${row.indicator}|${row.team}|${row.as_of}`, JSON.parse(JSON.stringify(decodeSpc(row)))]));
		assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), 'one row for each SPC series and each of its latest months');
		for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], `the stored SPC of ${key}`);
	});
	return (await withStore(db, c => c.get<{n: number}>('SELECT count(*) AS n FROM spc')))!.n;
}

/** JSON with every object's keys in order: two values are equal exactly when this is. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) =>
		item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
	);
}

/** Every read as printed, and the same reads when the table is set aside: they must not differ. */
async function assertReadsAgree(db: string): Promise<void> {
	const reads = async (c: Connection) => {
		const full = await readScorecard(c, {full: true});
		const grid = await readScorecard(c, {teams: false});
		const withTeams = await readScorecard(c);
		const agenda = await readAgendaInput(c);
		const older = await readScorecard(c, {period: full.periods.at(-6), full: true});
		return {
			json: scorecardJson(full.scorecard),
			grid: canonical(grid.scorecard),
			teams: canonical(withTeams.scorecard),
			agenda: agendaJson(agenda.period, buildAgenda(agenda)),
			older: scorecardJson(older.scorecard),
		};
	};
	const derived = await withStore(db, reads);
	// A copy whose table is another engine's: every read computes from the histories.
	const copy = path.join(tempDir(), 'copy.db');
	await withStore(db, c => c.run('VACUUM INTO ?', [copy]));
	const writer = await Connection.open(copy, {readonly: false});
	await writer.run("UPDATE meta SET value = 'another engine' WHERE key = 'spc_engine'");
	await writer.close();
	const computed = await withStore(copy, reads);
	for (const key of Object.keys(derived) as Array<keyof typeof derived>) assert.equal(derived[key], computed[key], `the ${key} read`);
}

describe('the derived SPC table', () => {
	test('equals the domain computed from the measures after loads, revisions, rebases, targets, definitions and settings changes', async () => {
		const db = newStore();
		const dir = tempDir();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': measures(MONTHS)});
		// 3 SPC indicators × 3 series × 3 months.
		assert.equal(await assertDerived(db), 27);
		await assertReadsAgree(db);

		// A new month: every series' latest months move on.
		await loadFixture(db, {'m.csv': measures(['2017-12'], 7)});
		assert.equal(await assertDerived(db), 27);

		// A revision of an old figure changes the limits of that series only.
		const before = await storeContent(db);
		await loadFixture(db, {'m.csv': 'period,indicator,team,numerator,denominator,value\n2015-08,FA45,EAST,99,100,\n'}, {replace: true});
		const after = await storeContent(db);
		const changed = (after['spc'] as Array<{indicator: string; team: string}>).filter((row, i) => JSON.stringify(row) !== JSON.stringify(before['spc']![i]));
		assert.ok(changed.length > 0 && changed.every(row => row.indicator === 'FA45' && row.team === 'EAST'), 'only FA45 EAST is recomputed differently');
		await assertDerived(db);

		// A recalculation, then the same rebase as a baseline.
		await loadFixture(db, {'r.csv': 'period,indicator,reason,type\n2017-03,FA45,New front door,recalculate\n'});
		await assertDerived(db);
		await assertReadsAgree(db);
		await loadFixture(db, {'r.csv': 'period,indicator,reason,type\n2017-03,FA45,New front door,baseline\n'}, {replace: true});
		await assertDerived(db);

		// A new target version (assurance changes), then a definition changed (polarity).
		const lines = INDICATORS.split('\n');
		const withTarget = [`${lines[0]},effective_from`, ...lines.slice(1).map(line => `${line},`), 'CPV,2,CP visits,percent,higher,70,5,snapshot,Visits in time,2017-06'].join('\n');
		await loadFixture(db, {'i.csv': withTarget});
		await assertDerived(db);
		await loadFixture(db, {'i.csv': INDICATORS.replace('CP visits,percent,higher', 'CP visits,percent,lower')}, {replace: true});
		await assertDerived(db);

		// Settings: everything is recomputed with them.
		await loadFixture(db, {'s.csv': 'setting,value\nspc_run_length,6\nspc_min_points,15\n'});
		assert.equal(await assertDerived(db), 27);
		await assertReadsAgree(db);

		// A dry run and a refused load leave the table as it was.
		const settled = await storeContent(db);
		const dry = await runLoad({db, files: [writeCsv(dir, 'dry.csv', 'period,indicator,team,numerator,denominator,value\n2016-01,FA45,WEST,1,100,\n')], replace: true, dryRun: true, now: FIXED_NOW, user: 'tester'});
		assert.ok(dry.ok);
		const refused = await runLoad({db, files: [writeCsv(dir, 'bad.csv', 'period,indicator,team,numerator,denominator,value\n2016-01,FA45,WEST,1,100,\n2016-02,FA45,NOWHERE,1,100,\n')], replace: true, now: FIXED_NOW, user: 'tester'});
		assert.equal(refused.ok, false);
		assert.deepEqual(await storeContent(db), settled);
	});

	test('a store stamped by another engine is read from the histories, and its next load fills the table again', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': measures(MONTHS)});
		const expected = await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard));
		const writer = await Connection.open(db, {readonly: false});
		await writer.run("UPDATE meta SET value = 'another engine' WHERE key = 'spc_engine'");
		await writer.run("UPDATE spc SET result = 'null'");
		await writer.close();
		assert.equal(await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard)), expected);
		// A load that changes one series: the loader refills everything first.
		await loadFixture(db, {'m.csv': 'period,indicator,team,numerator,denominator,value\n2015-06,FA45,WEST,70,100,\n'}, {replace: true});
		assert.equal(await assertDerived(db), 27);
	});

	test('a store made before the table (schema 5) gets it filled by its first load after the upgrade', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': measures(MONTHS)});
		// Back to schema 5, as a store made before this version.
		const writer = await Connection.open(db, {readonly: false});
		await writer.exec("DROP TABLE spc; DELETE FROM meta WHERE key = 'spc_engine'; PRAGMA user_version = 5");
		await writer.close();
		const schema5 = await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard));
		// Nothing new in this load: the upgrade and the table still happen.
		await loadFixture(db, {'t.csv': TEAMS});
		assert.equal(await assertDerived(db), 27);
		assert.equal(await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard)), schema5);
	});

	test('a result that does not read as one (the store is a file others can write) is computed from the history instead', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': measures(MONTHS)});
		const expected = await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard));
		const writer = await Connection.open(db, {readonly: false});
		const row = (await writer.get<{points: string; as_of: string}>("SELECT points, as_of FROM spc WHERE indicator = 'FA45' AND team = 'ALL' ORDER BY as_of DESC LIMIT 1"))!;
		const forged = unpackJson(row.points) as Array<{rule: string | null}>;
		forged.at(-1)!.rule = '\u001b[2Jgone';
		await writer.run("UPDATE spc SET points = ? WHERE indicator = 'FA45' AND team = 'ALL' AND as_of = ?", [packJson(forged), row.as_of]);
		await writer.run("UPDATE spc SET result = '{\"~\":[\"a\"],\"n\":1000000000,\"c\":[{\"r\":[1,1000000000]}]}' WHERE indicator = 'CPV' AND team = 'EAST' AND as_of = ?", [row.as_of]);
		await writer.run("UPDATE spc SET signals = '[{\"period\":\"\\u001b[2J\"}]' WHERE indicator = 'CPV' AND team = 'WEST' AND as_of = ?", [row.as_of]);
		await writer.close();
		assert.equal(await withStore(db, async c => scorecardJson((await readScorecard(c, {full: true})).scorecard)), expected);
	});
});

describe('the derived SPC table as the built loader fills it', () => {
	test('equals the domain too when half the series are computed on its worker thread', async () => {
		assertBuilt();
		const dir = tempDir();
		const db = path.join(dir, 'built.db');
		// 40 SPC indicators x 3 series: two batches of series and more, every other one on the worker.
		const codes = Array.from({length: 40}, (_, i) => `S${i + 1}`);
		const indicators = ['code,number,title,unit,polarity,target,amber,measure,definition', ...codes.map((code, i) => `${code},${i + 1},Series ${i + 1},percent,${i % 2 ? 'higher' : 'lower'},${50 + i},5,monthly,x`)].join('\n');
		let state = 7;
		const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
		const lines = ['period,indicator,team,numerator,denominator,value'];
		for (const [i, period] of MONTHS.entries()) for (const code of codes) for (const team of ['ALL', 'EAST', 'WEST']) lines.push(`${period},${code},${team},${Math.round(40 + (i > 20 ? 10 : 0) + next() * 30)},100,`);
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', indicators), writeCsv(dir, 'm.csv', `${lines.join('\n')}\n`)];
		const first = await runBuiltLoader(['--db', db, ...files]);
		assert.equal(first.code, 0, first.stderr);
		assert.equal(await assertDerived(db), 40 * 3 * SPC_MONTHS_KEPT);
		// A revision, then a setting: the series it touches, then all, through the worker again.
		const revised = await runBuiltLoader(['--db', db, '--replace', writeCsv(dir, 'r.csv', 'period,indicator,team,numerator,denominator,value\n2015-07,S3,EAST,99,100,\n')]);
		assert.equal(revised.code, 0, revised.stderr);
		await assertDerived(db);
		const settings = await runBuiltLoader(['--db', db, writeCsv(dir, 's.csv', 'setting,value\nspc_run_length,6\n')]);
		assert.equal(settings.code, 0, settings.stderr);
		assert.equal(await assertDerived(db), 40 * 3 * SPC_MONTHS_KEPT);
	});
});

describe('packed JSON', () => {
	test('gives back exactly what JSON would, tables of objects and runs included', () => {
		const values: unknown[] = [
			null,
			{a: 1, b: [1, 2, 3], '~': 'tilde', '~~x': 2, c: undefined, d: Number.NaN},
			[{p: '2017-01', v: 1.5, m: 2, r: null}, {p: '2017-02', v: -0, m: 2, r: 'limit'}, {p: '2017-03', v: 3, m: 2, r: null}],
			[{}, {}],
			[{a: 1}, {b: 2}],
			[{a: [{x: 1}, {x: 1}]}, {a: []}],
			Array.from({length: 36}, (_, i) => ({period: `2015-${i}`, mean: 50, upper: 60, rule: i > 30 ? 'shift' : null, side: null})),
		];
		for (const value of values) assert.deepEqual(unpackJson(packJson(value)), JSON.parse(JSON.stringify(value) ?? 'null'));
		const long = Array.from({length: 36}, (_, i) => ({period: `2015-${i}`, mean: 50, upper: 60, lower: 40, rule: null, side: null, segment: 0}));
		assert.ok(packJson(long).length < JSON.stringify(long).length / 2);
	});

	test('refuses runs that would expand beyond their table', () => {
		assert.throws(() => unpackJson('{"~":["a"],"n":2,"c":[{"r":[1,5]}]}'), /runs longer/);
		assert.throws(() => unpackJson('{"~":["a"],"n":1000000000,"c":[{"r":[1,1000000000]}]}'), /bad length/);
	});
});
