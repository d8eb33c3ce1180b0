import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {formatNumber} from '../source/domain/units.js';
import {seededRandom} from '../scripts/seeded-random.js';

// formatNumber writes numbers itself (Intl's first formatter costs ~10 ms of ICU start-up): it
// must write exactly what Intl.NumberFormat('en-GB') writes, rounding and grouping included.
const intl = (decimals: number) => new Intl.NumberFormat('en-GB', {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
const FORMATS = [0, 1, 2, 3].map(intl);

function assertSame(value: number): void {
	for (const [decimals, format] of FORMATS.entries()) assert.equal(formatNumber(value, decimals), format.format(value), `${value} to ${decimals} decimals`);
}

describe('formatNumber', () => {
	it('rounds the shortest decimal form half away from zero, as Intl does (not toFixed)', () => {
		assert.equal(formatNumber(1.005, 2), '1.01');
		assert.equal((1.005).toFixed(2), '1.00');
		assert.equal(formatNumber(2.5), '3');
		assert.equal(formatNumber(-2.5), '-3');
		assert.equal(formatNumber(-0.4), '-0');
		assert.equal(formatNumber(999_999.5), '1,000,000');
		assert.equal(formatNumber(1234.5678, 1), '1,234.6');
		for (const value of [0, -0, 0.5, 1.5, 0.045, 9999.95, 99_999.995, 0.0004, 0.0005, 1e-7, 5e-7, 1e21, 1.5e21, 2 ** 53, 0.1 + 0.2, 4.35, 8.675, 1e15 + 0.3]) {
			assertSame(value);
			assertSame(-value);
		}
	});

	it('writes what Intl writes for numbers of every size', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 20_000; i++) {
			let value = (random() - 0.3) * 10 ** (Math.floor(random() * 24) - 8);
			// Halves at each number of decimals, where rounding is decided.
			if (i % 3 === 0) value = Math.round(value * 1000) / 1000 + (i % 2 ? 0.0005 : 0.005);
			if (i % 5 === 0) value = Math.round(value * 100) / 200;
			assertSame(value);
		}
	});

	it('leaves what is not a finite number to Intl', () => {
		for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) assertSame(value);
	});
});
