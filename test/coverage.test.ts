// Partial months: fewer whole-service figures than the month before.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {coverageMonths, describeCoverage, latestComplete, partialMonth} from '../source/domain/coverage.ts';

const periods = ['2017-10', '2017-11', '2017-12', '2018-01'];

describe('partial months', () => {
	it('calls a month partial when fewer indicators have a whole-service figure than the month before', () => {
		const counts = new Map([['2017-10', 14], ['2017-11', 14], ['2017-12', 14], ['2018-01', 2]]);
		assert.deepEqual(partialMonth(periods, counts, '2018-01'), {period: '2018-01', indicators: 2, of: 14});
		assert.equal(partialMonth(periods, counts, '2017-12'), null);
		assert.equal(partialMonth(periods, counts, '2017-10'), null, 'the first month has nothing to compare with');
		assert.equal(describeCoverage(partialMonth(periods, counts, '2018-01')!), 'Jan 2018 partial: 2 of 14 indicators');
	});

	it('follows the newest month that is not partial, past two partial ones', () => {
		assert.equal(latestComplete(periods, new Map([['2017-10', 14], ['2017-11', 14], ['2017-12', 5], ['2018-01', 2]])), '2017-11');
		assert.equal(latestComplete(periods, new Map([['2017-10', 14], ['2017-11', 14], ['2017-12', 14], ['2018-01', 14]])), '2018-01');
		// A month with more indicators than before (a new indicator) is not partial.
		assert.equal(latestComplete(periods, new Map([['2017-10', 13], ['2017-11', 13], ['2017-12', 13], ['2018-01', 14]])), '2018-01');
	});

	it('asks for the last months held and the month shown with the one before it', () => {
		assert.deepEqual(coverageMonths(periods, '2017-10', 2).sort(), ['2017-10', '2017-12', '2018-01']);
		assert.deepEqual(coverageMonths(periods, '2017-11', 2).sort(), ['2017-10', '2017-11', '2017-12', '2018-01']);
	});
});
