import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {ASCII_SYMBOLS, layoutTrendChart, signalKind, type ChartOptions, type TrendChartLayout} from '../source/render/chart.js';
import {addMonths} from '../source/domain/periods.js';
import type {SeriesPoint} from '../source/domain/scorecard.js';
import {computeSpc} from '../source/domain/spc.js';

// The trend chart's layout: what asciichart draws, fitted to a width, with labels that read without colour.

function series(values: number[], target: number | null = 90, start = '2015-01'): SeriesPoint[] {
	return values.map((value, i) => ({period: addMonths(start, i), value, target}));
}

// A steady process around 94 that drops to 80 in its last month.
const STEADY = [94, 95, 93, 96, 94, 95, 93, 94, 96, 95, 94, 93, 95, 96, 94, 95, 93, 94, 96, 95, 94, 93, 95, 80];

function layout(options: Partial<ChartOptions> & {series: SeriesPoint[]}): TrendChartLayout {
	const result = layoutTrendChart({
		unit: 'percent',
		polarity: 'higher',
		spc: computeSpc(options.series, {polarity: options.polarity ?? 'higher', target: 90}),
		width: 80,
		height: 8,
		...options,
	});
	assert.ok(result, 'expected a chart');
	return result;
}

function lines(chart: TrendChartLayout): string[] {
	return [
		...chart.rows.map(row => stripVTControlCharacters(row.plot).padEnd(chart.plotWidth) + (row.label ? ` ${row.label}` : '')),
		chart.axis,
	];
}

describe('layoutTrendChart', () => {
	it('draws at most 36 months and never wider than asked, labels included', () => {
		const long = series(Array.from({length: 60}, (_, i) => 90 + Math.sin(i) * 4));
		for (const width of [80, 60, 45, 30]) {
			const chart = layout({series: long, width});
			assert.ok(chart.periods.length <= 36, `${chart.periods.length} months at ${width}`);
			assert.ok(chart.plotWidth + chart.labelWidth <= width, `chart is ${chart.plotWidth + chart.labelWidth} wide at ${width}`);
			for (const line of lines(chart)) assert.ok(line.length <= width, `line of ${line.length} at ${width}: ${line}`);
			// The newest months are the ones kept.
			assert.equal(chart.periods.at(-1), long.at(-1)!.period);
		}
		assert.equal(layout({series: long, width: 80}).periods.length, 36);
		assert.ok(layout({series: long, width: 30}).periods.length < 36);
	});

	it('names the target, the mean and the limits at the right end of their lines', () => {
		const chart = layout({series: series(STEADY)});
		const labels = chart.rows.map(row => row.label).join(' ');
		assert.match(labels, /target/);
		assert.match(labels, /mean/);
		assert.match(labels, /limit/);
		// The target row is the one its y label says, near 90.
		const targetRow = chart.rows.find(row => row.label.includes('target'))!;
		const y = Number(/^\s*([\d.]+)%/.exec(stripVTControlCharacters(targetRow.plot))![1]);
		assert.ok(Math.abs(y - 90) <= 2, `target drawn at ${y}`);
		assert.equal(chart.rows.length, 8);
		assert.equal(chart.height, chart.rows.length + 1 + (chart.markers ? 1 : 0));
	});

	it('without SPC draws only the value and the target', () => {
		const chart = layout({series: series(STEADY), spc: null});
		const labels = chart.rows.map(row => row.label).filter(Boolean);
		assert.deepEqual(labels, ['target']);
		assert.equal(chart.markers, null);
		assert.deepEqual(chart.signals, []);
	});

	it('marks special-cause months under their column and groups them for the words', () => {
		const chart = layout({series: series(STEADY)});
		assert.ok(chart.markers);
		const last = chart.markers.at(-1)!;
		assert.equal(last.column, chart.axisWidth + chart.periods.length - 1);
		assert.equal(last.side, 'low');
		assert.equal(last.kind, 'concern');
		assert.deepEqual(chart.signals.at(-1), {from: '2016-12', to: '2016-12', side: 'low', kind: 'concern', rules: ['limit']});
		// The drop is drawn in the last column: the lowest row has the line there.
		const bottom = stripVTControlCharacters(chart.rows.at(-1)!.plot);
		assert.notEqual(bottom[last.column], ' ');
		assert.equal(chart.markerLabel, 'signal');
	});

	it('groups consecutive signals on one side, whatever rule flagged each month', () => {
		// Twelve months around 50, then eight above the mean: a shift, two of which also pass the upper limit.
		const values = [50, 51, 49, 50, 52, 48, 50, 51, 49, 50, 51, 49, 52, 52, 58, 59, 52, 52, 52, 52];
		const chart = layout({series: series(values, 40), polarity: 'lower', spc: computeSpc(series(values, 40), {polarity: 'lower', target: 40})});
		assert.equal(chart.signals.length, 1);
		const [run] = chart.signals;
		assert.equal(run!.from, '2016-01');
		assert.equal(run!.to, '2016-08');
		assert.equal(run!.side, 'high');
		assert.equal(run!.kind, 'concern');
		assert.equal(run!.rules[0], 'limit');
		assert.ok(run!.rules.length >= 2, `rules: ${run!.rules.join(', ')}`);
	});

	it('judges signals by polarity', () => {
		assert.equal(signalKind('low', 'higher'), 'concern');
		assert.equal(signalKind('low', 'lower'), 'improvement');
		assert.equal(signalKind('high', 'none'), 'neutral');
	});

	it('labels the months first, middle and last', () => {
		const chart = layout({series: series(STEADY)});
		assert.match(chart.axis, /^\s+Jan-15\s+Dec-15\s+Dec-16$/);
		assert.equal(chart.axis.indexOf('Jan-15'), chart.axisWidth);
		assert.equal(chart.axis.length, chart.plotWidth);
	});

	it('uses only ASCII with the ASCII symbols, and colours only when given colours', () => {
		const plainChart = layout({series: series(STEADY), symbols: ASCII_SYMBOLS});
		for (const line of lines(plainChart)) assert.ok(/^[\x20-\x7E]*$/.test(line), `non-ASCII in: ${line}`);
		assert.ok(!plainChart.rows.some(row => row.plot.includes('\u001B')));
		const coloured = layout({series: series(STEADY), colors: {value: '\u001B[36m', target: '\u001B[32m'}});
		assert.ok(coloured.rows.some(row => row.plot.includes('\u001B[36m')));
		// Colour does not change the layout.
		assert.deepEqual(lines(coloured), lines(layout({series: series(STEADY)})));
	});

	it('copes with a flat series, months without a target, and a single month', () => {
		const flat = layout({series: series(Array.from({length: 12}, () => 5), 5), unit: 'count', spc: null});
		assert.ok(flat.rows.length >= 2);
		const partial = [...series([80, 82, 84], null), ...series([86, 88, 90], 85, '2015-04')];
		const chart = layout({series: partial, spc: null});
		assert.match(chart.rows.map(row => row.label).join(' '), /target/);
		const one = layout({series: series([42]), spc: null});
		assert.equal(one.periods.length, 1);
		assert.equal(layoutTrendChart({unit: 'count', polarity: 'lower', series: [], spc: null, width: 80, height: 8}), null);
	});

	it('keeps SPC limits within what the unit can be', () => {
		// Wild swings near zero: the lower limit would be negative.
		const counts = series([0, 9, 0, 8, 1, 9, 0, 7, 0, 9, 1, 8], 0);
		const spc = computeSpc(counts, {polarity: 'lower', target: 0});
		assert.ok(spc && spc.lower < 0);
		const chart = layout({series: counts, unit: 'count', polarity: 'lower', spc});
		const bottom = Number(/^\s*(-?[\d.]+)/.exec(stripVTControlCharacters(chart.rows.at(-1)!.plot))![1]);
		assert.ok(bottom >= 0, `axis goes down to ${bottom}`);
	});
});
