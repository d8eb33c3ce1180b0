import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import ExcelJS from 'exceljs';
import {addMonths} from '../source/domain/periods.js';
import {DEFAULT_SETTINGS, parseSetting, settingsFrom} from '../source/domain/store-settings.js';
import {formatSummary, runLoad} from '../source/loader/load.js';
import {scorecardJson} from '../source/print.js';
import {openStoreReadOnly, readRebases, readSettings} from '../source/store/queries.js';
import {readAgendaInput, readScorecard} from '../source/store/read-scorecard.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// The `settings` kind and typed rebases, loaded into real SQLite files.

const TEAMS = 'code,name,population\nEAST,East,1000\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,In 45 days\n';
const MEASURES = `period,indicator,team,numerator,denominator,value\n${['2017-10', '2017-11', '2017-12'].flatMap(p => [`${p},FA45,EAST,8,10,`, `${p},FA45,ALL,8,10,`]).join('\n')}\n`;
const SETTINGS = 'setting,value\nspc_run_length,6\nspc_min_points,15\nreporting_year_start,1\nworking_days_convention,start_is_day_1\nla_code,e06000052\n';

const newStore = (): string => path.join(tempDir(), 'store.db');

async function withStore<T>(db: string, read: (c: Awaited<ReturnType<typeof openStoreReadOnly>>) => Promise<T>): Promise<T> {
	const connection = await openStoreReadOnly(db);
	try {
		return await read(connection);
	} finally {
		await connection.close();
	}
}

/** The load's errors (the trailer left off), or a failure when it loaded. */
async function refused(db: string, files: Record<string, string>, options: {replace?: boolean} = {}): Promise<{errors: string[]; paths: Record<string, string>}> {
	const dir = tempDir();
	const paths = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, writeCsv(dir, name, text)]));
	const result = await runLoad({db, files: Object.values(paths), now: FIXED_NOW, user: 'tester', ...options});
	assert.equal(result.ok, false, 'the load should have been refused');
	if (result.ok) throw new Error('unreachable');
	assert.match(result.errors.at(-1)!, /^nothing was loaded into /);
	return {errors: result.errors.slice(0, -1), paths};
}

describe('parseSetting (pure)', () => {
	test('each setting: valid values in their canonical text, invalid ones in one line saying what is allowed', () => {
		const ok = (name: string, text: string) => {
			const parsed = parseSetting(name, text);
			assert.ok(parsed.ok, `${name}=${text}: ${parsed.ok ? '' : parsed.message}`);
			return [parsed.value, parsed.text];
		};
		assert.deepEqual(ok('spc_run_length', ' 6 '), [6, '6']);
		assert.deepEqual(ok('SPC_Run_Length', '7.0'), [7, '7']);
		assert.deepEqual(ok('spc_min_points', '13'), [13, '13']);
		assert.deepEqual(ok('spc_min_points', '20'), [20, '20']);
		assert.deepEqual(ok('reporting_year_start', '1'), [1, '1']);
		assert.deepEqual(ok('reporting_year_start', '12'), [12, '12']);
		assert.deepEqual(ok('working_days_convention', 'Start_Is_Day_1'), ['start_is_day_1', 'start_is_day_1']);
		assert.deepEqual(ok('la_code', '908'), ['908', '908']);
		assert.deepEqual(ok('la_code', 'e06000052'), ['E06000052', 'E06000052']);
		assert.deepEqual(ok('la_code', 'E09000033'), ['E09000033', 'E09000033']);
		assert.deepEqual(ok('la_code', 'E10000002'), ['E10000002', 'E10000002']);
		const bad = (name: string, text: string) => {
			const parsed = parseSetting(name, text);
			assert.ok(!parsed.ok, `${name}=${text} should be refused`);
			return [parsed.field, parsed.message];
		};
		assert.deepEqual(bad('spc_run_length', '8'), ['value', 'spc_run_length "8" is not 6 or 7']);
		assert.deepEqual(bad('spc_min_points', '12'), ['value', 'spc_min_points "12" is not a whole number, 13 or more']);
		assert.deepEqual(bad('spc_min_points', '13.5'), ['value', 'spc_min_points "13.5" is not a whole number, 13 or more']);
		assert.deepEqual(bad('reporting_year_start', '0'), ['value', 'reporting_year_start "0" is not a month number, 1 to 12']);
		assert.deepEqual(bad('reporting_year_start', 'April'), ['value', 'reporting_year_start "April" is not a month number, 1 to 12']);
		assert.deepEqual(bad('working_days_convention', 'day_1'), ['value', 'working_days_convention "day_1" is not after_start or start_is_day_1']);
		assert.deepEqual(bad('la_code', '90'), ['value', 'la_code "90" is not a 3-digit DfE local-authority code (908) or an ONS code (E06000052)']);
		assert.deepEqual(bad('la_code', 'E05000052'), ['value', 'la_code "E05000052" is not a 3-digit DfE local-authority code (908) or an ONS code (E06000052)']);
		assert.deepEqual(bad('la_code', 'E11000001'), ['value', 'la_code "E11000001" is not a 3-digit DfE local-authority code (908) or an ONS code (E06000052)']);
		assert.deepEqual(bad('la_code', ''), ['value', 'la_code is empty (a 3-digit DfE local-authority code (908) or an ONS code (E06000052))']);
		assert.deepEqual(bad('spc_runs', '7'), [
			'setting',
			'setting "spc_runs" is not a known setting (one of spc_run_length, spc_min_points, reporting_year_start, working_days_convention, la_code)',
		]);
		// A user's text is quoted without its control characters.
		assert.deepEqual(bad('x\u001b[2J', '1'), ['setting', 'setting "x?[2J" is not a known setting (one of spc_run_length, spc_min_points, reporting_year_start, working_days_convention, la_code)']);
	});

	test('settingsFrom fills defaults and leaves at its default what this version cannot read', () => {
		assert.deepEqual(settingsFrom([]), DEFAULT_SETTINGS);
		assert.deepEqual(DEFAULT_SETTINGS, {spc_run_length: 7, spc_min_points: 13, reporting_year_start: 4, working_days_convention: 'after_start', la_code: null});
		assert.deepEqual(
			settingsFrom([
				{setting: 'spc_run_length', value: '6'},
				{setting: 'la_code', value: '908'},
				{setting: 'a_later_setting', value: 'x'},
				{setting: 'spc_min_points', value: 'garbled'},
			]),
			{...DEFAULT_SETTINGS, spc_run_length: 6, la_code: '908'},
		);
	});
});

describe('the settings kind', () => {
	test('valid settings are stored as canonical text, counted in the summary, and reach the scorecard read and --json', async () => {
		const db = newStore();
		const result = await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': MEASURES, 's.csv': SETTINGS});
		assert.deepEqual(result.summary.kinds.find(kind => kind.kind === 'settings'), {kind: 'settings', rows: 5, added: 5, changed: 0, unchanged: 0});
		assert.match(formatSummary(result.summary), /settings +5 added, 0 changed, 0 unchanged/);
		const content = await storeContent(db);
		assert.deepEqual(content['settings'], [
			{setting: 'la_code', value: 'E06000052'},
			{setting: 'reporting_year_start', value: '1'},
			{setting: 'spc_min_points', value: '15'},
			{setting: 'spc_run_length', value: '6'},
			{setting: 'working_days_convention', value: 'start_is_day_1'},
		]);
		const expected = {spc_run_length: 6, spc_min_points: 15, reporting_year_start: 1, working_days_convention: 'start_is_day_1', la_code: 'E06000052'};
		const view = await withStore(db, c => readScorecard(c));
		assert.deepEqual(view.scorecard.settings, expected);
		const agenda = await withStore(db, c => readAgendaInput(c));
		assert.deepEqual(agenda.current.settings, expected);
		assert.deepEqual((JSON.parse(scorecardJson(view.scorecard)) as {settings: unknown}).settings, expected);
	});

	test('a store with no settings reads the defaults', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': MEASURES});
		assert.deepEqual(await withStore(db, readSettings), DEFAULT_SETTINGS);
		assert.deepEqual((await withStore(db, c => readScorecard(c))).scorecard.settings, DEFAULT_SETTINGS);
	});

	test('each invalid value, an unknown setting and a repeat are refused at FILE:LINE:COLUMN, and nothing of the load is written', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS});
		const before = await storeContent(db);
		// Columns swapped from the usual order: the column number follows the file's header.
		const text = [
			'value,setting',
			'5,spc_run_length',
			'12,spc_min_points',
			'13,reporting_year_start',
			'monday,working_days_convention',
			'E12000001,la_code',
			'7,spc_run_lenght',
			',reporting_year_start',
			'7,SPC_RUN_LENGTH',
			'6,spc_run_length',
		].join('\n');
		const {errors, paths} = await refused(db, {'s.csv': text, 'i.csv': INDICATORS});
		const file = paths['s.csv']!;
		assert.deepEqual(errors, [
			`${file}:2:1: spc_run_length "5" is not 6 or 7`,
			`${file}:3:1: spc_min_points "12" is not a whole number, 13 or more`,
			`${file}:4:1: reporting_year_start "13" is not a month number, 1 to 12`,
			`${file}:5:1: working_days_convention "monday" is not after_start or start_is_day_1`,
			`${file}:6:1: la_code "E12000001" is not a 3-digit DfE local-authority code (908) or an ONS code (E06000052)`,
			`${file}:7:2: setting "spc_run_lenght" is not a known setting (one of spc_run_length, spc_min_points, reporting_year_start, working_days_convention, la_code)`,
			`${file}:8:1: reporting_year_start is empty (a month number, 1 to 12)`,
			`${file}:8:1: setting reporting_year_start is also on line 4 (one row per setting)`,
			// Names are matched ignoring case.
			`${file}:9:1: setting spc_run_length is also on line 2 (one row per setting)`,
			`${file}:10:1: setting spc_run_length is also on line 2 (one row per setting)`,
		]);
		assert.deepEqual(await storeContent(db), before);
	});

	test('a bad setting in a workbook sheet names the sheet and the cell', async () => {
		const dir = tempDir();
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Settings');
		sheet.addRow(['setting', 'value']);
		sheet.addRow(['spc_run_length', 6]);
		sheet.addRow(['spc_min_points', 10]);
		const file = path.join(dir, 'settings.xlsx');
		await workbook.xlsx.writeFile(file);
		const db = newStore();
		const result = await runLoad({db, files: [file], now: FIXED_NOW, user: 'tester'});
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.equal(result.errors[0], `${file} [Settings] row 3 (B3): spc_min_points "10" is not a whole number, 13 or more`);
		const good = await runLoad({db, files: [writeCsv(dir, 's.csv', 'setting,value\nspc_run_length,6\n')], now: FIXED_NOW, user: 'tester'});
		assert.ok(good.ok, good.ok ? '' : good.errors.join('\n'));
	});

	test('a changed setting is refused without --replace, naming it; with --replace the old value goes to history; a reload changes nothing', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 's.csv': SETTINGS});
		const before = await storeContent(db);

		const changed = 'setting,value\nspc_run_length,7\nla_code,908\nreporting_year_start,1\n';
		const {errors, paths} = await refused(db, {'s.csv': changed});
		assert.deepEqual(errors, [
			`${paths['s.csv']}:2:1: setting spc_run_length is already stored as "6"; this file has "7" (use --replace to replace it)`,
			`${paths['s.csv']}:3:1: setting la_code is already stored as "E06000052"; this file has "908" (use --replace to replace it)`,
		]);
		assert.deepEqual(await storeContent(db), before);

		const replaced = await loadFixture(db, {'s.csv': changed}, {replace: true});
		assert.deepEqual(replaced.summary.kinds, [{kind: 'settings', rows: 3, added: 0, changed: 2, unchanged: 1}]);
		assert.match(formatSummary(replaced.summary), /settings +0 added, 2 replaced, 1 unchanged/);
		const content = await storeContent(db);
		const history = (content['history'] as Array<{load_id: number; kind: string; key: string; previous: string}>).map(row => [row.kind, JSON.parse(row.key), JSON.parse(row.previous)]);
		assert.deepEqual(
			history.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
			[
				['settings', {setting: 'la_code'}, {setting: 'la_code', value: 'E06000052'}],
				['settings', {setting: 'spc_run_length'}, {setting: 'spc_run_length', value: '6'}],
			],
		);
		assert.deepEqual(await withStore(db, readSettings), {spc_run_length: 7, spc_min_points: 15, reporting_year_start: 1, working_days_convention: 'start_is_day_1', la_code: '908'});

		// The same settings again, written differently (case, spacing, 7.0): nothing changes, no load is recorded.
		const after = await storeContent(db);
		const again = await loadFixture(db, {'s.csv': 'setting,value\n SPC_RUN_LENGTH ,7.0\nla_code, 908\n'});
		assert.equal(again.changed, false);
		assert.deepEqual(again.summary.kinds, [{kind: 'settings', rows: 2, added: 0, changed: 0, unchanged: 2}]);
		assert.deepEqual(await storeContent(db), after);
	});

	test('--dry-run counts settings as a load would and writes nothing', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 's.csv': 'setting,value\nspc_run_length,6\n'});
		const before = await storeContent(db);
		const dry = await loadFixture(db, {'s.csv': 'setting,value\nspc_run_length,6\nla_code,908\n'}, {dryRun: true});
		assert.equal(dry.changed, true);
		assert.deepEqual(dry.summary.kinds, [{kind: 'settings', rows: 2, added: 1, changed: 0, unchanged: 1}]);
		assert.deepEqual(await storeContent(db), before);
	});
});

describe('typed rebases', () => {
	test('a rebases file without a type column stores recalculations; with one, each row its type (blank: recalculate)', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': MEASURES, 'r.csv': 'period,indicator,reason\n2017-06,FA45,New front door\n'});
		await loadFixture(db, {'r.csv': 'period,indicator,reason,type\n2017-08,FA45,Baseline agreed,Baseline\n2017-09,FA45,Restructure,\n2017-10,FA45,Second restructure,recalculate\n'});
		const content = await storeContent(db);
		assert.deepEqual(content['rebases'], [
			{indicator: 'FA45', period: '2017-06', reason: 'New front door', type: 'recalculate'},
			{indicator: 'FA45', period: '2017-08', reason: 'Baseline agreed', type: 'baseline'},
			{indicator: 'FA45', period: '2017-09', reason: 'Restructure', type: 'recalculate'},
			{indicator: 'FA45', period: '2017-10', reason: 'Second restructure', type: 'recalculate'},
		]);
		// The read gives the domain each rebase's type.
		const types = (await withStore(db, readRebases)).map(rebase => [rebase.period, rebase.type]);
		assert.deepEqual(types, [['2017-06', 'recalculate'], ['2017-08', 'baseline'], ['2017-09', 'recalculate'], ['2017-10', 'recalculate']]);
		const view = await withStore(db, c => readScorecard(c));
		const fa45 = view.scorecard.indicators.find(indicator => indicator.code === 'FA45')!;
		assert.deepEqual(fa45.rebases.map(rebase => rebase.type), ['recalculate', 'baseline', 'recalculate', 'recalculate']);
		// The same rows again, the type column left off where it is the default: nothing changes.
		const again = await loadFixture(db, {'r.csv': 'period,indicator,reason,type\n2017-06,FA45,New front door,\n2017-08,FA45,Baseline agreed,baseline\n'});
		assert.equal(again.changed, false);
	});

	test('a bad type is refused naming its column; a changed type is refused without --replace and kept in history with it', async () => {
		const db = newStore();
		await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'r.csv': 'period,indicator,reason\n2017-06,FA45,New front door\n'});
		const before = await storeContent(db);
		const bad = await refused(db, {'r.csv': 'type,period,indicator,reason\nrestart,2017-07,FA45,Moved\n'});
		assert.deepEqual(bad.errors, [`${bad.paths['r.csv']}:2:1: type "restart" is not one of recalculate, baseline`]);
		const badLast = await refused(db, {'r.csv': 'period,indicator,reason,type\n2017-07,FA45,Moved,rebase\n'});
		assert.deepEqual(badLast.errors, [`${badLast.paths['r.csv']}:2:4: type "rebase" is not one of recalculate, baseline`]);

		const changed = 'period,indicator,reason,type\n2017-06,FA45,New front door,baseline\n';
		const conflict = await refused(db, {'r.csv': changed});
		assert.deepEqual(conflict.errors, [
			`${conflict.paths['r.csv']}:2:1: rebase for 2017-06 FA45 is already stored with type recalculate; this file has type baseline (use --replace to replace it)`,
		]);
		assert.deepEqual(await storeContent(db), before);

		await loadFixture(db, {'r.csv': changed}, {replace: true});
		const content = await storeContent(db);
		assert.deepEqual(content['rebases'], [{indicator: 'FA45', period: '2017-06', reason: 'New front door', type: 'baseline'}]);
		const history = (content['history'] as Array<{kind: string; key: string; previous: string}>).map(row => [row.kind, JSON.parse(row.key), JSON.parse(row.previous)]);
		assert.deepEqual(history, [['rebases', {period: '2017-06', indicator: 'FA45'}, {indicator: 'FA45', period: '2017-06', reason: 'New front door', type: 'recalculate'}]]);
	});

	test('a baseline rebase fixes the limits on the months up to it; a recalculation restarts them', async () => {
		// Five years: the grid's read and the full one give the same limits, from the same months.
		const months = Array.from({length: 60}, (_, i) => addMonths('2013-01', i));
		const figures = `period,indicator,team,numerator,denominator,value\n${months.map((p, i) => `${p},FA45,ALL,${i < 36 ? 4 + ((i * i) % 5) : 9 - (i % 2)},10,`).join('\n')}\n`;
		const spcOf = async (rebases: string | null) => {
			const db = newStore();
			await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': figures, ...(rebases === null ? {} : {'r.csv': rebases})});
			// Both reads: the grid's (the whole service's history) and the full one (--json, agenda).
			const grid = (await withStore(db, c => readScorecard(c))).scorecard.indicators[0]!.spc!;
			const full = (await withStore(db, c => readScorecard(c, {full: true}))).scorecard.indicators[0]!.spc!;
			assert.deepEqual([grid.mean, grid.baseline], [full.mean, full.baseline]);
			return full;
		};
		const none = await spcOf(null);
		const baseline = await spcOf('period,indicator,reason,type\n2014-01,FA45,Baseline agreed,baseline\n');
		const recalculated = await spcOf('period,indicator,reason,type\n2014-01,FA45,New process,recalculate\n');
		const values = months.map((_, i) => (i < 36 ? 4 + ((i * i) % 5) : 9 - (i % 2)) * 10);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		// No rebase: every month. A baseline: Jan 2013 to Jan 2014, extended. A recalculation: from Jan 2014.
		assert.deepEqual(none.baseline, {from: '2013-01', to: '2017-12'});
		assert.ok(Math.abs(none.mean - mean(values)) < 1e-9);
		assert.deepEqual(baseline.baseline, {from: '2013-01', to: '2014-01'});
		assert.ok(Math.abs(baseline.mean - mean(values.slice(0, 13))) < 1e-9);
		assert.deepEqual(recalculated.baseline, {from: '2014-01', to: '2017-12'});
		assert.ok(Math.abs(recalculated.mean - mean(values.slice(12))) < 1e-9);
	});
});
