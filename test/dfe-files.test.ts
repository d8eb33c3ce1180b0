import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {absenceLine, absenceOf} from '../source/domain/authority-changes.js';
import {benchmarksFor, reconcile, reconciliationText} from '../source/domain/benchmarks.js';
import {isNeighbourHeader, parseFigure, parseYear, readDfeRow, readNeighbourRow, recogniseDfeHeader} from '../source/domain/dfe-files.js';
import {mean, publishedYears, resolveAuthority, type NeighbourLink, type PublishedFigure} from '../source/domain/published-benchmarks.js';
import {median} from '../source/domain/statistics.js';
import {monthsOfYear, publishedMeasure, yearEndDay, yearEndPeriod, yearLabel} from '../source/domain/published.js';
import type {MeasureRow} from '../source/domain/types.js';

// DfE's files and the national picture, pure: headers, rows, years, splits, the neighbours' mean
// and median, and the reconciliation with the console's months.

const EES = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name';
const names = (header: string) => header.split(',').map(name => name.trim().toLowerCase());

/** A row's cells by lower-case name (undefined: no such column), as the loader hands them in. */
function cells(header: string, row: string): (name: string) => string | undefined {
	const keys = names(header);
	// The test rows quote nothing but "", as d3's national rows do.
	const values = row.split(',').map(value => value.replace(/^"(.*)"$/, '$1'));
	return name => {
		const i = keys.indexOf(name);
		return i < 0 ? undefined : values[i];
	};
}

describe('recognising a DfE open-data file by its header', () => {
	test('each publication by its own columns, whatever their order and case; renamed columns across vintages', () => {
		const dataset = (header: string) => {
			const match = recogniseDfeHeader(names(header));
			assert.ok(match?.ok, JSON.stringify(match));
			return match.dataset;
		};
		assert.equal(dataset(`${EES},category,referral_count,rereferral_count,rereferral_percent`), 'c1');
		// The 2024 release named it Re_referrals_percent.
		assert.equal(dataset(`${EES},category,Referrals,Re_referrals,Re_referrals_percent`), 'c1');
		// cla and care leavers put la_name before new_la_code.
		assert.equal(dataset('time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000'), 'cla');
		assert.equal(dataset('time_period,time_identifier,geographic_level,old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,care_leaver_percent'), 'care_leavers');
		assert.equal(dataset(`${EES},inpost_fte,agency_rate_fte,caseload_fte`), 'csww');
		assert.equal(dataset(`${EES},category,CPP_start,CPP_subsequent,CPP_subsequent_percent`), 'd3');
		assert.equal(dataset(`${EES},category,CPP_At31,3_months_or_less`), 'd5');
		assert.equal(dataset(`${EES},category,Anypoint_episodes,At31_episodes`), 'b1');
		assert.equal(dataset(`${EES},age_group,population_estimate`), 'ons');
	});

	test('an open-data file of another publication, or without old_la_code, is refused in words; other files are not DfE files', () => {
		const other = recogniseDfeHeader(names(`${EES},pt_overall`));
		assert.ok(other !== null && !other.ok);
		assert.match(other.message, /a DfE open-data file of a publication this scorecard does not read \(it reads c1, cla, care_leavers, csww, d3, d5, b1, ons/);
		const noCode = recogniseDfeHeader(names('time_period,geographic_level,la_name,rereferral_percent'));
		assert.ok(noCode !== null && !noCode.ok);
		assert.match(noCode.message, /without an "old_la_code" column/);
		assert.equal(recogniseDfeHeader(names('period,indicator,benchmark,value')), null);
	});

	test('the neighbour model by old_la_code and SN_1 to SN_10', () => {
		const header = ['old_la_code', 'la_name', ...Array.from({length: 10}, (_, i) => [`sn_${i + 1}`, `sn_${i + 1}p`]).flat()];
		assert.equal(isNeighbourHeader(header), true);
		assert.equal(isNeighbourHeader(header.filter(name => name !== 'sn_10')), false);
	});
});

describe('reading a row', () => {
	test("suppression codes are kept as not published, never 0; a blank is not published either; anything else is refused", () => {
		for (const code of ['c', 'k', 'low', 'u', 'x', 'z', 'LOW', ' c ']) assert.deepEqual(parseFigure(code), {value: null, code: code.trim().toLowerCase()});
		assert.deepEqual(parseFigure(''), {value: null, code: 'blank'});
		assert.deepEqual(parseFigure('22.6'), {value: 22.6, code: null});
		assert.deepEqual(parseFigure('0'), {value: 0, code: null});
		assert.equal(parseFigure('n/a'), undefined);
		assert.equal(parseFigure('1,234'), undefined);
	});

	test('years: 2025, or 202425 for the year ending 2025', () => {
		assert.equal(parseYear('2025'), 2025);
		assert.equal(parseYear('202425'), 2025);
		assert.equal(parseYear('202426'), undefined);
		assert.equal(parseYear('25'), undefined);
	});

	test("d3's national row with quoted empty region and LA cells; an LA row; a combined workforce row", () => {
		const d3 = `${EES},category,CPP_start,CPP_subsequent,CPP_subsequent_percent`;
		const national = readDfeRow('d3', cells(d3, '2025,Reporting year,National,E92000001,England,"","",,"","",Child Protection Plans,61840,15130,24.5'));
		assert.deepEqual(national, {
			ok: true,
			row: {year: 2025, level: 'national', area: 'E92000001', name: 'England', region: null, regionName: null, newCode: null, figures: [{series: 'd3.cpp_subsequent_percent', figure: {value: 24.5, code: null}}]},
		});
		const la = readDfeRow('d3', cells(d3, '2024,Reporting year,Local authority,E92000001,England,E12000008,South East,850,E10000014,Hampshire,Child Protection Plans,1,2,u'));
		assert.ok(la.ok && la.row);
		assert.deepEqual([la.row.area, la.row.region, la.row.newCode, la.row.figures[0]!.figure], ['850', 'E12000008', 'E10000014', {value: null, code: 'u'}]);
		const csww = `${EES},agency_rate_fte,caseload_fte`;
		const combined = readDfeRow('csww', cells(csww, '2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,940 / 941,E06000061 / E06000062,North Northamptonshire / West Northamptonshire,12.5,14.8'));
		assert.ok(combined.ok && combined.row);
		assert.equal(combined.row.area, '940 / 941');
		assert.deepEqual(combined.row.figures.map(f => [f.series, f.figure.value]), [['csww.caseload_fte', 14.8], ['csww.agency_rate_fte', 12.5]]);
	});

	test('rows of other breakdowns and levels are not read; a bad figure or year names its column', () => {
		const cla = 'time_period,geographic_level,region_code,old_la_code,la_name,new_la_code,population_type,rate_per_10000';
		assert.deepEqual(readDfeRow('cla', cells(cla, '2025,National,,,,,Children starting to be looked after each year,26')), {ok: true, row: null});
		assert.deepEqual(readDfeRow('cla', cells(cla, '2025,Local authority district,,,,,Children looked after on 31 March each year,26')), {ok: true, row: null});
		assert.deepEqual(readDfeRow('cla', cells(cla, '2025,National,,,,,Children looked after on 31 March each year,n/a')), {
			ok: false,
			column: 'rate_per_10000',
			message: 'rate_per_10000 "n/a" is neither a number nor one of DfE\'s codes (c, k, low, u, x, z)',
		});
		assert.deepEqual(readDfeRow('cla', cells(cla, '25/26,National,,,,,Children looked after on 31 March each year,67')), {ok: false, column: 'time_period', message: 'time_period "25/26" is not a year (e.g. 2025)'});
	});

	test("a neighbour row: ten codes, none the authority's own, none twice; closeness trimmed", () => {
		const header = ['old_la_code', 'la_name', 'region_name', ...Array.from({length: 10}, (_, i) => [`sn_${i + 1}`, `sn_${i + 1}p`]).flat()].join(',');
		const ten = ['320', '870', '310', '317', '315', '306', '209', '312', '309', '307'];
		const row = (codes: string[]) => ['302', 'Barnet', 'London', ...codes.flatMap(code => [code, 'Close '])].join(',');
		const read = readNeighbourRow(cells(header, row(ten)));
		assert.ok(read.ok);
		assert.deepEqual(read.row.neighbours[0], {rank: 1, code: '320', closeness: 'Close'});
		assert.deepEqual(readNeighbourRow(cells(header, row([...ten.slice(0, 9), '320']))), {ok: false, column: 'sn_10', message: 'SN_10 names 320 again (it is SN_1 too)'});
		assert.deepEqual(readNeighbourRow(cells(header, row([...ten.slice(0, 9), '302']))), {ok: false, column: 'sn_10', message: 'SN_10 names the authority itself (302)'});
	});
});

describe('years and authorities that changed', () => {
	test('children in need years end 31 March and read 2024-25; the workforce census is 30 September', () => {
		assert.deepEqual([yearLabel('march', 2025), yearEndPeriod('march', 2025), yearEndDay('march', 2025)], ['2024-25', '2025-03', '2025-03-31']);
		assert.deepEqual([yearLabel('march', 2000), yearLabel('march', 2010)], ['1999-00', '2009-10']);
		assert.deepEqual([yearLabel('september', 2025), yearEndPeriod('september', 2025), yearEndDay('september', 2025)], ['Sep 2025', '2025-09', '2025-09-30']);
		assert.deepEqual(monthsOfYear('march', 2025), ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
		assert.deepEqual([monthsOfYear('september', 2025)[0], monthsOfYear('september', 2025)[11]], ['2024-10', '2025-09']);
	});

	test('Cumbria, Northamptonshire and Dorset: which years have no figure, said in one line', () => {
		assert.equal(absenceOf('942', 'march', 2024), null);
		assert.equal(absenceOf('942', 'september', 2023), null);
		const before = absenceOf('942', 'march', 2023)!;
		assert.equal(absenceLine([{code: '942', name: 'Cumberland'}], before, 'march', 2023), 'Cumberland (942): no figure for 2022-23: formed from Cumbria (909) on 1 April 2023, first published for 2023-24');
		const after = absenceOf('909', 'march', 2024)!;
		assert.equal(absenceLine([{code: '909', name: 'Cumbria'}], after, 'march', 2024), 'Cumbria (909): no figure for 2023-24: replaced by Cumberland (942) and Westmorland and Furness (943) on 1 April 2023, last published for 2022-23');
		assert.equal(absenceOf('928', 'march', 2021), null);
		assert.ok(absenceOf('940', 'march', 2021));
		assert.ok(absenceOf('838', 'march', 2019));
		assert.equal(absenceOf('838', 'march', 2020), null);
		assert.equal(absenceOf('302', 'march', 2013), null);
	});
});

describe('the neighbours, the region and the authority, from figures (pure)', () => {
	const rereferrals = publishedMeasure('dfe.rereferrals')!;
	const fig = (year: number, level: PublishedFigure['level'], area: string, value: number | null, code: string | null = null, extra: Partial<PublishedFigure> = {}): PublishedFigure => ({
		series: 'c1.rereferral_percent',
		year,
		level,
		area,
		name: extra.name ?? area,
		region: extra.region ?? (level === 'la' ? 'E12000004' : level === 'regional' ? area : null),
		newCode: extra.newCode ?? null,
		value,
		code,
		source: 'c1.csv',
	});
	const model: NeighbourLink[] = ['101', '102', '103', '940', '941'].map((neighbour, i) => ({la: '100', rank: i + 1, neighbour, closeness: null, name: 'Home', region: 'East Midlands'}));

	test('median is the middle figure or the mean of the middle two; no figures, no median', () => {
		assert.equal(median([3, 1, 2]), 2);
		assert.equal(median([4, 1, 3, 2]), 2.5);
		assert.equal(median([]), null);
		assert.equal(mean([1, 2, 4]), 7 / 3);
	});

	test('a suppressed neighbour is left out and counted; a neighbour before it existed is named once; the combined row stands for each of its authorities', () => {
		const figures = [
			fig(2021, 'national', 'E92000001', 20),
			fig(2021, 'regional', 'E12000004', 18),
			fig(2021, 'la', '100', 15, null, {newCode: 'E06000099'}),
			fig(2021, 'la', '101', 10),
			fig(2021, 'la', '102', null, 'c'),
			fig(2021, 'la', '103', 30),
			// 940 and 941 had no figure before 2021-22 (Northamptonshire until then).
			fig(2021, 'la', '928', 25),
			fig(2022, 'national', 'E92000001', 21),
			fig(2022, 'la', '101', 11),
			fig(2022, 'la', '102', 12),
			fig(2022, 'la', '103', 13),
			fig(2022, 'la', '940 / 941', 14),
		];
		const years = publishedYears(rereferrals, {code: '100', name: 'Home'}, figures, model);
		const y2021 = years.find(y => y.year === 2021)!;
		assert.deepEqual([y2021.national, y2021.regional?.value, y2021.own?.value], [20, 18, 15]);
		assert.deepEqual(y2021.neighbours.map(n => [n.code, n.status, n.value, n.suppression]), [
			['101', 'published', 10, null],
			['102', 'not published', null, 'c'],
			['103', 'published', 30, null],
			['940', 'no figure', null, null],
			['941', 'no figure', null, null],
		]);
		assert.equal(y2021.mean, 20);
		assert.equal(y2021.median, 20);
		assert.deepEqual(y2021.notes.neighbours, [
			'940 and 941: no figure for 2020-21: formed from Northamptonshire (928) on 1 April 2021, first published for 2021-22',
			"not published: 102 (c); left out of the neighbours' mean and median",
		]);
		const y2022 = years.find(y => y.year === 2022)!;
		assert.deepEqual(y2022.neighbours.map(n => [n.code, n.value, n.combined]), [
			['101', 11, null],
			['102', 12, null],
			['103', 13, null],
			['940', 14, '940 / 941'],
			['941', 14, '940 / 941'],
		]);
		assert.equal(y2022.mean, (11 + 12 + 13 + 14 + 14) / 5);
		assert.equal(y2022.median, 13);
		assert.equal(y2022.own, null);
		assert.deepEqual(y2022.notes.own, ['Home (100): no figure for 2021-22']);
	});

	test('an authority by its ONS code; a code in no file is a problem in words', () => {
		const figures = [fig(2021, 'la', '100', 15, null, {newCode: 'E06000099', name: 'Home'})];
		assert.deepEqual(resolveAuthority('e06000099', figures, model), {code: '100', name: 'Home'});
		assert.deepEqual(resolveAuthority('100', figures, model), {code: '100', name: 'Home'});
		assert.deepEqual(resolveAuthority('999', figures, model), {error: 'la_code 999 is not a local authority in the loaded DfE files or the statistical-neighbour model'});
	});
});

describe('benchmarks for a month and the reconciliation (pure)', () => {
	const published = (benchmark: 'national' | 'published', period: string, year: number, value: number) => ({
		indicator: 'REREF',
		benchmark,
		period,
		year,
		label: yearLabel('march', year),
		value,
		measure: 'dfe.rereferrals',
		source: 'c1.csv',
		detail: {},
	});
	const rows = [published('national', '2024-03', 2024, 22.4), published('national', '2025-03', 2025, 22.6), published('published', '2025-03', 2025, 24.2)];

	test("the latest year on or before the month shown; a typed benchmark for the month wins and says it was typed", () => {
		assert.deepEqual(benchmarksFor('REREF', '2025-02', [], rows).values, {national: 22.4});
		assert.equal(benchmarksFor('REREF', '2025-02', [], rows).shown.national?.label, '2023-24');
		assert.deepEqual(benchmarksFor('REREF', '2025-03', [], rows).values, {national: 22.6, published: 24.2});
		assert.deepEqual(benchmarksFor('REREF', '2023-12', [], rows).values, {});
		const typed = benchmarksFor('REREF', '2025-06', [{indicator: 'REREF', benchmark: 'national', period: '2025-06', value: 22}], rows);
		assert.deepEqual(typed.values, {national: 22, published: 24.2});
		assert.equal(typed.shown.national?.source, 'typed');
		assert.equal(typed.shown.national?.label, null);
	});

	test("a year's months pool (Σ re-referrals / Σ referrals); a snapshot compares with the year-end month", () => {
		const months = monthsOfYear('march', 2025);
		// 24 of 100 referrals in each of eleven months and 0 of 100 in the twelfth: 264 / 1,200 = 22.0%.
		const series = new Map<string, MeasureRow>(
			months.map((period, i) => [period, {team: 'ALL', indicator: 'REREF', period, numerator: i === 11 ? 0 : 24, denominator: 100, value: i === 11 ? 0 : 24}]),
		);
		const pooled = reconcile('dfe.rereferrals', {year: 2025, value: 24.2}, 'percent', 'monthly', series)!;
		assert.deepEqual(pooled, {label: '2024-25', published: 24.2, console: 22, how: 'pooled', months: 12, of: 12, month: '2025-03'});
		assert.equal(reconciliationText(pooled, 'percent'), "published for 2024-25: 24.2%; this console's months of that year pool to 22.0%");
		series.delete('2024-04');
		const partial = reconcile('dfe.rereferrals', {year: 2025, value: 24.2}, 'percent', 'monthly', series)!;
		// 240 / 1,100.
		assert.equal(reconciliationText(partial, 'percent'), "published for 2024-25: 24.2%; this console's months of that year pool to 21.8% (11 of its 12 months)");
		const cla = reconcile('dfe.cla_rate_per_10k', {year: 2025, value: 67}, 'rate_per_10k', 'snapshot', new Map([['2025-03', {team: 'ALL', indicator: 'CLA', period: '2025-03', numerator: null, denominator: null, value: 64.3}]]))!;
		assert.equal(reconciliationText(cla, 'rate_per_10k'), "published for 2024-25: 67.0 /10k; this console's Mar 2025 figure is 64.3 /10k");
		assert.equal(reconciliationText(reconcile('dfe.sw_caseload', {year: 2025, value: 14.1}, 'average', 'snapshot', new Map())!, 'average'), 'published for Sep 2025: 14.1; this console has no figure for Sep 2025');
	});
});
