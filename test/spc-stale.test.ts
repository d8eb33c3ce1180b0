// Stale limits (the documented addition to the tool) and the special-cause words, on hand-worked series.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {addMonths} from '../source/domain/periods.ts';
import {computeSpc} from '../source/domain/spc.ts';
import {describeSpecialCause, describeStaleLimits, staleLimitsAction} from '../source/domain/spc-words.ts';

const series = (values: number[], from = '2016-01') => values.map((value, i) => ({period: addMonths(from, i), value}));
// Jan-Dec 2016 alternating 12 and 10; from Jan 2017 the process moves up to 13 and 14.
const BASELINE = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10];
const STEP = [13, 14, 13, 14, 13, 14, 13, 14];

describe('stale limits: a shift that began after the first 12 months and runs at the latest point', () => {
	it('a step change after the first 12 months: limits stale from the step, no assurance verdict, the variation kept', () => {
		// All 20 points: mean 12 (the 12s sit on it); 13 and 14 above it, 8 in a row from Jan 2017.
		const spc = computeSpc(series([...BASELINE, ...STEP]), {polarity: 'higher', target: 13})!;
		assert.equal(spc.mean, 12);
		assert.deepEqual(spc.baseline, {from: '2016-01', to: '2017-08'});
		assert.equal(spc.rebaseSuggested, '2017-01');
		assert.equal(spc.assurance, null, 'the limits mix two processes');
		assert.equal(spc.variation, 'improvement');
		assert.equal(describeStaleLimits(spc), 'limits from Jan 2016-Aug 2017 no longer describe this figure: it moved in Jan 2017, so no assurance verdict');
		assert.equal(staleLimitsAction(spc), 'record a recalculation from Jan 2017 (a rebases row) to judge assurance');
	});

	it('is not stale while the run is shorter than 7 points', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP.slice(0, 6)]), {polarity: 'higher', target: 13})!;
		assert.equal(spc.rebaseSuggested, null);
		assert.equal(spc.assurance, 'hit_and_miss');
		assert.equal(describeStaleLimits(spc), null);
	});

	it('a step that starts inside the first 12 months is most of what the limits describe: not stale', () => {
		const values = [12, 10, 12, 10, 12, 10, 12, 10, 13, 14, 13, 14, 13, 14, 13, 14, 13, 14, 13, 14];
		const spc = computeSpc(series(values), {polarity: 'higher', target: 13})!;
		assert.equal(spc.rebaseSuggested, null);
		assert.notEqual(spc.assurance, null);
	});

	it('after a baseline: a shift that began after it makes the fixed limits stale', () => {
		const spc = computeSpc(series([...BASELINE, 11, ...STEP]), {polarity: 'higher', target: 13, rebases: [{period: '2017-01', type: 'baseline'}]})!;
		assert.equal(spc.mean, 11);
		assert.deepEqual(spc.baseline, {from: '2016-01', to: '2017-01'});
		assert.equal(spc.rebaseSuggested, '2017-02');
	});

	it('a recalculation recorded at the step: verdicts from the new segment, not stale', () => {
		const step = [...STEP, ...STEP.slice(0, 6)];
		const spc = computeSpc(series([...BASELINE, ...step]), {polarity: 'higher', target: 10, rebases: [{period: '2017-01', type: 'recalculate'}]})!;
		assert.equal(spc.mean, 13.5);
		assert.deepEqual(spc.baseline, {from: '2017-01', to: '2018-02'});
		assert.equal(spc.rebaseSuggested, null);
		// Limits 13.5 ± 2.66: a target of 10 lies below the lower limit.
		assert.equal(spc.assurance, 'pass');
		assert.equal(spc.variation, 'common');
	});
});

describe('special-cause words, month by month', () => {
	it('names each stretch of months with the rule that flagged it', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP, 20]), {polarity: 'higher', target: null})!;
		// The mean of all 21 months (12.4) puts all of 2016 below it.
		assert.equal(
			describeSpecialCause(spc.points),
			'Jan 2016 to Dec 2016: 12 months in a row below the average; Jan 2017 to Aug 2017: 8 months in a row above the average; Sep 2017: beyond the upper limit',
		);
	});

	it('a run of zeros in a low count says "no cases"', () => {
		const values = [1, 0, 2, 1, 0, 1, 3, 0, 1, 2, 1, 0, 1, 2, ...Array.from({length: 16}, () => 0)];
		const spc = computeSpc(series(values), {polarity: 'lower', target: null, counts: true})!;
		assert.match(describeSpecialCause(spc.points)!, /: no cases for \d+ months$/);
	});

	it('has no words without a signal', () => {
		const spc = computeSpc(series([...BASELINE, 12]), {polarity: 'higher', target: null})!;
		assert.equal(describeSpecialCause(spc.points), null);
	});
});
