import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {fit, wrapText} from '../source/text-layout/text-fit.js';
import {sharedScales, sparkline} from '../source/text-layout/sparkline.js';
import {rangeWords} from '../source/domain/units.js';
import {addMonths, formatPeriod, formatPeriodShort, monthsBetween, monthsEnding, parsePeriod} from '../source/domain/periods.js';
import {directionOf, ragWorsened, rateRag, trendOf} from '../source/domain/rag.js';
import {previousSix, targetAt} from '../source/domain/scorecard.js';
import {sanitizeLine, sanitizeText, shortName, toAscii} from '../source/domain/text.js';
import {deriveValue, formatChange, formatNumber, formatValue, pooledValue} from '../source/domain/units.js';
import type {MeasureRow} from '../source/domain/types.js';

describe('periods', () => {
	it('reads ISO months and the report\'s Dec-17 form', () => {
		assert.deepEqual(parsePeriod('2017-12'), {ok: true, period: '2017-12'});
		assert.deepEqual(parsePeriod('Dec-17'), {ok: true, period: '2017-12'});
		assert.deepEqual(parsePeriod(' jan-2016 '), {ok: true, period: '2016-01'});
		assert.deepEqual(parsePeriod('2017-3'), {ok: true, period: '2017-03'});
	});
	it('refuses impossible months and other text', () => {
		for (const bad of ['2017-13', '2017-00', 'Dex-17', '17-12', '', '2017/12', '0000-05']) {
			assert.equal(parsePeriod(bad).ok, false, bad);
		}
	});
	it('does month arithmetic across years', () => {
		assert.equal(addMonths('2017-12', 1), '2018-01');
		assert.equal(addMonths('2017-01', -1), '2016-12');
		assert.equal(addMonths('2017-06', -18), '2015-12');
		assert.equal(monthsBetween('2016-01', '2017-12'), 23);
		assert.deepEqual(monthsEnding('2018-02', 3), ['2017-12', '2018-01', '2018-02']);
		assert.equal(formatPeriod('2017-12'), 'Dec 2017');
		assert.equal(formatPeriodShort('2017-12'), 'Dec-17');
	});
});

describe('units', () => {
	it('derives values by unit, unrounded', () => {
		assert.equal(deriveValue('percent', 923, 1001), (100 * 923) / 1001);
		assert.equal(deriveValue('rate_per_10k', 282, 107112), (10000 * 282) / 107112);
		assert.equal(deriveValue('days', 4120, 10), 412);
		assert.equal(deriveValue('average', 3656, 241.4), 3656 / 241.4);
		assert.equal(deriveValue('count', 7, null), 7);
		assert.equal(deriveValue('percent', 5, 0), null);
		assert.equal(deriveValue('percent', 5, null), null);
	});
	it('pools numerators over denominators', () => {
		assert.equal(pooledValue('percent', [1, 3], [2, 2]), 100);
		assert.equal(pooledValue('percent', [1, 1], [2, 8]), 20);
	});
	it('formats as the report does', () => {
		assert.equal(formatValue('percent', 92.2077), '92%');
		assert.equal(formatValue('rate_per_10k', 34.02), '34.0 /10k');
		assert.equal(formatValue('days', 412.4), '412 days');
		assert.equal(formatValue('count', 7546), '7,546');
		assert.equal(formatValue('average', 15.14), '15.1');
		assert.equal(formatValue('percent', null), '-');
		assert.equal(formatChange('percent', 2.6), '+3 pts');
		assert.equal(formatChange('percent', -0.2), '±0 pts');
		assert.equal(formatChange('count', -3), '-3');
	});
	it('writes numbers exactly as Intl.NumberFormat en-GB does, without loading it', () => {
		// Ties on the shortest decimal form (1.005, 2.5, -0.5), carries (999.95, 9999.5), negative
		// zero, grouping, and a spread of magnitudes from a fixed generator.
		const values = [0, -0, 0.5, 1.5, 2.5, -0.5, -0.3, 1.005, 1.045, 0.045, 999.95, 999.5, 9999.95, 99.95, 12.345, 1234567.891, -1234.5, 0.1 + 0.2, 1e-7, 1e21, 5e-324, 1.7976931348623157e308];
		let seed = 7;
		const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let i = 0; i < 20000; i++) {
			const magnitude = 10 ** Math.floor(next() * 10 - 4);
			const value = (next() - 0.3) * magnitude;
			values.push(value, Math.round(value * 1000) / 1000, Math.round(value * 20) / 20 + 0.005, Math.round(value * 200) / 200);
		}
		for (const value of values) {
			for (const decimals of [0, 1, 2, 3]) {
				const intl = new Intl.NumberFormat('en-GB', {minimumFractionDigits: decimals, maximumFractionDigits: decimals}).format(value);
				assert.equal(formatNumber(value, decimals), intl, `${value} to ${decimals} places`);
			}
		}
	});
});

describe('RAG and trend', () => {
	it('rates against the target for each polarity, amber within the band', () => {
		assert.equal(rateRag(85, 85, 5, 'higher'), 'green');
		assert.equal(rateRag(84.999, 85, 5, 'higher'), 'amber');
		assert.equal(rateRag(80, 85, 5, 'higher'), 'amber');
		assert.equal(rateRag(79.99, 85, 5, 'higher'), 'red');
		assert.equal(rateRag(24, 24, 2, 'lower'), 'green');
		assert.equal(rateRag(25.9, 24, 2, 'lower'), 'amber');
		assert.equal(rateRag(26.1, 24, 2, 'lower'), 'red');
		assert.equal(rateRag(84, 85, null, 'higher'), 'red');
		assert.equal(rateRag(84, null, 5, 'higher'), 'none');
		assert.equal(rateRag(84, 85, 5, 'none'), 'none');
		assert.equal(rateRag(null, 85, 5, 'higher'), 'none');
	});
	it('rates the unrounded value: 89.6% is amber against 90 though it shows as 90%', () => {
		assert.equal(formatValue('percent', 89.6), '90%');
		assert.equal(rateRag(89.6, 90, 5, 'higher'), 'amber');
	});
	it('judges the trend by polarity', () => {
		assert.equal(trendOf(90, 92, 'higher'), 'improving');
		assert.equal(trendOf(90, 92, 'lower'), 'worsening');
		assert.equal(trendOf(24, 22, 'lower'), 'improving');
		assert.equal(trendOf(24, 24, 'lower'), 'same');
		assert.equal(trendOf(null, 24, 'lower'), null);
		assert.equal(trendOf(20, 24, 'none'), null);
		assert.equal(directionOf(20, 24), 'up');
		assert.equal(directionOf(24, 20), 'down');
		assert.equal(directionOf(24, 24), 'flat');
	});
	it('knows when RAG got worse', () => {
		assert.equal(ragWorsened('green', 'amber'), true);
		assert.equal(ragWorsened('amber', 'red'), true);
		assert.equal(ragWorsened('red', 'amber'), false);
		assert.equal(ragWorsened(null, 'red'), false);
		assert.equal(ragWorsened('none', 'red'), false);
	});
});

describe('targets and previous six months', () => {
	const targets = [
		{effectiveFrom: '0000-00', target: 80, amber: 5},
		{effectiveFrom: '2017-04', target: 85, amber: 5},
	];
	it('uses the target in force in the month', () => {
		assert.equal(targetAt(targets, '2017-03')?.target, 80);
		assert.equal(targetAt(targets, '2017-04')?.target, 85);
		assert.equal(targetAt(targets, '2018-01')?.target, 85);
		assert.equal(targetAt([], '2018-01'), null);
	});
	const row = (period: string, numerator: number | null, denominator: number | null, value: number): MeasureRow => ({
		team: 'ALL',
		indicator: 'X',
		period,
		numerator,
		denominator,
		value,
	});
	it('pools the six months before where numerators exist', () => {
		const rows = new Map(
			[row('2017-06', 1, 2, 50), row('2017-07', 9, 10, 90), row('2017-12', 0, 1, 0)].map(r => [r.period, r] as const),
		);
		assert.equal(previousSix('percent', rows, '2017-12'), (100 * 10) / 12);
	});
	it('takes the mean for counts and where a numerator is missing', () => {
		const counts = new Map([row('2017-10', 2, null, 2), row('2017-11', 4, null, 4)].map(r => [r.period, r] as const));
		assert.equal(previousSix('count', counts, '2017-12'), 3);
		const mixed = new Map([row('2017-10', null, null, 50), row('2017-11', 9, 10, 90)].map(r => [r.period, r] as const));
		assert.equal(previousSix('percent', mixed, '2017-12'), 70);
		assert.equal(previousSix('percent', new Map(), '2017-12'), null);
	});
	it('ignores months outside the six before', () => {
		const rows = new Map([row('2017-05', 1, 1, 100), row('2017-12', 1, 1, 100)].map(r => [r.period, r] as const));
		assert.equal(previousSix('percent', rows, '2017-12'), null);
	});
});

describe('text shown in the terminal', () => {
	it('strips escape sequences and control characters', () => {
		assert.equal(sanitizeText('red \u001B[31mALERT\u001B[0m done'), 'red ALERT done');
		assert.equal(sanitizeText('title\u001B]0;pwned\u0007 ok'), 'title ok');
		assert.equal(sanitizeText('bell\u0007 nul\u0000 del\u007F c1\u009B31m'), 'bell nul del c1');
		assert.equal(sanitizeText('a\r\nb\tc'), 'a\nb c');
		assert.equal(sanitizeLine(' two\nlines '), 'two lines');
	});
	it('writes typographic marks in ASCII for terminals without UTF-8', () => {
		assert.equal(toAscii('Children’s “care” – 3…'), 'Children\'s "care" - 3...');
		assert.equal(toAscii('日本\nok'), '??\nok');
	});
	it('shortens a team name to the words before its brackets', () => {
		assert.equal(shortName('Other citywide teams (UASC, NRPF, Homeless)'), 'Other citywide teams');
		assert.equal(shortName('North West and Central'), 'North West and Central');
		assert.equal(shortName('(unnamed)'), '(unnamed)');
	});
});

describe('layout', () => {
	it('fits and wraps', () => {
		assert.equal(fit('Family assessments', 10), 'Family as…');
		assert.equal(fit('short', 10), 'short');
		assert.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
		assert.deepEqual(wrapText('a\n\nb', 5), ['a', '', 'b']);
	});
	it('draws a sparkline over the values\' own range, gaps as gaps', () => {
		const glyphs = ['1', '2', '3', '4', '5', '6', '7', '8'];
		assert.equal(sparkline([0, 50, 100], glyphs), '158');
		assert.equal(sparkline([5, null, 5], glyphs), '4 4');
		assert.equal(sparkline([], glyphs), '');
	});
	it('draws sparklines of one unit on one scale: a wobble of 62.8 to 63.6 is not a collapse', () => {
		const glyphs = ['1', '2', '3', '4', '5', '6', '7', '8'];
		const rows = [
			{unit: 'rate_per_10k', values: [63.6, 63.3, 62.8]},
			{unit: 'rate_per_10k', values: [30, 34, 40]},
			{unit: 'percent', values: [90, 95, null]},
		] as const;
		const scales = sharedScales(rows);
		assert.deepEqual(scales.get('rate_per_10k'), {min: 30, max: 63.6});
		assert.deepEqual(scales.get('percent'), {min: 90, max: 95});
		assert.equal(sparkline([...rows[0].values], glyphs, ' ', scales.get('rate_per_10k')), '888', 'on its own range this was 851');
		assert.equal(sparkline([...rows[0].values], glyphs), '851');
		assert.equal(sparkline([30, 64], glyphs, ' ', {min: 30, max: 63.6}), '18', 'a value beyond the scale stays at the top');
	});
	it('words a range so it cannot be read as a rise: between, then now', () => {
		assert.equal(rangeWords('percent', [82, 75, null, 63], 63), 'between 63% and 82%; now 63%');
		assert.equal(rangeWords('count', [2, 2, 2], 2), '2 every month; now 2');
		assert.equal(rangeWords('percent', [null], null), 'no figure now');
	});
});
