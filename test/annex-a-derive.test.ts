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
