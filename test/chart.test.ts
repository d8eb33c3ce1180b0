import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {ASCII_SYMBOLS, chartScale, layoutTrendChart, signalKind, type ChartOptions, type TrendChartLayout} from '../source/text-layout/chart.js';
import {addMonths} from '../source/domain/periods.js';
import type {SeriesPoint} from '../source/domain/scorecard.js';
import {computeSpc} from '../source/domain/spc.js';
import {formatPeriodShort} from '../source/domain/periods.js';
import {formatMean, formatValue} from '../source/domain/units.js';

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

/** Each labelled line as the chart shows it: its words, the value they give, the row's y value. */
function parseChart(chart: TrendChartLayout): {lines: Array<{name: string; text: string; value: number; rowValue: number}>} {
	const lines = chart.rows.flatMap(row => {
		if (!row.label) return [];
		const rowValue = Number(/^\s*(-?[\d.]+)/.exec(stripVTControlCharacters(row.plot))![1]);
		return row.label.split(', ').map(text => {
			const [, name, value] = /^(\w+) (-?[\d.]+)/.exec(text)!;
			return {name: name!, text, value: Number(value), rowValue};
		});
	});
	return {lines};
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
		// 32 is about the narrowest that holds "target 90%, mean 90.1%" beside a plot.
		for (const width of [80, 60, 45, 32]) {
			const chart = layout({series: long, width});
			assert.ok(chart.periods.length <= 36, `${chart.periods.length} months at ${width}`);
			assert.ok(chart.plotWidth + chart.labelWidth <= width, `chart is ${chart.plotWidth + chart.labelWidth} wide at ${width}`);
			for (const line of lines(chart)) assert.ok(line.length <= width, `line of ${line.length} at ${width}: ${line}`);
			// The newest months are the ones kept.
			assert.equal(chart.periods.at(-1), long.at(-1)!.period);
		}
		assert.equal(layout({series: long, width: 80}).periods.length, 36);
		assert.ok(layout({series: long, width: 32}).periods.length < 36);
	});

	it('draws each flat line on the row its value maps to, labelled with that value at the display precision', () => {
		// AGENCY-like: target 15%, values around 14%; REREF12-like: target 24%, mean near 23%.
		const cases: Array<[number[], number, Partial<ChartOptions>]> = [
			[[22, 23, 24, 22, 21, 20, 19, 18, 17, 16, 15, 14], 15, {polarity: 'lower'}],
			[[24, 22, 23, 25, 22, 23, 24, 22, 23, 22, 23, 22, 24, 23, 22], 24, {polarity: 'lower'}],
			[STEADY, 90, {}],
		];
		for (const [values, target, extra] of cases) {
			for (const height of [6, 8, 12]) {
				const points = series(values, target);
				const spc = computeSpc(points, {polarity: extra.polarity ?? 'higher', target});
				const chart = layout({series: points, spc, height, ...extra});
				const parsed = parseChart(chart);
				// Limits only from 13 months: the 12-month case has the mean and the target alone.
				assert.ok(parsed.lines.length >= (spc?.upper != null ? 4 : 2), `labels: ${parsed.lines.map(l => l.text).join(' | ')}`);
				const expected: Record<string, number> = {target, ...(spc ? {mean: spc.mean} : {})};
				for (const line of parsed.lines) {
					// The row's y value is within half a step of the line's value.
					assert.ok(Math.abs(line.value - line.rowValue) <= chart.step / 2 + 1e-9, `${line.text} drawn on the ${line.rowValue}% row (step ${chart.step})`);
					// The mean at one more decimal than the figure.
					if (line.name in expected) assert.equal(line.text, `${line.name} ${(line.name === 'mean' ? formatMean : formatValue)('percent', expected[line.name]!)}`);
				}
				assert.ok(parsed.lines.some(line => line.text === `target ${target}%`), `target labelled ${target}%: ${parsed.lines.map(l => l.text).join(' | ')}`);
			}
		}
	});

	it('labels the y axis evenly, in order, one round step a row', () => {
		for (const height of [5, 8, 10]) {
			const chart = layout({series: series([26, 24, 25, 23.5, 24.2, 25.8, 24.1, 23.2, 24.9, 25.1, 23.8, 24.4], 24), height});
			const ys = chart.rows.map(row => Number(/^\s*(-?[\d.]+)%/.exec(stripVTControlCharacters(row.plot))![1]));
			for (let i = 1; i < ys.length; i++) assert.ok(Math.abs(ys[i - 1]! - ys[i]! - chart.step) < 1e-9, `labels ${ys.join(', ')}`);
			assert.equal(ys[0], chart.top);
		}
	});

	it('uses the width it is given: a column per month or more, up to 36 months, with month labels', () => {
		const months24 = series(STEADY);
		const narrow = layout({series: months24, width: 80});
		const wide = layout({series: months24, width: 120});
		// Whole columns per month: at most one month's worth of columns is left over.
		assert.ok(wide.plotWidth + wide.labelWidth > 120 - wide.periods.length, `${wide.plotWidth + wide.labelWidth} of 120 columns used`);
		assert.ok(wide.plotWidth + wide.labelWidth <= 120);
		assert.ok(wide.monthWidth > narrow.monthWidth);
		// Labels under their months' columns, evenly spaced, in order, the newest month last.
		for (const chart of [narrow, wide]) {
			const found = [...chart.axis.matchAll(/[A-Z][a-z]{2}-\d{2}/g)].map(match => ({text: match[0], at: match.index!}));
			assert.ok(found.length >= 2);
			assert.equal(found.at(-1)!.text, 'Dec-16');
			const months = found.map(label => (label.at - chart.axisWidth) / chart.monthWidth);
			for (const [i, month] of months.entries()) {
				assert.ok(Number.isInteger(month), `${found[i]!.text} at column ${found[i]!.at}`);
				assert.equal(found[i]!.text, formatPeriodShort(chart.periods[month]!));
			}
			const gaps = months.slice(1).map((month, i) => month - months[i]!);
			assert.ok(gaps.every(gap => gap === gaps[0]), `gaps ${gaps.join(', ')}`);
		}
	});

	it('without SPC draws only the value and the target', () => {
		const chart = layout({series: series(STEADY), spc: null});
		const labels = chart.rows.map(row => row.label).filter(Boolean);
		assert.deepEqual(labels, ['target 90%']);
		assert.equal(chart.markers, null);
		assert.deepEqual(chart.signals, []);
	});

	it('marks special-cause months under their column and words them month by month', () => {
		const chart = layout({series: series(STEADY)});
		assert.ok(chart.markers);
		const last = chart.markers.at(-1)!;
		// In the month's second column where it has two (its first is the axis for month 0).
		assert.equal(last.column, chart.axisWidth + (chart.periods.length - 1) * chart.monthWidth + (chart.monthWidth > 1 ? 1 : 0));
		assert.equal(last.side, 'low');
		assert.equal(last.kind, 'concern');
		assert.deepEqual(chart.signals.at(-1), {from: '2016-12', to: '2016-12', side: 'low', kind: 'concern', rules: ['limit'], text: 'Dec 2016: beyond the lower limit'});
		// The drop is drawn in the last month's column: its point, on the row of 80%.
		const row = chart.rows.map(each => stripVTControlCharacters(each.plot)).find(plot => plot[last.column] === '◆');
		assert.ok(row, 'a point in the last month\'s column');
		assert.equal(Number(/^\s*(\d+)%/.exec(row)![1]), 80);
		assert.equal(chart.markerLabel, 'signal');
	});

	it('names each stretch of a run by the rule that flagged it', () => {
		// Twelve months around 50, then eight higher: with the mean of all 20 (51.45), the first
		// year's last 7 are a run below it, and the last 8 a run above it, two of which pass the upper limit.
		const values = [50, 51, 49, 50, 52, 48, 50, 51, 49, 50, 51, 49, 52, 52, 58, 59, 52, 52, 52, 52];
		const chart = layout({series: series(values, 40), polarity: 'lower', spc: computeSpc(series(values, 40), {polarity: 'lower', target: 40})});
		assert.deepEqual(
			chart.signals.map(run => run.text),
			[
				'Jun 2015 to Dec 2015: 7 months in a row below the average',
				'Jan 2016 to Feb 2016: 2 months in a row above the average',
				'Mar 2016 to Apr 2016: beyond the upper limit',
				'May 2016 to Aug 2016: 4 months in a row above the average',
			],
		);
		assert.ok(chart.signals.slice(1).every(run => run.kind === 'concern' && run.side === 'high'));
		assert.equal(chart.signals[0]!.kind, 'improvement');
	});

	it('judges signals by polarity', () => {
		assert.equal(signalKind('low', 'higher'), 'concern');
		assert.equal(signalKind('low', 'lower'), 'improvement');
		assert.equal(signalKind('high', 'none'), 'neutral');
	});

	it('uses only ASCII with the ASCII symbols, and colours only when given colours', () => {
		const plainChart = layout({series: series(STEADY), symbols: ASCII_SYMBOLS, point: '@'});
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
		assert.match(chart.rows.map(row => row.label).join(' '), /target 85%/);
		const one = layout({series: series([42]), spc: null});
		assert.equal(one.periods.length, 1);
		assert.equal(layoutTrendChart({unit: 'count', polarity: 'lower', series: [], spc: null, width: 80, height: 8}), null);
	});

	it('keeps SPC limits within what the unit can be', () => {
		// Wild swings near zero: the lower limit would be negative.
		const counts = series([0, 9, 0, 8, 1, 9, 0, 7, 0, 9, 1, 8, 0, 9], 0);
		const spc = computeSpc(counts, {polarity: 'lower', target: 0});
		assert.ok(spc && spc.lower !== null && spc.lower < 0);
		const chart = layout({series: counts, unit: 'count', polarity: 'lower', spc});
		const bottom = Number(/^\s*(-?[\d.]+)/.exec(stripVTControlCharacters(chart.rows.at(-1)!.plot))![1]);
		assert.ok(bottom >= 0, `axis goes down to ${bottom}`);
	});

	it('draws the figures as points of their own, never with the reference lines\' glyphs: it reads without colour', () => {
		const chart = layout({series: series(STEADY)});
		const plotted = chart.rows.map(row => stripVTControlCharacters(row.plot).slice(chart.axisWidth));
		const points = plotted.join('').split('').filter(char => char === '◆').length;
		assert.equal(points, chart.periods.length, 'one point a month');
		// Each month's point on the row its value rounds to.
		chart.periods.forEach((period, i) => {
			const value = series(STEADY).find(point => point.period === period)!.value;
			const row = Math.round((chart.top - value) / chart.step);
			assert.equal(plotted[row]![i * chart.monthWidth + (chart.monthWidth > 1 ? 1 : 0)], '◆', `${period}: ${value}`);
		});
		// The lines are asciichart's; the value uses none of their glyphs.
		for (const line of plotted) assert.doesNotMatch(line.replace(/◆/g, ''), /◆/);
	});

	it('keeps the axis inside what the unit can be: 0-100% for a percentage, 0 up for counts', () => {
		// Values near the top: the round steps would run past 100%.
		const high = layout({series: series([97, 99, 98, 100, 96, 99, 98, 97, 99, 100, 98, 99], 95), spc: null, height: 9});
		assert.ok(high.top <= 100, `top ${high.top}`);
		assert.ok(high.top - high.step * (high.rows.length - 1) >= 0);
		// A count near zero: no axis below 0.
		const low = layout({series: series([0, 1, 0, 2, 1, 0, 3, 0, 1, 0, 0, 1], 0), unit: 'count', spc: null, height: 9});
		assert.ok(low.top - low.step * (low.rows.length - 1) >= 0, `bottom ${low.top - low.step * (low.rows.length - 1)}`);
		assert.deepEqual(chartScale(95, 100, 8, {floor: 0, ceiling: 100}).top <= 100, true);
		assert.deepEqual(chartScale(0, 3, 8, {floor: 0}).bottom, 0);
	});

	it('draws a reference line only in the months it has a value; with no line at all, the axis and the points', () => {
		const partial = [...series([80, 82, 84, 86], null), ...series([88, 90, 89, 91, 90, 92, 93, 91], 85, '2015-05')];
		const chart = layout({series: partial, spc: null, width: 60, height: 8});
		const row = chart.rows.find(each => each.label.startsWith('target'))!;
		const plot = stripVTControlCharacters(row.plot);
		// The first four months (no target) have no line in their columns.
		const firstTarget = chart.axisWidth + 4 * chart.monthWidth;
		assert.doesNotMatch(plot.slice(chart.axisWidth + 1, firstTarget), /─/, plot);
		assert.match(plot.slice(firstTarget), /─/);
		const bare = layout({series: series([1, 3, 2, 5, 4], null), unit: 'count', spc: null, width: 40, height: 6});
		const drawn = bare.rows.map(each => stripVTControlCharacters(each.plot).slice(bare.axisWidth + 1)).join('');
		assert.equal(drawn.replace(/[◆ ]/g, ''), '', 'only points right of the axis');
		assert.equal([...drawn].filter(char => char === '◆').length, 5);
	});
});
