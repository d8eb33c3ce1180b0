// Stale limits and the special-cause words, on hand-worked series.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {addMonths} from '../source/domain/periods.ts';
import {computeSpc} from '../source/domain/spc.ts';
import {describeSpecialCause, describeStaleLimits} from '../source/domain/spc-words.ts';

const series = (values: number[], from = '2016-01') => values.map((value, i) => ({period: addMonths(from, i), value}));
// Baseline Jan-Dec 2016 alternating 12 and 10: mean 11, mean moving range 2, limits 11 ± 5.32.
const BASELINE = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10];
// From Jan 2017 the process moves up: 13 and 14, every point above the old mean and below the
// near-limit line (11 + 3.547), so only the shift rule flags them.
const STEP = [13, 14, 13, 14, 13, 14, 13, 14];

describe('stale limits', () => {
	it('a step change after the baseline: limits stale from the step, no assurance verdict, the variation kept', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP]), {polarity: 'higher', target: 13})!;
		assert.equal(spc.mean, 11);
		assert.equal(spc.upper, 11 + 2.66 * 2);
		assert.deepEqual(spc.baseline, {from: '2016-01', to: '2016-12'});
		assert.equal(spc.rebaseSuggested, '2017-01');
		assert.equal(spc.assurance, null, 'hit and miss by the old limits, but they no longer describe the figure');
		assert.equal(spc.variation, 'improvement');
		assert.equal(
			describeStaleLimits(spc),
			'limits from Jan-Dec 2016 no longer describe this figure: it moved in Jan 2017; record a rebase to judge assurance',
		);
	});

	it('is not stale while the run is shorter than 7 points', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP.slice(0, 6)]), {polarity: 'higher', target: 13})!;
		assert.equal(spc.rebaseSuggested, null);
		assert.equal(spc.assurance, 'hit_and_miss');
		assert.equal(describeStaleLimits(spc), null);
	});

	it('a step that starts inside the baseline moved the limits with it: not stale', () => {
		// Jan-Aug 2016 at 12/10, then 13/14 from Sep 2016: the baseline holds four of the higher points.
		const values = [12, 10, 12, 10, 12, 10, 12, 10, 13, 14, 13, 14, 13, 14, 13, 14, 13, 14, 13, 14];
		const spc = computeSpc(series(values), {polarity: 'higher', target: 13})!;
		assert.ok(Math.abs(spc.mean - 142 / 12) < 1e-9);
		assert.equal(spc.rebaseSuggested, null);
		assert.notEqual(spc.assurance, null);
	});

	it('a rebase recorded at the step: verdicts from the new segment, not stale', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP]), {polarity: 'higher', target: 10, rebases: ['2017-01']})!;
		assert.equal(spc.mean, 13.5);
		assert.deepEqual(spc.baseline, {from: '2017-01', to: '2017-08'});
		assert.equal(spc.rebaseSuggested, null);
		// Limits 13.5 ± 2.66: a target of 10 lies below the lower limit.
		assert.equal(spc.assurance, 'pass');
		assert.equal(spc.variation, 'common');
	});
});

describe('special-cause words, month by month', () => {
	it('names each stretch of months with the rule that flagged it', () => {
		const spc = computeSpc(series([...BASELINE, ...STEP, 20]), {polarity: 'higher', target: null})!;
		assert.equal(describeSpecialCause(spc.points), 'Jan 2017 to Aug 2017: 8 points above the mean; Sep 2017: beyond the upper limit');
	});

	it('has no words without a signal', () => {
		const spc = computeSpc(series(BASELINE), {polarity: 'higher', target: null})!;
		assert.equal(describeSpecialCause(spc.points), null);
	});
});
