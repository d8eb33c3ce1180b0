// The scorecard's own rules for a month: a cumulative count's annual target pro rata, the store's
// SPC settings reaching SPC, and the words a manager hears (figures, targets, means, marks).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {withheldMark} from '../source/components/indicator-marks.js';
import {figureText, targetText, withCounts} from '../source/domain/figure-words.js';
import {addMonths} from '../source/domain/periods.js';
import {buildScorecard, monthsIntoYear, ratedTarget, type ScorecardInput} from '../source/domain/scorecard.js';
import {DEFAULT_SETTINGS} from '../source/domain/store-settings.js';
import type {IndicatorDef, MeasureRow} from '../source/domain/types.js';
import {formatExplaining, formatMean} from '../source/domain/units.js';

const def = (over: Partial<IndicatorDef>): IndicatorDef => ({
	code: 'X',
	number: 1,
	title: 'X',
	unit: 'count',
	polarity: 'higher',
	measure: 'monthly',
	definition: '',
	targets: [{effectiveFrom: '0000-01', target: 120, amber: 12}],
	...over,
});

function card(indicator: IndicatorDef, values: number[], options: Partial<ScorecardInput> = {}, last = '2017-12') {
	const measures: MeasureRow[] = values.map((value, i) => ({team: 'ALL', indicator: indicator.code, period: addMonths(last, i - values.length + 1), numerator: null, denominator: null, value}));
	return buildScorecard({period: last, indicators: [indicator], teams: [], measures, benchmarks: [], commentary: [], rebases: [], ...options}).indicators[0]!;
}

describe('a cumulative count: its annual target pro rata for the months of the reporting year', () => {
	it('counts the months from the year\'s first month (April by default, a setting)', () => {
		assert.deepEqual(['2017-04', '2017-12', '2018-01', '2018-03'].map(p => monthsIntoYear(p)), [1, 9, 10, 12]);
		assert.deepEqual(['2017-01', '2017-12'].map(p => monthsIntoYear(p, 1)), [1, 12]);
	});

	it('rates 90 by December against 90 of the 120 (green), not 120 (red)', () => {
		const ytd = card(def({measure: 'cumulative'}), [90]);
		assert.equal(ytd.target, 90);
		assert.equal(ytd.amber, 9);
		assert.deepEqual(ytd.proRata, {annual: 120, months: 9});
		assert.equal(ytd.rag, 'green');
		assert.equal(targetText('count', ytd.target, ytd.proRata), 'target 90 (9 months of the 120 a year)');
	});

	it('by the store\'s reporting year: a calendar year puts December at the whole target', () => {
		const ytd = card(def({measure: 'cumulative'}), [90], {settings: {...DEFAULT_SETTINGS, reporting_year_start: 1}});
		assert.equal(ytd.target, 120);
		assert.equal(ytd.rag, 'red');
	});

	it('leaves other measures and units alone', () => {
		for (const other of [def({measure: 'monthly'}), def({measure: 'cumulative', unit: 'percent'})]) {
			assert.deepEqual(ratedTarget(other, other.targets[0]!, '2017-12'), {target: 120, amber: 12, proRata: null});
		}
	});
});

describe('the store\'s SPC settings reach SPC', () => {
	// Fourteen months alternating 12 and 10, then six at 11.6, above the mean (11.2) and inside the
	// 2-sigma line: a shift of 6, not of 7.
	const values = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 11.6, 11.6, 11.6, 11.6, 11.6, 11.6];
	it('spc_run_length', () => {
		assert.equal(card(def({unit: 'average'}), values).spc!.latest, null);
		assert.equal(card(def({unit: 'average'}), values, {settings: {...DEFAULT_SETTINGS, spc_run_length: 6}}).spc!.latest?.rule, 'shift');
	});

	it('spc_min_points', () => {
		assert.deepEqual(card(def({unit: 'average'}), values, {settings: {...DEFAULT_SETTINGS, spc_min_points: 24}}).spc!.withheld, {reason: 'too_few', points: 20, needed: 24});
	});

	it('a count below 2 a month is judged as rare events, with limits no lower than 0', () => {
		const spc = card(def({unit: 'count', polarity: 'lower'}), [1, 0, 2, 0, 1, 1, 0, 0, 3, 1, 0, 1, 2, 0]).spc!;
		assert.equal(spc.method, 'rare');
		assert.equal(spc.lower, 0);
		assert.ok(Number.isInteger(spc.upper));
	});

	it('a baseline rebase fixes the limits on its months', () => {
		// The 14th of 21 months is the baseline's last: limits from the alternating months alone.
		const base = card(def({unit: 'average'}), [...values, 30], {rebases: [{indicator: 'X', period: addMonths('2017-12', -7), reason: 'agreed', type: 'baseline'}]}).spc!;
		assert.equal(base.mean, 11);
		assert.equal(base.latest?.rule, 'limit');
	});
});

describe('words for figures', () => {
	it('the mean at one more decimal than the figure', () => {
		assert.equal(formatMean('percent', 90.44), '90.4%');
		assert.equal(formatMean('rate_per_10k', 33.456), '33.46 /10k');
		assert.equal(formatMean('count', 3.667), '3.7');
	});

	it('the decimal that explains a red or amber, and only then', () => {
		assert.equal(formatExplaining('percent', 84.9, 85, 'higher'), '84.9%');
		assert.equal(formatExplaining('percent', 84.96, 85, 'higher'), '84.96%');
		assert.equal(formatExplaining('percent', 83.2, 85, 'higher'), '83%');
		assert.equal(formatExplaining('days', 121.4, 121, 'lower'), '121.4 days');
		const figure = {unit: 'percent' as const, polarity: 'higher' as const, target: 85, amber: 5};
		assert.equal(figureText({...figure, value: 84.9, rag: 'amber'}), '84.9%');
		assert.equal(figureText({...figure, value: 79.96, rag: 'red'}), '79.96%');
		assert.equal(figureText({...figure, value: 92.2, rag: 'green'}), '92%');
	});

	it('counts beside a percentage of a small denominator', () => {
		assert.equal(withCounts('60%', 'percent', 3, 5), '60% (3 of 5)');
		assert.equal(withCounts('60%', 'percent', 300, 500), '60%');
		assert.equal(withCounts('3', 'count', 3, 5), '3');
	});

	it('the grid\'s own marks where SPC gives no verdict', () => {
		const spc = card(def({unit: 'average'}), [1, 2, 3]).spc!;
		assert.equal(withheldMark(spc), '<13');
		assert.equal(withheldMark(card(def({unit: 'average'}), Array.from({length: 14}, () => 5)).spc), '=  ');
		assert.equal(withheldMark(card(def({unit: 'average'}), [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10]).spc), null);
	});
});
