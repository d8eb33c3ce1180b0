import {plot} from 'asciichart';
import {formatPeriodShort} from '../domain/periods.js';
import type {SeriesPoint} from '../domain/scorecard.js';
import type {SpcResult, SpcRule, SpcSide} from '../domain/spc.js';
import {signalStretches} from '../domain/spc-words.js';
import type {Polarity, Unit} from '../domain/types.js';
import {formatBenchmark, formatMean, formatNumber, formatValue, unitDecimals} from '../domain/units.js';

// Lays out the detail view's trend chart as plain lines of known width: asciichart draws the plot,
// this picks its scale (a whole number of rows per step of a round size, so every y label is a
// round, evenly spaced value and every line sits on the row its value rounds to), names each flat
// line at its right end with its value (so it reads without colour), spreads the months over the
// width given, and adds the month axis and a row marking special-cause points. No I/O, no theme:
// colours come in as asciichart's escape sequences, glyphs as strings. About 300 lines: scale,
// lines, labels, markers and axis are one layout, each step using the one before.

export type ChartLineKind = 'value' | 'target' | 'mean' | 'upper' | 'lower' | 'national';
export type SignalKind = 'improvement' | 'concern' | 'neutral';

export const CHART_LABELS: Record<Exclude<ChartLineKind, 'value'>, string> = {
	target: 'target',
	mean: 'mean',
	upper: 'limit',
	lower: 'limit',
	national: 'national',
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
	/** The glyph of a month's figure (default ◆), never one the reference lines use. */
	point?: string;
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

/** Consecutive special-cause months flagged by one rule on one side, with words for them. */
export type SignalRun = {from: string; to: string; side: SpcSide; kind: SignalKind; rules: SpcRule[]; text: string};

export type TrendChartLayout = {
	rows: ChartRow[];
	/** The month labels, as wide as the plot. */
	axis: string;
	/** Special-cause points under their months; null when none are in the window. */
	markers: ChartMarker[] | null;
	markerLabel: string;
	/** Columns of the y labels; month i of `periods` is drawn from column axisWidth + i * monthWidth. */
	axisWidth: number;
	/** Columns each month takes (the months are spread over the width given). */
	monthWidth: number;
	/** The value one row stands for; row r (0 = top) is `top - r * step`. */
	step: number;
	top: number;
	/** y labels + plot columns. */
	plotWidth: number;
	/** The right-edge label column, a space included. */
	labelWidth: number;
	periods: string[];
	signals: SignalRun[];
	/** Lines the whole chart takes: plot rows, the month axis, the marker row. */
	height: number;
};

/** Each line's value by month; null where a line has none (a month before the first target). */
type Lines = Partial<Record<ChartLineKind, Array<number | null>>>;

/** Lower first so the value is drawn last, over the flat lines. */
const DRAW_ORDER: ChartLineKind[] = ['lower', 'upper', 'mean', 'national', 'target', 'value'];
/** Label priority on a shared row. */
const LABEL_ORDER: Array<Exclude<ChartLineKind, 'value'>> = ['target', 'national', 'mean', 'upper', 'lower'];

export function signalKind(side: SpcSide, polarity: Polarity): SignalKind {
	if (polarity === 'none') return 'neutral';
	return (side === 'high') === (polarity === 'higher') ? 'improvement' : 'concern';
}

function linesFor(points: SeriesPoint[], spc: SpcResult | null, unit: Unit): Lines {
	const lines: Lines = {value: points.map(point => point.value)};
	// A month without a target has no target line; DfE's national figure is a step a year, from the
	// first published year on.
	if (points.some(point => point.target !== null)) lines.target = points.map(point => point.target);
	if (points.some(point => point.national !== undefined)) lines.national = points.map(point => point.national?.value ?? null);
	if (spc) {
		const byPeriod = new Map(spc.points.map(point => [point.period, point]));
		const at = (period: string) => byPeriod.get(period) ?? spc;
		const values = points.map(point => point.value);
		// Limits beyond what the unit can be (below 0, above 100%) would only squash the plot.
		const floor = values.every(value => value >= 0) ? 0 : -Infinity;
		const ceiling = unit === 'percent' && values.every(value => value <= 100) ? 100 : Infinity;
		lines.mean = points.map(point => at(point.period).mean);
		// Months without limits (a segment with too few months) draw them on the mean, under it.
		if (points.some(point => at(point.period).upper !== null)) {
			lines.upper = points.map(point => Math.min(ceiling, at(point.period).upper ?? at(point.period).mean));
			lines.lower = points.map(point => Math.max(floor, at(point.period).lower ?? at(point.period).mean));
		}
	}
	return lines;
}

function rangeOf(lines: Lines): {min: number; max: number} {
	let min = Infinity;
	let max = -Infinity;
	for (const line of Object.values(lines)) {
		for (const value of line) {
			if (value === null) continue;
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
	}
	return {min, max};
}

const NICE_STEPS = [1, 2, 2.5, 5];

/** Decimals a step needs to be written exactly (0.25 needs 2). */
function decimalsOf(step: number): number {
	for (let decimals = 0; decimals < 4; decimals++) if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-9) return decimals;
	return 4;
}

/**
 * The plot's scale: the smallest round step (1, 2, 2.5 or 5 times a power of ten, not below 0.01)
 * whose `rows` steps from a multiple of it cover min..max. A flat series sits mid-plot.
 */
export function chartScale(min: number, max: number, rows: number, bounds: {floor?: number; ceiling?: number} = {}): {bottom: number; top: number; step: number} {
	const intervals = Math.max(1, rows);
	const floor = bounds.floor ?? -Infinity;
	const ceiling = bounds.ceiling ?? Infinity;
	const raw = Math.max((max - min) / intervals, 0.01);
	for (let exponent = Math.floor(Math.log10(raw)) - 1; ; exponent++) {
		for (const nice of NICE_STEPS) {
			const step = Number((nice * 10 ** exponent).toPrecision(12));
			if (step < raw - 1e-12) continue;
			let bottom = Math.floor(min / step + 1e-9) * step;
			if (max - min < 1e-9) bottom = Math.max(min >= 0 ? 0 : -Infinity, bottom - Math.floor(intervals / 2) * step);
			// The axis stays inside what the unit can be: slide it down from above 100%, up from below 0.
			if (bottom + step * intervals > ceiling + 1e-9) bottom = Math.floor((ceiling - step * intervals) / step + 1e-9) * step;
			if (bottom < floor - 1e-9) bottom = Math.ceil(floor / step - 1e-9) * step;
			const top = bottom + step * intervals;
			if (top > ceiling + 1e-9 || bottom > min + 1e-9) continue;
			if (top >= max - 1e-9) return {bottom: Number(bottom.toPrecision(12)), top: Number(top.toPrecision(12)), step};
		}
	}
}

/** What a unit's figures can be: never below 0; a percentage never above 100. */
export function unitBounds(unit: Unit, values: number[]): {floor?: number; ceiling?: number} {
	return {
		...(values.every(value => value >= 0) ? {floor: 0} : {}),
		...(unit === 'percent' && values.every(value => value <= 100) ? {ceiling: 100} : {}),
	};
}

/** A line for asciichart, which cannot skip a month: a month without a value takes its neighbour's (and is not drawn). */
function fillGaps(line: Array<number | null>): number[] {
	const first = line.find((value): value is number => value !== null) ?? 0;
	let last = first;
	return line.map(value => (value === null ? last : (last = value)));
}

const stripAnsi = (cell: string) => cell.replace(/\u001B\[[0-9;]*m/g, '');

/** A plotted row's cells: each visible character with the colour asciichart gave it. */
function cellsOf(row: string): string[] {
	return row.match(/(?:\u001B\[[0-9;]*m)*[^\u001B](?:\u001B\[0m)?/gu) ?? [];
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

function signalRuns(spc: SpcResult | null, periods: string[], polarity: Polarity): SignalRun[] {
	if (!spc) return [];
	const shown = new Set(periods);
	return signalStretches(spc.points.filter(point => shown.has(point.period))).map(stretch => ({
		from: stretch.from,
		to: stretch.to,
		side: stretch.side,
		kind: signalKind(stretch.side, polarity),
		rules: [stretch.rule],
		text: stretch.text,
	}));
}

/** Month labels every few months, evenly, ending on the newest, each under its month's first column. */
function monthAxis(periods: string[], axisWidth: number, monthWidth: number, width: number): string {
	const n = periods.length;
	if (n === 0) return '';
	const labelWidth = formatPeriodShort(periods[0]!).length + 1;
	const every = Math.max(1, Math.ceil(labelWidth / monthWidth));
	const cells = Array.from({length: width}, () => ' ');
	for (let i = (n - 1) % every; i < n; i += every) {
		const text = formatPeriodShort(periods[i]!);
		const at = axisWidth + i * monthWidth;
		if (at + text.length > width) continue;
		for (let c = 0; c < text.length; c++) cells[at + c] = text[c]!;
	}
	return cells.join('').trimEnd();
}

function layoutFor(options: ChartOptions, months: number, monthWidth: number): TrendChartLayout {
	const points = options.series.slice(-months);
	const periods = points.map(point => point.period);
	const lines = linesFor(points, options.spc, options.unit);
	const {min, max} = rangeOf(lines);
	const plotHeight = Math.max(1, options.height - 1);
	const scale = chartScale(min, max, plotHeight, unitBounds(options.unit, points.map(point => point.value)));
	const decimals = decimalsOf(scale.step);
	const format = (x: number) => formatNumber(x, decimals) + (options.unit === 'percent' ? '%' : '');
	// A space between the widest label and the axis; month i starts at column axisWidth + i * monthWidth.
	const axisWidth = Math.max(format(scale.bottom).length, format(scale.top).length) + 1;

	// The reference lines are asciichart's lines, each plotted on its own and laid over the axis in
	// the months it has a value; the figures are points drawn over them in a glyph of their own, so
	// the two read apart without colour.
	const drawn = DRAW_ORDER.filter(kind => kind !== 'value' && lines[kind] !== undefined);
	// Each month repeated across its columns: asciichart draws one column per value.
	const stretched = (line: number[]) => line.flatMap(value => Array.from({length: monthWidth}, () => value));
	const plotOne = (line: number[], color: string | undefined) =>
		plot([stretched(line)], {
			height: plotHeight,
			min: scale.bottom,
			max: scale.top,
			offset: 2,
			// asciichart puts the label in one cell and the axis (month 0) in the next: fixed-width labels keep columns aligned.
			format: (x: number) => format(x).padStart(axisWidth),
			...(color ? {colors: [color]} : {}),
			...(options.symbols ? {symbols: options.symbols} : {}),
		})
			.split('\n')
			.map(row => cellsOf(row));
	// The axis and its labels alone: a flat line at the bottom, everything right of the axis blanked.
	const axis = options.symbols?.[1] ?? '┤';
	const plotCells = plotOne(points.map(() => scale.bottom), undefined).map(cells => cells.map((cell, c) => (c < axisWidth ? cell : c === axisWidth ? axis : ' ')));
	for (const kind of drawn) {
		const line = lines[kind]!;
		const grid = plotOne(fillGaps(line), options.colors?.[kind]);
		line.forEach((value, i) => {
			if (value === null) return;
			for (let c = axisWidth + i * monthWidth; c < axisWidth + (i + 1) * monthWidth; c++) {
				grid.forEach((cells, r) => {
					const cell = cells[c];
					// Every line's own plot has the axis: only what the line drew is laid over.
					if (cell !== undefined && stripAnsi(cell) !== ' ' && stripAnsi(cell) !== axis) plotCells[r]![c] = cell;
				});
			}
		});
	}
	// Each row ends in a cell asciichart never draws in.
	for (const cells of plotCells) cells.pop();
	// A month's point (and its special-cause mark) in its second column where it has two: the first
	// of month 0 is the axis.
	const monthColumn = (i: number) => axisWidth + i * monthWidth + (monthWidth > 1 ? 1 : 0);
	const point = options.point ?? '◆';
	const pointColour = options.colors?.value;
	points.forEach((each, i) => {
		const row = plotCells[rowOf(each.value, scale.bottom, scale.top, plotHeight)];
		const column = monthColumn(i);
		if (row && column < row.length) row[column] = pointColour ? `${pointColour}${point}\u001B[0m` : point;
	});
	const plotRows = plotCells.map(cells => cells.join(''));

	// Each flat line named on the row it ends on, with its value at the unit's precision.
	const labels = plotRows.map(() => [] as Array<{kind: Exclude<ChartLineKind, 'value'>; text: string}>);
	for (const kind of LABEL_ORDER) {
		const line = lines[kind];
		const value = line?.at(-1);
		if (value === undefined || value === null) continue;
		// No limit is named where the latest month has none, or none apart from the mean (zero width).
		if ((kind === 'upper' || kind === 'lower') && (options.spc?.upper === null || options.spc?.withheld?.reason === 'flat')) continue;
		const names = labels[rowOf(value, scale.bottom, scale.top, plotHeight)];
		// The national line names its year, as every published figure does; the mean at one more
		// decimal than the figure: a mean of 90.4% is not "90%".
		const year = kind === 'national' ? options.series.slice(-months).at(-1)?.national?.label : undefined;
		const text =
			kind === 'national'
				? `${CHART_LABELS[kind]} ${formatBenchmark(options.unit, value)}${year ? ` (${year})` : ''}`
				: `${CHART_LABELS[kind]} ${kind === 'mean' ? formatMean(options.unit, value) : formatValue(options.unit, value)}`;
		if (names && !names.some(name => name.text === text)) names.push({kind, text});
	}
	const rows: ChartRow[] = plotRows.map((plot, i) => ({
		plot,
		label: labels[i]!.map(name => name.text).join(', '),
		labelKind: labels[i]![0]?.kind ?? null,
	}));

	const markers: ChartMarker[] = [];
	if (options.spc) {
		const index = new Map(periods.map((period, i) => [period, i]));
		for (const point of options.spc.points) {
			const i = index.get(point.period);
			if (i === undefined || point.rule === null || point.side === null) continue;
			markers.push({column: monthColumn(i), side: point.side, kind: signalKind(point.side, options.polarity)});
		}
	}
	const longest = Math.max(0, ...rows.map(row => row.label.length), markers.length > 0 ? MARKER_LABEL.length : 0);
	const labelWidth = longest > 0 ? longest + 1 : 0;
	const plotWidth = axisWidth + points.length * monthWidth;
	return {
		rows,
		axis: monthAxis(periods, axisWidth, monthWidth, plotWidth + labelWidth),
		markers: markers.length > 0 ? markers : null,
		markerLabel: markers.length > 0 ? MARKER_LABEL : '',
		axisWidth,
		monthWidth,
		step: scale.step,
		top: scale.top,
		plotWidth,
		labelWidth,
		periods,
		signals: signalRuns(options.spc, periods, options.polarity),
		height: rows.length + 1 + (markers.length > 0 ? 1 : 0),
	};
}

/**
 * The last `maxMonths` (36) months of the series, as many as fit the width with the y labels and
 * the right-edge labels, each month as many columns wide as the width allows. Null when there is
 * nothing to draw.
 */
export function layoutTrendChart(options: ChartOptions): TrendChartLayout | null {
	const available = Math.min(options.maxMonths ?? 36, options.series.length);
	if (available < 1 || options.width < 8) return null;
	let months = available;
	// The labels' widths depend on the months shown, and the months on the room the labels leave.
	for (let attempt = 0; attempt < 8 && months >= 1; attempt++) {
		const narrow = layoutFor(options, months, 1);
		const total = narrow.plotWidth + narrow.labelWidth;
		if (total <= options.width) {
			const monthWidth = Math.floor((options.width - narrow.axisWidth - narrow.labelWidth) / months);
			return monthWidth > 1 ? layoutFor(options, months, monthWidth) : narrow;
		}
		months = Math.min(months - 1, options.width - narrow.axisWidth - narrow.labelWidth);
	}
	return null;
}
