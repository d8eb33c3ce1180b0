import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {parse} from 'csv-parse/sync';
import {formatSummary, runLoad, type LoadResult} from '../source/loader/load.js';
import {scorecardJson, scorecardText} from '../source/print.js';
import {Connection} from '../source/store/connection.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// DfE's published statistics loaded as they are, from the real files the repository carries
// (data/dfe/, see its SOURCE.md), into real SQLite stores. Every expected figure below is worked
// by hand from the rows quoted beside it.

const DFE = path.resolve(import.meta.dirname, '..', 'data', 'dfe');
const file = (name: string) => path.join(DFE, name);
const C1 = file('c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv');
const C1_2024 = file('older/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv');
const D3 = file('d3_cpps_subsequent_plan_2013_to_2025.csv');
const D3_2024 = file('older/d3_cpps_subsequent_plan_2013_to_2024.csv');
const D5 = file('d5_cpps_at31march_by_duration_2013_to_2025.csv');
const ONS = file('ons_mid-year_population_estimates_2012_to_2024.csv');
const CSWW = file('csww_indicators_2017_to_2025.csv');
const CLA = file('cla_number_and_rate_per_10k_children.csv');
const LEAVERS = file('la_care_leavers_activity.csv');
const MODEL = file('sn_model_2025_wide.csv');

// Figures of 2026 are loaded in 2026.
const NOW = new Date('2026-12-01T09:00:00Z');

const INDICATORS_HEADER = 'code,number,title,unit,polarity,target,amber,measure,definition,published';
const INDICATORS = `${INDICATORS_HEADER}
REREF,1,Re-referrals within 12 months,percent,lower,22,2,monthly,Referrals of a child referred in the 12 months before,dfe.rereferrals
CPP,2,Children on a child protection plan,rate_per_10k,none,,,snapshot,Plans at month end per 10000,dfe.cpp_rate_per_10k
CASELOAD,3,Average caseload,average,lower,18,2,snapshot,Children per FTE social worker,dfe.sw_caseload
CPPSUB,4,Second or subsequent plans,percent,lower,20,2,monthly,Plans starting in the month that are a second or later,dfe.cpp_subsequent
`;

const settings = (code: string) => `setting,value\nla_code,${code}\n`;

async function load(db: string, files: string[], options: {replace?: boolean; dryRun?: boolean} = {}): Promise<LoadResult> {
	return runLoad({db, files, now: NOW, user: 'tester', ...options});
}

async function loaded(db: string, files: string[], options: {replace?: boolean} = {}) {
	const result = await load(db, files, options);
	if (!result.ok) throw new Error(`load failed:\n${result.errors.join('\n')}`);
	return result;
}

type Benchmark = {indicator: string; benchmark: string; period: string; year: number; label: string; value: number; measure: string; source: string; detail: string};

async function rows<T>(db: string, sql: string, params: Array<string | number> = []): Promise<T[]> {
	const c = await Connection.open(db, {readonly: true});
	try {
		return await c.all<T>(sql, params);
	} finally {
		await c.close();
	}
}

/** The stored benchmarks of one indicator and year's end, by name. */
async function benchmarksAt(db: string, indicator: string, period: string): Promise<Record<string, Benchmark>> {
	const found = await rows<Benchmark>(db, 'SELECT * FROM published_benchmarks WHERE indicator = ? AND period = ?', [indicator, period]);
	return Object.fromEntries(found.map(row => [row.benchmark, row]));
}

const close = (actual: number | undefined, expected: number, message?: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} != ${expected}`);

describe('a London borough by its ONS code: Barnet (E09000003, 302, Outer London)', () => {
	const dir = tempDir();
	const db = path.join(dir, 'barnet.db');
	let first: Extract<LoadResult, {ok: true}>;
	const files = () => [C1, D5, ONS, CSWW, MODEL, writeCsv(dir, 'indicators.csv', INDICATORS), writeCsv(dir, 'settings.csv', settings('E09000003'))];

	before(async () => {
		first = await loaded(db, files());
	});

	test("the load says what each file gave and whose benchmarks it made", () => {
		const text = formatSummary(first.summary);
		// c1, d5 and ONS: 2,132 figures each; csww: 1,463 rows of two figures each.
		assert.match(text, /^published +9,322 added, 0 revised, 0 unchanged$/m);
		assert.match(text, /^neighbours +1,530 added, 0 revised, 0 unchanged$/m);
		assert.match(text, /c1_children_in_need_referrals_and_rereferrals_2013_to_2025\.csv: children in need: referrals and re-referrals \(c1\), 2013 to 2025: 2,132 rows, 2,132 figures$/m);
		assert.match(text, /csww_indicators_2017_to_2025\.csv: children's social work workforce \(csww\), 2017 to 2025: 1,463 rows, 2,926 figures$/m);
		assert.match(text, /^published benchmarks for Barnet \(302\): \d+ added, 0 revised, 0 removed, 0 unchanged$/m);
	});

	test('re-referrals 2024-25, dated 31 March 2025: national, Outer London, the ten neighbours (mean and median) and Barnet', async () => {
		const b = await benchmarksAt(db, 'REREF', '2025-03');
		// c1 2025: England 22.6; Outer London (E13000002) 19.6; Barnet 14.8.
		assert.equal(b['national']!.value, 22.6);
		assert.equal(b['regional']!.value, 19.6);
		assert.deepEqual(JSON.parse(b['regional']!.detail), {region: {code: 'E13000002', name: 'Outer London'}});
		assert.equal(b['published']!.value, 14.8);
		// Neighbours (SN_1..SN_10): Waltham Forest 19.1, Reading 22.9, Harrow 15.6, Redbridge 16.8,
		// Merton 21.3, Croydon 26.8, Lewisham 20.9, Hillingdon 20.9, Haringey 18.7, Ealing 19.5:
		// sum 202.5, mean 20.25; sorted, the middle two are 19.5 and 20.9: median 20.2.
		close(b['statistical_neighbours']!.value, 20.25);
		close(b['statistical_neighbours_median']!.value, 20.2);
		for (const row of Object.values(b)) assert.deepEqual([row.year, row.label, row.measure, row.source], [2025, '2024-25', 'dfe.rereferrals', 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv']);
		const neighbours = JSON.parse(b['statistical_neighbours']!.detail).neighbours as Array<{code: string; value: number}>;
		assert.deepEqual(
			neighbours.map(n => [n.code, n.value]),
			[['320', 19.1], ['870', 22.9], ['310', 15.6], ['317', 16.8], ['315', 21.3], ['306', 26.8], ['209', 20.9], ['312', 20.9], ['309', 18.7], ['307', 19.5]],
		);
	});

	test("children on a plan per 10,000, 2024-25: d5's count at 31 March 2025 over ONS's mid-2024 children aged 0-17", async () => {
		const b = await benchmarksAt(db, 'CPP', '2025-03');
		// England 49,420 / 12,183,016; Outer London 4,870 / 1,276,813; Barnet 225 / 93,851.
		close(b['national']!.value, (10_000 * 49_420) / 12_183_016);
		close(b['regional']!.value, (10_000 * 4_870) / 1_276_813);
		close(b['published']!.value, (10_000 * 225) / 93_851);
		assert.equal(b['published']!.source, 'd5_cpps_at31march_by_duration_2013_to_2025.csv, ons_mid-year_population_estimates_2012_to_2024.csv');
	});

	test('the workforce census is dated 30 September: caseload Sep 2025', async () => {
		const b = await benchmarksAt(db, 'CASELOAD', '2025-09');
		// csww 2025: England 15.2, Barnet 14.1; neighbours 16.3, 16.9, 13.7, 14.3, 15.3, 19.1, 14.2,
		// 13.8, 14.6, 12.7: sum 150.9, mean 15.09; median (14.3 + 14.6) / 2 = 14.45.
		assert.deepEqual([b['national']!.value, b['published']!.value, b['national']!.label], [15.2, 14.1, 'Sep 2025']);
		close(b['statistical_neighbours']!.value, 15.09);
		close(b['statistical_neighbours_median']!.value, 14.45);
	});

	test('the same files again change nothing', async () => {
		const before = await storeContent(db);
		const again = await loaded(db, files());
		assert.equal(again.changed, false);
		assert.match(formatSummary(again.summary), /published benchmarks for Barnet \(302\): 0 added, 0 revised, 0 removed, \d+ unchanged\nnothing new: every row is already in the store$/);
		assert.deepEqual(await storeContent(db), before);
	});
});

describe('suppression codes and merged rows, as the files hold them', () => {
	const dir = tempDir();
	const db = path.join(dir, 'codes.db');
	before(async () => {
		await loaded(db, [C1, CSWW, CLA, LEAVERS]);
	});

	/** The codes a file holds in a column, counted by the test's own reading of the file. */
	function codesIn(csvPath: string, column: string, where: (row: Record<string, string>) => boolean = () => true): Map<string, number> {
		const records = parse(fs.readFileSync(csvPath), {bom: true, columns: true}) as Array<Record<string, string>>;
		const counts = new Map<string, number>();
		for (const row of records) {
			const cell = row[column]!;
			if (where(row) && /^[a-z]+$/.test(cell) && row['geographic_level'] !== 'Local authority district') counts.set(cell, (counts.get(cell) ?? 0) + 1);
		}
		return counts;
	}

	async function storedCodes(series: string): Promise<Map<string, number>> {
		const found = await rows<{code: string; n: number; zero: number}>(db, 'SELECT code, count(*) AS n, count(value) AS zero FROM published_figures WHERE series = ? AND code IS NOT NULL GROUP BY code', [series]);
		for (const row of found) assert.equal(row.zero, 0, `${series}: a ${row.code} figure has a value`);
		return new Map(found.map(row => [row.code, row.n]));
	}

	test('c, k, low, u, x and z are kept as not published (value null), never 0, as many as each file holds', async () => {
		assert.deepEqual(await storedCodes('c1.rereferral_percent'), codesIn(C1, 'rereferral_percent'));
		assert.deepEqual(await storedCodes('csww.agency_rate_fte'), codesIn(CSWW, 'agency_rate_fte'));
		assert.deepEqual(await storedCodes('csww.caseload_fte'), codesIn(CSWW, 'caseload_fte'));
		const lookedAfter = (row: Record<string, string>) => row['population_type'] === 'Children looked after on 31 March each year';
		assert.deepEqual(await storedCodes('cla.rate_per_10000'), codesIn(CLA, 'rate_per_10000', lookedAfter));
		const eet = (age: string) => (row: Record<string, string>) => row['care_leaver_age'] === age && row['breakdown'] === 'Total in education, employment or training';
		assert.deepEqual(await storedCodes('care_leavers.eet_19_21'), codesIn(LEAVERS, 'care_leaver_percent', eet('19 to 21 years')));
		assert.deepEqual(await storedCodes('care_leavers.eet_17_18'), codesIn(LEAVERS, 'care_leaver_percent', eet('17 to 18 years')));
		// Five of the six codes occur in the figures these files give (k only in breakdowns not read: see below).
		const all = await rows<{code: string}>(db, 'SELECT DISTINCT code FROM published_figures WHERE code IS NOT NULL ORDER BY code');
		assert.deepEqual(all.map(row => row.code), ['c', 'low', 'u', 'x', 'z']);
		// Two of them, quoted: Isles of Scilly's re-referrals 2023-24 (c), Sunderland's agency rate Sep 2025 (low).
		assert.deepEqual(await rows(db, "SELECT value, code FROM published_figures WHERE series = 'c1.rereferral_percent' AND year = 2024 AND area = '420'"), [{value: null, code: 'c'}]);
		assert.deepEqual(await rows(db, "SELECT value, code FROM published_figures WHERE series = 'csww.agency_rate_fte' AND year = 2025 AND area = '394'"), [{value: null, code: 'low'}]);
	});

	test("the workforce census's combined rows are stored as they are: 940 / 941 and 314 / 318", async () => {
		assert.deepEqual(
			await rows(db, "SELECT area, name, new_code, value FROM published_figures WHERE series = 'csww.caseload_fte' AND year = 2025 AND area LIKE '% / %' ORDER BY area"),
			[
				{area: '314 / 318', name: 'Kingston upon Thames / Richmond upon Thames', new_code: 'E09000021 / E09000027', value: 13.9},
				{area: '940 / 941', name: 'North Northamptonshire / West Northamptonshire', new_code: 'E06000061 / E06000062', value: 14.8},
			],
		);
	});
});

describe('a suppressed neighbour: Wiltshire (E06000054, 865), re-referrals 2023-24', () => {
	test("Hampshire's u is left out of the mean and median and counted", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'wiltshire.db');
		await loaded(db, [C1, MODEL, writeCsv(dir, 'indicators.csv', INDICATORS), writeCsv(dir, 'settings.csv', settings('E06000054'))]);
		const b = await benchmarksAt(db, 'REREF', '2024-03');
		// Neighbours: Hampshire u; Gloucestershire 21.5, North Somerset 20, West Sussex 17,
		// Leicestershire 23.7, Warwickshire 18.4, Cheshire East 16.5, Essex 16.8, North Yorkshire
		// 19.8, South Gloucestershire 17.7: nine figures, sum 171.4, mean 19.0444; median 18.4.
		close(b['statistical_neighbours']!.value, 171.4 / 9);
		close(b['statistical_neighbours_median']!.value, 18.4);
		assert.deepEqual([b['national']!.value, b['regional']!.value, b['published']!.value], [22.4, 22.1, 19.1]);
		const detail = JSON.parse(b['statistical_neighbours']!.detail);
		assert.deepEqual(detail.neighbours[0], {rank: 1, code: '850', name: 'Hampshire', value: null, status: 'not published', suppression: 'u', combined: null});
		assert.deepEqual(detail.notes, ["not published: Hampshire (u); left out of the neighbours' mean and median"]);
	});
});

describe('an authority that split: Cumberland (942), formed from Cumbria on 1 April 2023', () => {
	const dir = tempDir();
	const db = path.join(dir, 'cumberland.db');
	before(async () => {
		await loaded(db, [D5, ONS, MODEL, writeCsv(dir, 'indicators.csv', INDICATORS), writeCsv(dir, 'settings.csv', settings('942'))]);
	});

	test('2022-23: no figure of its own, said in one line; its neighbour Westmorland and Furness named in one line and left out', async () => {
		const b = await benchmarksAt(db, 'CPP', '2023-03');
		assert.equal(b['published'], undefined);
		assert.deepEqual(JSON.parse(b['national']!.detail).notes, ['Cumberland (942): no figure for 2022-23: formed from Cumbria (909) on 1 April 2023, first published for 2023-24']);
		const detail = JSON.parse(b['statistical_neighbours']!.detail);
		assert.deepEqual(detail.notes, ['Westmorland and Furness (943): no figure for 2022-23: formed from Cumbria (909) on 1 April 2023, first published for 2023-24']);
		assert.deepEqual(
			detail.neighbours.map((n: {code: string; status: string}) => [n.code, n.status]).filter(([, status]: string[]) => status !== 'published'),
			[['943', 'no figure']],
		);
		assert.equal(detail.neighbours.filter((n: {status: string}) => n.status === 'published').length, 9);
	});

	test('2023-24: its first year: 269 plans at 31 March 2024 over 52,019 children (mid-2023)', async () => {
		const b = await benchmarksAt(db, 'CPP', '2024-03');
		close(b['published']!.value, (10_000 * 269) / 52_019);
		const neighbours = JSON.parse(b['statistical_neighbours']!.detail).neighbours as Array<{code: string; value: number}>;
		// Westmorland and Furness: 221 / 39,177.
		close(neighbours.find(n => n.code === '943')!.value, (10_000 * 221) / 39_177);
		assert.equal(neighbours.length, 10);
	});
});

describe("merged rows as neighbours and as the authority: the workforce census's 940 / 941", () => {
	const dir = tempDir();
	const db = path.join(dir, 'swindon.db');
	const indicators = writeCsv(dir, 'indicators.csv', INDICATORS);

	test('Swindon (866): North and West Northamptonshire each take the combined figure 14.8', async () => {
		await loaded(db, [CSWW, MODEL, indicators, writeCsv(dir, 'settings.csv', settings('866'))]);
		const b = await benchmarksAt(db, 'CASELOAD', '2025-09');
		// Medway 15.7, 940 14.8 (940 / 941), Thurrock 12.2, Bexley 15.2, Bedford 19.5, 941 14.8
		// (940 / 941), Suffolk 16.3, Havering 15, Nottinghamshire 13.3, Kent 17: sum 153.8, mean
		// 15.38; sorted, the middle two are 15 and 15.2: median 15.1.
		close(b['statistical_neighbours']!.value, 15.38);
		close(b['statistical_neighbours_median']!.value, 15.1);
		const detail = JSON.parse(b['statistical_neighbours']!.detail);
		assert.deepEqual(
			detail.neighbours.filter((n: {combined: string | null}) => n.combined !== null).map((n: {code: string; value: number}) => [n.code, n.value]),
			[['940', 14.8], ['941', 14.8]],
		);
		assert.deepEqual(detail.notes, ['North Northamptonshire (940) and West Northamptonshire (941): published as one row (940 / 941); each takes that figure']);
	});

	test('a new la_code remakes every benchmark (revised, the old ones kept in history): North Northamptonshire (940) publishes with 941', async () => {
		// A setting already stored changes only with --replace.
		const result = await loaded(db, [writeCsv(dir, 'settings-940.csv', settings('940'))], {replace: true});
		assert.match(formatSummary(result.summary), /published benchmarks for North Northamptonshire \(940\): \d+ added, \d+ revised, \d+ removed, \d+ unchanged/);
		const b = await benchmarksAt(db, 'CASELOAD', '2025-09');
		assert.equal(b['published']!.value, 14.8);
		assert.deepEqual(JSON.parse(b['published']!.detail), {combined: '940 / 941', notes: ["North Northamptonshire's own figure is published with West Northamptonshire (941) as one (940 / 941)"]});
		const kept = await rows<{n: number}>(db, "SELECT count(*) AS n FROM history WHERE kind = 'published_benchmarks'");
		assert.ok(kept[0]!.n > 0);
	});
});

describe('a newer release replaces its figures as a revision; an older one does not', () => {
	test("d3: the 2025 release revised 2021-22 (England 23.3 to 22.7, Yorkshire and The Humber 28 to 23.6, Doncaster 100 to u)", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'doncaster.db');
		await loaded(db, [D3_2024, MODEL, writeCsv(dir, 'indicators.csv', INDICATORS), writeCsv(dir, 'settings.csv', settings('371'))]);
		// d3 2024 release: Doncaster 2021-22 100.
		assert.equal((await benchmarksAt(db, 'CPPSUB', '2022-03'))['published']!.value, 100);

		const newer = await loaded(db, [D3]);
		const text = formatSummary(newer.summary);
		assert.match(text, /^published +165 added, 3 revised, 1,964 unchanged$/m);
		assert.match(text, /^published benchmarks for Doncaster \(371\): 5 added, 2 revised, 1 removed, 57 unchanged$/m);
		const b = await benchmarksAt(db, 'CPPSUB', '2022-03');
		assert.deepEqual([b['national']!.value, b['regional']!.value, b['published']], [22.7, 23.6, undefined]);
		assert.deepEqual(JSON.parse(b['national']!.detail).notes, ["Doncaster's own figure for 2021-22 is not published (u)"]);
		// The previous figures are kept in history, as the older release gave them.
		const history = await rows<{key: string; previous: string}>(db, "SELECT key, previous FROM history WHERE kind = 'published' ORDER BY id");
		assert.deepEqual(
			history.map(h => [JSON.parse(h.key).area, JSON.parse(h.previous).value, JSON.parse(h.previous).release]),
			[['E92000001', 23.3, 2024], ['E12000003', 28, 2024], ['371', 100, 2024]],
		);
		const benchmarkHistory = await rows<{key: string; previous: string}>(db, "SELECT key, previous FROM history WHERE kind = 'published_benchmarks' ORDER BY id");
		assert.deepEqual(
			benchmarkHistory.map(h => [JSON.parse(h.key).benchmark, JSON.parse(h.previous).value]),
			[['national', 23.3], ['regional', 28], ['published', 100]],
		);

		// The older release again: refused, naming the release, unless --replace.
		const before = await storeContent(db);
		const older = await load(db, [D3_2024]);
		assert.equal(older.ok, false);
		if (older.ok) return;
		assert.match(older.errors[0]!, /d3_cpps_subsequent_plan_2013_to_2024\.csv:\d+:1: d3\.cpp_subsequent_percent 2022 for England \(E92000001\) is already stored from the 2025 release as 22\.7; this file, the 2024 release, has 23\.3: an older release does not replace a newer one \(use --replace to replace it\)/);
		assert.equal(older.errors.length, 4);
		assert.deepEqual(await storeContent(db), before);
		// The newer release again: nothing new.
		assert.equal((await loaded(db, [D3])).changed, false);
	});

	test("c1's 2025 release renamed Re_referrals_percent to rereferral_percent: the same figures, unchanged", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'rename.db');
		await loaded(db, [C1_2024]);
		const newer = await loaded(db, [C1]);
		assert.match(formatSummary(newer.summary), /^published +165 added, 0 revised, 1,967 unchanged$/m);
	});
});

describe('what the console shows: the latest year on or before the month, labelled; typed ones say so', () => {
	const dir = tempDir();
	const db = path.join(dir, 'console.db');
	// Barnet's whole service, April 2024 to March 2026: 30 re-referrals of 200 referrals a month,
	// except 24 of 200 in March 2025. 2024-25 pools to (11·30 + 24) / (12·200) = 354 / 2,400 = 14.75%.
	const months: string[] = [];
	for (let i = 0; i < 24; i++) months.push(`${2024 + Math.floor((3 + i) / 12)}-${String(((3 + i) % 12) + 1).padStart(2, '0')}`);
	const measures = `period,indicator,team,numerator,denominator,value\n${months.map(month => `${month},REREF,ALL,${month === '2025-03' ? 24 : 30},200,`).join('\n')}\n`;

	before(async () => {
		await loaded(db, [
			C1,
			CSWW,
			MODEL,
			writeCsv(dir, 'indicators.csv', INDICATORS),
			writeCsv(dir, 'settings.csv', settings('302')),
			writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,50000\n'),
			writeCsv(dir, 'measures.csv', measures),
			// Typed for one month: it wins there, and says it was typed.
			writeCsv(dir, 'benchmarks.csv', 'period,indicator,benchmark,value\n2025-06,REREF,national,22\n'),
		]);
	});

	async function scorecard(period: string) {
		const c = await openStoreReadOnly(db);
		try {
			return (await readScorecard(c, {period, full: true})).scorecard;
		} finally {
			await c.close();
		}
	}

	test('--json: benchmarks stay numbers by name; benchmark_sources gives each one year and source; the reconciliation pools 2024-25', async () => {
		const json = JSON.parse(scorecardJson(await scorecard('2025-12')));
		const reref = json.indicators.find((i: {code: string}) => i.code === 'REREF');
		assert.deepEqual(reref.benchmarks, {national: 22.6, regional: 19.6, statistical_neighbours: 20.25, statistical_neighbours_median: 20.2, published: 14.8});
		assert.deepEqual(reref.benchmark_sources.national, {
			source: 'dfe.rereferrals',
			year: '2024-25',
			as_at: '2025-03-31',
			period: '2025-03',
			file: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
		});
		assert.deepEqual(reref.benchmark_sources.statistical_neighbours.neighbours, {of: 10, published: 10, not_published: 0, no_figure: 0});
		assert.deepEqual(reref.reconciliation, {year: '2024-25', published: 14.8, console: 14.75, how: 'pooled', months: 12, of: 12});
		const caseload = json.indicators.find((i: {code: string}) => i.code === 'CASELOAD');
		assert.equal(caseload.benchmark_sources.national.year, 'Sep 2025');
		assert.equal(caseload.benchmark_sources.national.as_at, '2025-09-30');
	});

	test('a month before the year ends shows the year before; a typed figure for the month wins', async () => {
		const february = JSON.parse(scorecardJson(await scorecard('2025-02'))).indicators.find((i: {code: string}) => i.code === 'REREF');
		// c1 2024: England 22.4.
		assert.deepEqual([february.benchmarks.national, february.benchmark_sources.national.year], [22.4, '2023-24']);
		const june = JSON.parse(scorecardJson(await scorecard('2025-06'))).indicators.find((i: {code: string}) => i.code === 'REREF');
		assert.deepEqual([june.benchmarks.national, june.benchmark_sources.national.source, june.benchmark_sources.national.year], [22, 'typed', null]);
		assert.equal(june.benchmark_sources.regional.year, '2024-25');
	});

	test('--print lists each benchmark with its year, and the reconciliation in words', async () => {
		const text = scorecardText(await scorecard('2025-12'));
		assert.match(text, /Re-referrals within 12 months: national 22\.6% \(2024-25\); regional Outer London 19\.6% \(2024-25\); statistical neighbours 20\.3% \(2024-25\); statistical neighbours median 20\.2% \(2024-25\); published 14\.8% \(2024-25\)/);
		assert.match(text, /published for 2024-25: 14\.8%; this console's months of that year pool to 14\.8%/);
	});

	test('annual figures never enter monthly SPC: the same months without DfE give the same SPC', async () => {
		const plain = path.join(dir, 'plain.db');
		await loaded(plain, [
			writeCsv(dir, 'plain-indicators.csv', INDICATORS.replace(/,dfe\.[a-z_0-9]+$/gm, ',')),
			writeCsv(dir, 'plain-teams.csv', 'code,name,population\nEAST,East,50000\n'),
			writeCsv(dir, 'plain-measures.csv', measures),
		]);
		const c = await openStoreReadOnly(plain);
		let without;
		try {
			without = (await readScorecard(c, {period: '2026-03', full: true})).scorecard;
		} finally {
			await c.close();
		}
		const withDfe = await scorecard('2026-03');
		const spc = (card: typeof withDfe) => JSON.stringify(card.indicators.find(i => i.code === 'REREF')!.spc);
		assert.equal(spc(withDfe), spc(without));
		assert.ok(withDfe.indicators.find(i => i.code === 'REREF')!.benchmarks.national !== undefined);
	});
});

describe('a file as DfE writes it, in small', () => {
	test("k (under 0.5) and a blank cell are not published, never 0; a BOM and quoted empty cells are read as they are", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'k.db');
		// The real care leavers file has k only in its "Total information not known" rows: here one is the EET total.
		const leavers = writeCsv(
			dir,
			'leavers.csv',
			'\uFEFFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,care_leaver_percent\n' +
				'2025,Reporting year,Local authority,E92000001,England,E12000002,North West,344,Wirral,E08000015,19 to 21 years,Total in education, employment or training,k,k\n'.replace('Total in education, employment or training', '"Total in education, employment or training"') +
				'2025,Reporting year,National,E92000001,England,"","","","","",19 to 21 years,"Total in education, employment or training",1,\n',
		);
		const result = await loaded(db, [leavers]);
		assert.match(formatSummary(result.summary), /leavers\.csv: care leavers' activity, 2025: 2 rows, 2 figures$/m);
		assert.deepEqual(await rows(db, 'SELECT area, level, value, code FROM published_figures ORDER BY area'), [
			{area: '344', level: 'la', value: null, code: 'k'},
			{area: 'E92000001', level: 'national', value: null, code: 'blank'},
		]);
	});
});

describe('refusals: one line naming file, line and column; nothing loaded', () => {
	const dir = tempDir();

	async function refusedWith(files: string[]): Promise<string[]> {
		const db = path.join(dir, `refused-${Math.random().toString(36).slice(2)}.db`);
		const result = await load(db, files);
		assert.equal(result.ok, false);
		if (result.ok) throw new Error('unreachable');
		assert.equal(fs.existsSync(db), false);
		return result.errors.slice(0, -1);
	}

	test('an open-data file of another publication; a figure that is neither a number nor a code', async () => {
		const other = writeCsv(dir, 'ks2.csv', 'time_period,time_identifier,geographic_level,old_la_code,la_name,pt_rwm_met_expected_standard\n2024,Academic year,National,,,61\n');
		assert.deepEqual(await refusedWith([other]), [
			`${other}:1:1: a DfE open-data file of a publication this scorecard does not read (it reads c1, cla, care_leavers, csww, d3, d5, b1, ons: see the README's "DfE's published statistics")`,
		]);
		const bad = writeCsv(dir, 'c1.csv', '\uFEFFtime_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,rereferral_percent\n2025,Reporting year,National,E92000001,"",,"","",22.6\n2025,Reporting year,Local authority,E92000001,E12000001,841,E06000005,Darlington,n/a\n');
		assert.deepEqual(await refusedWith([bad]), [`${bad}:3:9: rereferral_percent "n/a" is neither a number nor one of DfE's codes (c, k, low, u, x, z)`]);
	});

	test("an unknown published measure, a unit that does not fit it, an la_code in none of the files", async () => {
		const indicators = writeCsv(dir, 'bad-indicators.csv', `${INDICATORS_HEADER}\nA,1,A,percent,lower,,,monthly,a,dfe.rereferral\nB,2,B,percent,none,,,snapshot,b,dfe.cla_rate_per_10k\n`);
		const errors = await refusedWith([indicators]);
		assert.match(errors[0]!, /bad-indicators\.csv:2:10: published "dfe\.rereferral" is not a published measure this scorecard knows \(one of dfe\.rereferrals, dfe\.cla_rate_per_10k, /);
		assert.equal(errors[1], `${indicators}:3:10: dfe.cla_rate_per_10k is a rate_per_10k figure; this indicator's unit is percent`);
		const code = writeCsv(dir, 'settings-999.csv', settings('999'));
		assert.deepEqual(await refusedWith([C1, writeCsv(dir, 'ok-indicators.csv', INDICATORS), code]), [
			`${code}:2:2: la_code 999 is not a local authority in the loaded DfE files or the statistical-neighbour model`,
		]);
	});
});

describe("the README's command", () => {
	test('loads the shared files for an authority from the repository alone; the console then shows DfE 2016-17 for December 2017', async () => {
		const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf("## DfE's published statistics"));
		const command = /```sh\n([\s\S]*?)```/.exec(section)![1]!.replace(/\\\n\s*/g, '').split('\n')[0]!;
		assert.match(command, /^npm run load -- --db dfe\.db /);
		const root = path.resolve(import.meta.dirname, '..');
		const files = command
			.replace(/^npm run load -- --db dfe\.db /, '')
			.split(/\s+/)
			.flatMap(arg => {
				// The shell's glob, as the README's reader's shell expands it.
				if (!arg.includes('*')) return [path.join(root, arg)];
				const dir = path.join(root, path.dirname(arg));
				const suffix = path.basename(arg).replace('*', '');
				return fs.readdirSync(dir).filter(name => name.endsWith(suffix)).sort().map(name => path.join(dir, name));
			});
		assert.ok(files.every(each => each.startsWith(root) && fs.existsSync(each)), files.join(', '));
		const db = path.join(tempDir(), 'dfe.db');
		await loaded(db, files);
		const c = await openStoreReadOnly(db);
		let card;
		try {
			card = (await readScorecard(c, {period: '2017-12'})).scorecard;
		} finally {
			await c.close();
		}
		const reref = card.indicators.find(i => i.code === 'REREF12')!;
		// c1 2017: England 21.9, Barnet 20.1.
		assert.deepEqual([reref.benchmarks.national, reref.benchmarks.published, reref.benchmarkInfo?.national?.label], [21.9, 20.1, '2016-17']);
		const caseload = card.indicators.find(i => i.code === 'CASELOAD')!;
		assert.equal(caseload.benchmarkInfo?.national?.label, 'Sep 2017');
		// Looked-after rates start with 2020-21 in these files: none on or before December 2017.
		assert.deepEqual(card.indicators.find(i => i.code === 'CIC')!.benchmarks, {});
	});
});
