import {plot} from 'asciichart';
import {formatPeriodShort} from '../domain/periods.js';
import type {SeriesPoint} from '../domain/scorecard.js';
import type {SpcResult, SpcRule, SpcSide} from '../domain/spc.js';
import type {Polarity, Unit} from '../domain/types.js';
import {formatNumber, unitDecimals} from '../domain/units.js';

// Lays out the detail view's trend chart as plain lines of known width: asciichart draws the plot,
// this adds the y labels, a label at the right end of each flat line (so it reads without colour),
// the month axis and a row marking special-cause points. No I/O, no theme: colours come in as
// asciichart's escape sequences, glyphs as strings.

export type ChartLineKind = 'value' | 'target' | 'mean' | 'upper' | 'lower';
export type SignalKind = 'improvement' | 'concern' | 'neutral';

export const CHART_LABELS: Record<Exclude<ChartLineKind, 'value'>, string> = {
	target: 'target',
	mean: 'mean',
	upper: 'limit',
	lower: 'limit',
};

const MARKER_LABEL = 'signal';

/** asciichart's ten symbols: axis at zero, axis, (unused x2), flat, and the corners and verticals of steps. */
export const ASCII_SYMBOLS: [string, string, string, string, string, string, string, string, string, string] = [
	'+',
	'|',
	'-',
	'-',
	'-',
	'\\',
	'/',
	'\\',
	'/',
	'|',
];

export type ChartOptions = {
	unit: Unit;
	polarity: Polarity;
	/** The whole service, oldest first. */
	series: SeriesPoint[];
	spc: SpcResult | null;
	/** Columns the chart may use, labels included. */
	width: number;
	/** Lines for the plot itself (axis and marker rows come on top of these). */
	height: number;
	maxMonths?: number;
	colors?: Partial<Record<ChartLineKind, string>>;
	symbols?: typeof ASCII_SYMBOLS;
};

export type ChartRow = {
	/** y label, axis and plot; may hold asciichart's colour sequences. Visible width: `plotWidth`. */
	plot: string;
	/** Names of the flat lines ending on this row ('' for none). */
	label: string;
	/** The first line named, for colouring the label. */
	labelKind: ChartLineKind | null;
};

export type ChartMarker = {column: number; side: SpcSide; kind: SignalKind};

/** Consecutive special-cause months on one side, with every rule that flagged them (strongest first). */
export type SignalRun = {from: string; to: string; side: SpcSide; kind: SignalKind; rules: SpcRule[]};

export type TrendChartLayout = {
	rows: ChartRow[];
	/** The month labels, as wide as the plot. */
	axis: string;
	/** Special-cause points under their months; null when none are in the window. */
	markers: ChartMarker[] | null;
	markerLabel: string;
	/** Columns of the y labels; month i of `periods` is drawn at column axisWidth + i. */
	axisWidth: number;
	/** y labels + plot columns. */
	plotWidth: number;
	/** The right-edge label column, a space included. */
	labelWidth: number;
	periods: string[];
	signals: SignalRun[];
	/** Lines the whole chart takes: plot rows, the month axis, the marker row. */
	height: number;
};

type Lines = Partial<Record<ChartLineKind, number[]>>;

/** Lower first so the value is drawn last, over the flat lines. */
const DRAW_ORDER: ChartLineKind[] = ['lower', 'upper', 'mean', 'target', 'value'];
/** Label priority on a shared row. */
const LABEL_ORDER: Array<Exclude<ChartLineKind, 'value'>> = ['target', 'mean', 'upper', 'lower'];

export function signalKind(side: SpcSide, polarity: Polarity): SignalKind {
	if (polarity === 'none') return 'neutral';
	return (side === 'high') === (polarity === 'higher') ? 'improvement' : 'concern';
}

function linesFor(points: SeriesPoint[], spc: SpcResult | null, unit: Unit): Lines {
	const lines: Lines = {value: points.map(point => point.value)};
	// A month without a target takes the value, so the value line (drawn last) hides it.
	if (points.some(point => point.target !== null)) lines.target = points.map(point => point.target ?? point.value);
	if (spc) {
		const byPeriod = new Map(spc.points.map(point => [point.period, point]));
		const at = (period: string) => byPeriod.get(period) ?? spc;
		const values = points.map(point => point.value);
		// Limits beyond what the unit can be (below 0, above 100%) would only squash the plot.
		const floor = values.every(value => value >= 0) ? 0 : -Infinity;
		const ceiling = unit === 'percent' && values.every(value => value <= 100) ? 100 : Infinity;
		lines.mean = points.map(point => at(point.period).mean);
		lines.upper = points.map(point => Math.min(ceiling, at(point.period).upper));
		lines.lower = points.map(point => Math.max(floor, at(point.period).lower));
	}
	return lines;
}

function rangeOf(lines: Lines): {min: number; max: number} {
	let min = Infinity;
	let max = -Infinity;
	for (const line of Object.values(lines)) {
		for (const value of line) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
	}
	// A flat chart still gets a band, so asciichart has rows to draw in; not below zero for figures that cannot be.
	if (max - min < 1e-9) return {min: min >= 0 ? Math.max(0, min - 1) : min - 1, max: max + 1};
	return {min, max};
}

/** Decimals that tell neighbouring y labels apart, at least the unit's own, at most 2. */
function labelDecimals(unit: Unit, range: number, height: number): number {
	const step = range / Math.max(1, height - 1);
	let decimals = unitDecimals(unit);
	while (decimals < 2 && step < 10 ** -decimals) decimals++;
	return decimals;
}

/** The plot row (0 = top) asciichart draws a value on, by its own arithmetic. */
function rowOf(value: number, min: number, max: number, height: number): number {
	const range = Math.abs(max - min);
	const ratio = range !== 0 ? height / range : 1;
	const min2 = Math.round(min * ratio);
	const max2 = Math.round(max * ratio);
	const rows = Math.abs(max2 - min2);
	return rows - (Math.round(value * ratio) - min2);
}

const RULE_ORDER: SpcRule[] = ['limit', 'trend', 'two_of_three', 'shift'];

function signalRuns(spc: SpcResult | null, periods: string[], polarity: Polarity): SignalRun[] {
	if (!spc) return [];
	const shown = new Set(periods);
	const runs: SignalRun[] = [];
	let previous: SpcSide | null = null;
	for (const point of spc.points) {
		const side = shown.has(point.period) && point.rule !== null ? point.side : null;
		if (side !== null && point.rule !== null) {
			const run = runs.at(-1);
			if (run && previous === side) {
				run.to = point.period;
				if (!run.rules.includes(point.rule)) run.rules.push(point.rule);
			} else {
				runs.push({from: point.period, to: point.period, side, kind: signalKind(side, polarity), rules: [point.rule]});
			}
		}
		previous = side;
	}
	for (const run of runs) run.rules.sort((a, b) => RULE_ORDER.indexOf(a) - RULE_ORDER.indexOf(b));
	return runs;
}

function monthAxis(periods: string[], axisWidth: number, width: number): string {
	const cells = Array.from({length: width}, () => ' ');
	const put = (text: string, at: number) => {
		for (let i = 0; i < text.length && at + i < width; i++) if (at + i >= 0) cells[at + i] = text[i]!;
	};
	const n = periods.length;
	if (n === 0) return '';
	const first = formatPeriodShort(periods[0]!);
	put(first, axisWidth);
	if (n > 1) {
		const last = formatPeriodShort(periods[n - 1]!);
		const lastAt = Math.max(axisWidth + first.length + 1, axisWidth + n - last.length);
		put(last, lastAt);
		const middle = Math.floor((n - 1) / 2);
		const label = formatPeriodShort(periods[middle]!);
		const middleAt = axisWidth + middle - Math.floor(label.length / 2);
		// Only where it leaves a gap on both sides.
		if (middleAt > axisWidth + first.length && middleAt + label.length < lastAt) put(label, middleAt);
	}
	return cells.join('').trimEnd();
}

function layoutFor(options: ChartOptions, months: number): TrendChartLayout {
	const points = options.series.slice(-months);
	const periods = points.map(point => point.period);
	const lines = linesFor(points, options.spc, options.unit);
	const {min, max} = rangeOf(lines);
	const plotHeight = Math.max(1, options.height - 1);
	const decimals = labelDecimals(options.unit, max - min, options.height);
	const format = (x: number) => formatNumber(x, decimals) + (options.unit === 'percent' ? '%' : '');
	// A space between the widest label and the axis; month i is drawn at column axisWidth + i.
	const axisWidth = Math.max(format(min).length, format(max).length, format((min + max) / 2).length) + 1;

	const drawn = DRAW_ORDER.filter(kind => lines[kind] !== undefined);
	const colors = drawn.map(kind => options.colors?.[kind]);
	const plotted = plot(
		drawn.map(kind => lines[kind]!),
		{
			height: plotHeight,
			min,
			max,
			offset: 2,
			// asciichart puts the label in one cell and the axis (month 0) in the next: fixed-width labels keep columns aligned.
			format: (x: number) => format(x).padStart(axisWidth),
			...(colors.some(Boolean) ? {colors} : {}),
			...(options.symbols ? {symbols: options.symbols} : {}),
		},
	);
	// Each row ends in a cell asciichart never draws in.
	const plotRows = plotted.split('\n').map(row => row.slice(0, -1));

	const labels = plotRows.map(() => [] as Array<Exclude<ChartLineKind, 'value'>>);
	for (const kind of LABEL_ORDER) {
		const line = lines[kind];
		if (!line || line.length === 0) continue;
		const row = rowOf(line.at(-1)!, min, max, plotHeight);
		const names = labels[row];
		if (names && !names.some(name => CHART_LABELS[name] === CHART_LABELS[kind])) names.push(kind);
	}
	const rows: ChartRow[] = plotRows.map((plot, i) => ({
		plot,
		label: labels[i]!.map(kind => CHART_LABELS[kind]).join('/'),
		labelKind: labels[i]![0] ?? null,
	}));

	const markers: ChartMarker[] = [];
	if (options.spc) {
		const index = new Map(periods.map((period, i) => [period, i]));
		for (const point of options.spc.points) {
			const i = index.get(point.period);
			if (i === undefined || point.rule === null || point.side === null) continue;
			markers.push({column: axisWidth + i, side: point.side, kind: signalKind(point.side, options.polarity)});
		}
	}
	const longest = Math.max(0, ...rows.map(row => row.label.length), markers.length > 0 ? MARKER_LABEL.length : 0);
	const labelWidth = longest > 0 ? longest + 1 : 0;
	const plotWidth = axisWidth + points.length;
	return {
		rows,
		axis: monthAxis(periods, axisWidth, plotWidth + labelWidth),
		markers: markers.length > 0 ? markers : null,
		markerLabel: markers.length > 0 ? MARKER_LABEL : '',
		axisWidth,
		plotWidth,
		labelWidth,
		periods,
		signals: signalRuns(options.spc, periods, options.polarity),
		height: rows.length + 1 + (markers.length > 0 ? 1 : 0),
	};
}

/**
 * The last `maxMonths` (36) months of the series, as many as fit the width with the y labels and
 * the right-edge labels. Null when there is nothing to draw.
 */
export function layoutTrendChart(options: ChartOptions): TrendChartLayout | null {
	const available = Math.min(options.maxMonths ?? 36, options.series.length);
	if (available < 1 || options.width < 8) return null;
	let months = available;
	// The labels' widths depend on the months shown, and the months on the room the labels leave.
	for (let attempt = 0; attempt < 8 && months >= 1; attempt++) {
		const layout = layoutFor(options, months);
		const total = layout.plotWidth + layout.labelWidth;
		if (total <= options.width) return layout;
		months = Math.min(months - 1, options.width - layout.axisWidth - layout.labelWidth);
	}
	return null;
}
