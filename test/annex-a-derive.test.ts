import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {completeMonths, deriveAnnexA, reReferrals, timelyAssessments, yearBefore, type Extract} from '../source/domain/annex-a.js';
import {englandBankHolidays} from '../source/loader/annex-a/bank-holidays.js';
import {dayOf, isoDay, parseIsoDay, WorkingDays} from '../source/domain/working-days.js';

const d = (text: string) => {
	const day = parseIsoDay(text);
	assert.ok(day !== null, text);
	return day;
};

// The bank holidays of every year these extracts touch (the loader looks them up the same way).
const HOLIDAYS = englandBankHolidays(2015, 2018);

const EMPTY: Extract = {from: d('2016-11-01'), to: d('2017-12-31'), referrals: [], assessments: [], plans: [], lookedAfter: [], teams: ['EAST', 'WEST']};

describe('working days', () => {
	test('Mon 23 Oct 2017 to Wed 27 Dec 2017 is 45 working days: the day after the start to the authorisation day, Christmas and Boxing Day out', () => {
		const calendar = new WorkingDays(d('2017-10-01'), d('2018-01-31'), englandBankHolidays(2017, 2018));
		assert.equal(calendar.between(d('2017-10-23'), d('2017-12-27')), 45);
		// The day before is 44; Christmas Day and Boxing Day add nothing.
		assert.equal(calendar.between(d('2017-10-23'), d('2017-12-22')), 44);
		assert.equal(calendar.between(d('2017-10-23'), d('2017-12-26')), 44);
		// A start on Friday 22 Dec, authorised Tuesday 2 Jan 2018: 27, 28, 29 Dec and 2 Jan (1 Jan a holiday).
		assert.equal(calendar.between(d('2017-12-22'), d('2018-01-02')), 4);
		assert.equal(calendar.between(d('2017-12-27'), d('2017-12-27')), 0);
	});

	test('substitute days come from date-holidays: 27 Dec 2016 and 2 Jan 2017, not Sunday 25 Dec 2016', () => {
		const holidays = englandBankHolidays(2016, 2017);
		for (const day of ['2016-12-26', '2016-12-27', '2017-01-02', '2017-04-14', '2017-08-28']) assert.ok(holidays.has(d(day)), day);
		assert.ok(!holidays.has(d('2016-03-06')), 'Mothering Sunday is an observance, not a bank holiday');
		const calendar = new WorkingDays(d('2016-12-01'), d('2017-01-31'), holidays);
		// Fri 23 Dec 2016 to Tue 3 Jan 2017: 28, 29, 30 Dec and 3 Jan.
		assert.equal(calendar.between(d('2016-12-23'), d('2017-01-03')), 4);
	});

	test('days and months', () => {
		assert.equal(isoDay(dayOf(2017, 12, 31)), '2017-12-31');
		assert.equal(parseIsoDay('2017-02-29'), null);
		assert.deepEqual(
			completeMonths(d('2017-01-15'), d('2017-04-30')).map(month => month.period),
			['2017-02', '2017-03', '2017-04'],
		);
		assert.deepEqual(completeMonths(d('2017-01-01'), d('2017-03-30')).map(month => month.period), ['2017-01', '2017-02']);
		assert.equal(isoDay(yearBefore(d('2016-02-29'))), '2015-02-28');
	});
});

describe('derivations, worked by hand', () => {
	test('assessments in 45 working days and seen: denominator is the month of authorisation; open ones not counted', () => {
		const extract: Extract = {
			...EMPTY,
			assessments: [
				{start: d('2017-10-23'), authorised: d('2017-12-27'), seen: true, team: 'EAST'}, // 45: in time
				{start: d('2017-10-23'), authorised: d('2017-12-28'), seen: false, team: 'EAST'}, // 46: late
				{start: d('2017-12-01'), authorised: d('2017-12-05'), seen: true, team: null}, // whole service only
				{start: d('2017-11-01'), authorised: d('2017-11-30'), seen: true, team: 'WEST'}, // November
				{start: d('2017-12-01'), authorised: null, seen: true, team: 'WEST'}, // open
			],
		};
		assert.deepEqual(timelyAssessments(extract.assessments, HOLIDAYS), [true, false, true, true, false]);
		const {measures} = deriveAnnexA(extract, [
			{code: 'FA45', derive: 'annex_a.assessments_45wd', unit: 'percent'},
			{code: 'SEEN', derive: 'annex_a.seen_at_assessment', unit: 'percent'},
		], HOLIDAYS);
		const december = measures.filter(row => row.period === '2017-12');
		assert.deepEqual(december, [
			{period: '2017-12', indicator: 'FA45', team: 'ALL', numerator: 2, denominator: 3},
			{period: '2017-12', indicator: 'FA45', team: 'EAST', numerator: 1, denominator: 2},
			{period: '2017-12', indicator: 'SEEN', team: 'ALL', numerator: 2, denominator: 3},
			{period: '2017-12', indicator: 'SEEN', team: 'EAST', numerator: 1, denominator: 2},
		]);
		assert.deepEqual(
			measures.filter(row => row.period === '2017-11'),
			[
				{period: '2017-11', indicator: 'FA45', team: 'ALL', numerator: 1, denominator: 1},
				{period: '2017-11', indicator: 'FA45', team: 'WEST', numerator: 1, denominator: 1},
				{period: '2017-11', indicator: 'SEEN', team: 'ALL', numerator: 1, denominator: 1},
				{period: '2017-11', indicator: 'SEEN', team: 'WEST', numerator: 1, denominator: 1},
			],
		);
	});

	test('re-referrals: a referral exactly a year after the last counts, a day more does not; months without a whole look-back are not computed', () => {
		const referrals = [
			{child: 'A', referred: d('2016-12-05'), team: 'EAST'},
			{child: 'A', referred: d('2017-12-05'), team: 'EAST'}, // exactly a year: re-referral
			{child: 'B', referred: d('2016-12-04'), team: 'WEST'},
			{child: 'B', referred: d('2017-12-05'), team: 'WEST'}, // a year and a day: not
			{child: 'C', referred: d('2017-12-10'), team: 'WEST'},
			{child: 'C', referred: d('2017-12-10'), team: 'WEST'}, // the same day is not "before"
			{child: 'D', referred: d('2017-06-01'), team: null},
			{child: 'D', referred: d('2017-12-20'), team: null},
		];
		assert.deepEqual(reReferrals(referrals), [false, true, false, false, false, false, false, true]);
		const derived = deriveAnnexA({...EMPTY, from: d('2016-12-01'), referrals}, [{code: 'REREF', derive: 'annex_a.re_referrals_12m', unit: 'percent'}], HOLIDAYS);
		// The extract starts 1 Dec 2016: only December 2017 has its year of look-back inside it.
		assert.deepEqual(derived.months.get('REREF'), ['2017-12']);
		assert.deepEqual(derived.measures, [
			{period: '2017-12', indicator: 'REREF', team: 'ALL', numerator: 2, denominator: 5},
			{period: '2017-12', indicator: 'REREF', team: 'EAST', numerator: 1, denominator: 1},
			{period: '2017-12', indicator: 'REREF', team: 'WEST', numerator: 0, denominator: 3},
		]);
	});

	test('plans open at month end: a plan ending on the last day is not open; counts for every team, zeros too; a rate leaves the population to the loader', () => {
		const plans = [
			{start: d('2017-06-01'), end: d('2017-11-30'), team: 'EAST'}, // ends on November's last day
			{start: d('2017-11-30'), end: null, team: 'EAST'}, // starts on it
			{start: d('2017-01-01'), end: d('2017-12-01'), team: null},
		];
		const {measures} = deriveAnnexA({...EMPTY, from: d('2017-11-01'), plans}, [{code: 'CPP', derive: 'annex_a.cp_plans', unit: 'rate_per_10k'}], HOLIDAYS);
		assert.deepEqual(measures, [
			{period: '2017-11', indicator: 'CPP', team: 'ALL', numerator: 2, denominator: null},
			{period: '2017-11', indicator: 'CPP', team: 'EAST', numerator: 1, denominator: null},
			{period: '2017-11', indicator: 'CPP', team: 'WEST', numerator: 0, denominator: null},
			{period: '2017-12', indicator: 'CPP', team: 'ALL', numerator: 1, denominator: null},
			{period: '2017-12', indicator: 'CPP', team: 'EAST', numerator: 1, denominator: null},
			{period: '2017-12', indicator: 'CPP', team: 'WEST', numerator: 0, denominator: null},
		]);
	});

	test('children in care at month end, and without unaccompanied asylum-seeking children', () => {
		const lookedAfter = [
			{start: d('2015-03-01'), end: null, uasc: false, team: 'EAST'},
			{start: d('2017-12-31'), end: null, uasc: true, team: 'WEST'}, // from the last day: in care at month end
			{start: d('2017-02-01'), end: d('2017-12-31'), uasc: false, team: 'WEST'}, // ceased on it: not
		];
		const {measures} = deriveAnnexA({...EMPTY, from: d('2017-12-01'), lookedAfter}, [
			{code: 'CLA', derive: 'annex_a.children_in_care', unit: 'count'},
			{code: 'CLAX', derive: 'annex_a.children_in_care_excl_uasc', unit: 'count'},
		], HOLIDAYS);
		const figure = (code: string, team: string) => measures.find(row => row.indicator === code && row.team === team)?.numerator;
		assert.deepEqual([figure('CLA', 'ALL'), figure('CLA', 'EAST'), figure('CLA', 'WEST')], [2, 1, 1]);
		assert.deepEqual([figure('CLAX', 'ALL'), figure('CLAX', 'EAST'), figure('CLAX', 'WEST')], [1, 1, 0]);
	});
});

describe("the 45 working days by either convention, on hand-worked dates", () => {
	// Worked by hand from GOV.UK's list of bank holidays, and checked against pandas'
	// CustomBusinessDay(n=44) (Data to Insight's england_working_days(45)): start + 44 working days
	// is the last day in time when the start day is day 1.
	const holidays = englandBankHolidays(2017, 2023);
	const cases: Array<{start: string; authorised: string; days: number; why: string}> = [
		// Christmas 2017: 25 and 26 Dec are bank holidays.
		{start: '2017-10-23', authorised: '2017-12-22', days: 44, why: 'Mon 23 Oct 2017 to Fri 22 Dec: start + 44 (pandas)'},
		{start: '2017-10-23', authorised: '2017-12-27', days: 45, why: "the README's example: Christmas and Boxing Day out"},
		{start: '2017-10-23', authorised: '2017-12-28', days: 46, why: 'a day later'},
		// A Saturday start: pandas adds 44 working days from Saturday to Thu 21 Dec.
		{start: '2017-10-21', authorised: '2017-12-21', days: 44, why: 'Sat 21 Oct 2017: start + 44 (pandas) is Thu 21 Dec'},
		{start: '2017-10-21', authorised: '2017-12-22', days: 45, why: 'Fri 22 Dec from a Saturday start'},
		// Summer 2022: Mon 29 Aug and the Queen's funeral, Mon 19 Sep 2022.
		{start: '2022-07-22', authorised: '2022-09-26', days: 44, why: 'Fri 22 Jul 2022 to Mon 26 Sep: start + 44 (pandas)'},
		{start: '2022-07-22', authorised: '2022-09-27', days: 45, why: 'Tue 27 Sep: 46 without the funeral holiday'},
		// Christmas 2022: Mon 26 Dec and Tue 27 Dec (the substitute for Sunday 25 Dec).
		{start: '2022-10-24', authorised: '2022-12-23', days: 44, why: 'Mon 24 Oct 2022 to Fri 23 Dec: start + 44 (pandas)'},
		{start: '2022-10-24', authorised: '2022-12-28', days: 45, why: 'Wed 28 Dec 2022: 26 and 27 Dec out'},
		// Spring 2023: Good Friday 7 Apr, Easter Monday 10 Apr, Mon 1 May and the coronation, Mon 8 May 2023.
		{start: '2023-03-13', authorised: '2023-05-18', days: 44, why: 'Mon 13 Mar 2023 to Thu 18 May: start + 44 (pandas)'},
		{start: '2023-03-13', authorised: '2023-05-19', days: 45, why: 'Fri 19 May: 46 without the coronation holiday'},
		{start: '2023-03-13', authorised: '2023-05-22', days: 46, why: 'Mon 22 May'},
	];

	test('the working days between are as worked by hand', () => {
		const calendar = new WorkingDays(d('2017-01-01'), d('2023-12-31'), holidays);
		for (const {start, authorised, days, why} of cases) assert.equal(calendar.between(d(start), d(authorised)), days, why);
		for (const day of ['2022-09-19', '2023-05-08', '2022-06-02', '2022-06-03', '2022-12-27', '2023-01-02']) assert.ok(holidays.has(d(day)), `${day} is a bank holiday`);
	});

	test('after_start: 45 is in time, 46 is late; start_is_day_1: 44 is in time, 45 is late', () => {
		const assessments = cases.map(({start, authorised}) => ({start: d(start), authorised: d(authorised), seen: true, team: null}));
		assert.deepEqual(
			timelyAssessments(assessments, holidays, 'after_start'),
			cases.map(({days}) => days <= 45),
		);
		assert.deepEqual(
			timelyAssessments(assessments, holidays, 'start_is_day_1'),
			cases.map(({days}) => days <= 44),
		);
		// The README's example both ways.
		const example = [{start: d('2017-10-23'), authorised: d('2017-12-27'), seen: true, team: null}];
		assert.deepEqual(timelyAssessments(example, holidays, 'after_start'), [true]);
		assert.deepEqual(timelyAssessments(example, holidays, 'start_is_day_1'), [false]);
	});

	test('deriveAnnexA counts a month by the convention it is given', () => {
		const assessments = [
			{start: d('2017-10-23'), authorised: d('2017-12-27'), seen: true, team: 'EAST'},
			{start: d('2017-10-23'), authorised: d('2017-12-22'), seen: true, team: 'EAST'},
		];
		const extract = {...EMPTY, from: d('2017-10-01'), assessments};
		const indicator = [{code: 'FA45', derive: 'annex_a.assessments_45wd' as const, unit: 'percent' as const}];
		const december = (convention: 'after_start' | 'start_is_day_1') => deriveAnnexA(extract, indicator, holidays, {convention}).measures.find(m => m.period === '2017-12' && m.team === 'ALL');
		assert.deepEqual([december('after_start')?.numerator, december('after_start')?.denominator], [2, 2]);
		assert.deepEqual([december('start_is_day_1')?.numerator, december('start_is_day_1')?.denominator], [1, 2]);
	});
});

describe('re-referrals from List 3\'s "Number of Referrals in Last 12 Months"', () => {
	const indicator = [{code: 'REREF', derive: 'annex_a.re_referrals_12m' as const, unit: 'percent' as const}];

	test('months whose look-back is before the extract use the count (2 or more, counting the referral itself); later months use the dates', () => {
		const referrals = [
			{child: 'A', referred: d('2017-01-10'), team: 'EAST', count: 2}, // referred in 2016 too: a re-referral by the count
			{child: 'B', referred: d('2017-01-20'), team: 'WEST', count: 1},
			{child: 'A', referred: d('2017-12-05'), team: 'EAST', count: 2}, // a re-referral by the dates too
			{child: 'C', referred: d('2017-12-06'), team: 'WEST', count: 3}, // the dates say not: the dates win once the look-back is inside
		];
		// The extract starts 1 Dec 2016: December 2017 is the first month with its whole year of look-back inside it.
		const derived = deriveAnnexA({...EMPTY, from: d('2016-12-01'), referrals}, indicator, HOLIDAYS);
		assert.deepEqual(derived.months.get('REREF'), ['2016-12', '2017-01', '2017-02', '2017-03', '2017-04', '2017-05', '2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']);
		assert.equal(derived.reReferralSources.get('2016-12'), 'count');
		assert.equal(derived.reReferralSources.get('2017-01'), 'count');
		assert.equal(derived.reReferralSources.get('2017-11'), 'count');
		assert.equal(derived.reReferralSources.get('2017-12'), 'dates');
		assert.equal(derived.countIncludesReferral, true);
		const at = (period: string, team: string) => derived.measures.find(m => m.period === period && m.team === team);
		assert.deepEqual([at('2017-01', 'ALL')?.numerator, at('2017-01', 'ALL')?.denominator], [1, 2]);
		assert.deepEqual([at('2017-12', 'ALL')?.numerator, at('2017-12', 'ALL')?.denominator], [1, 2]);
	});

	test('a count of 0 in the list means it counts earlier referrals only: 1 or more is a re-referral', () => {
		const referrals = [
			{child: 'A', referred: d('2017-01-10'), team: 'EAST', count: 1},
			{child: 'B', referred: d('2017-01-20'), team: 'WEST', count: 0},
		];
		const derived = deriveAnnexA({...EMPTY, from: d('2017-01-01'), to: d('2017-01-31'), referrals}, indicator, HOLIDAYS);
		assert.equal(derived.countIncludesReferral, false);
		assert.deepEqual(derived.measures.find(m => m.team === 'ALL'), {period: '2017-01', indicator: 'REREF', team: 'ALL', numerator: 1, denominator: 2});
	});

	test('without the column, or with a blank count in the month, a month with no whole look-back is not computed', () => {
		const referrals = [
			{child: 'A', referred: d('2017-01-10'), team: 'EAST', count: 2},
			{child: 'B', referred: d('2017-01-20'), team: 'WEST', count: null},
		];
		const derived = deriveAnnexA({...EMPTY, from: d('2017-01-01'), to: d('2017-01-31'), referrals}, indicator, HOLIDAYS);
		assert.deepEqual(derived.months.get('REREF'), []);
		const without = deriveAnnexA({...EMPTY, from: d('2017-01-01'), to: d('2017-01-31'), referrals: referrals.map(({child, referred, team}) => ({child, referred, team}))}, indicator, HOLIDAYS);
		assert.deepEqual(without.months.get('REREF'), []);
	});
});
