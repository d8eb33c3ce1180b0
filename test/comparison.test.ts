import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {COMPARISON_WORDS, compareWithBenchmark} from '../source/domain/comparison.js';

describe('the service against a benchmark', () => {
	it('is better or worse by polarity', () => {
		assert.equal(compareWithBenchmark('percent', 'higher', 92, 83), 'better');
		assert.equal(compareWithBenchmark('percent', 'higher', 80, 83), 'worse');
		assert.equal(compareWithBenchmark('percent', 'lower', 20, 22), 'better');
		assert.equal(compareWithBenchmark('days', 'lower', 522, 426), 'worse');
	});

	it('is only above or below where higher is neither better nor worse', () => {
		assert.equal(compareWithBenchmark('rate_per_10k', 'none', 34, 43.3), 'below');
		assert.equal(compareWithBenchmark('rate_per_10k', 'none', 50, 43.3), 'above');
	});

	it('is level when both read the same at the display precision', () => {
		// 82.4% and 82.2% both show as 82%.
		assert.equal(compareWithBenchmark('percent', 'higher', 82.4, 82.2), 'level');
		assert.equal(compareWithBenchmark('percent', 'higher', 82.6, 82.2), 'better');
	});

	it('says so when the service has no figure', () => {
		assert.equal(compareWithBenchmark('percent', 'higher', null, 80), 'none');
		assert.equal(COMPARISON_WORDS.none, 'no figure for the service');
	});
});
