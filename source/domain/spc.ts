// Statistical process control (XmR charts) as NHS England's Making Data Count Single Chart Tool
// v5.0 does it (its "SPC Charts XmR Testing" document is the oracle: test/conformance/), with rare
// events for low counts (spc-rare.ts) and one documented addition (stale limits). Pure: a function
// of the series, the rebases with their types, the settings and the target; no I/O, no clock. Its
// words are in spc-words.ts. About 420 lines: segments, limits, the four rules and the verdicts read
// together as one algorithm.
import {parsePeriod} from './periods.js';
import {RARE_MEAN, rareLimits} from './spc-rare.js';
import type {Measure, Polarity, RebaseType} from './types.js';

export type SpcRule = 'limit' | 'shift' | 'trend' | 'two_of_three';
/** The latest point's verdict; null when SPC shows none (too few points, zero-width limits). */
export type Variation = 'common' | 'improvement' | 'concern' | 'neutral_high' | 'neutral_low';
/** A special-cause point's colour in the tool: blue, orange, or purple (no direction set). */
export type SignalVariation = 'improvement' | 'concern' | 'neutral';
export type Assurance = 'pass' | 'fail' | 'hit_and_miss';
export type SpcSide = 'high' | 'low';
/** `recalculate`: a new segment from this month. `baseline`: this month is the last its segment's limits are fixed on. */
export type SpcRebase = {period: string; type: RebaseType};
/** How a segment is judged: XmR, or as rare events (a count with a mean below 2 a month). */
export type SpcMethod = 'xmr' | 'rare';

export type SpcInputPoint = {period: string; value: number};

export type SpcPointResult = {
	period: string;
	value: number;
	/** Its segment's mean; the limits are null where the segment has too few points. */
	mean: number;
	upper: number | null;
	lower: number | null;
	nearUpper: number | null;
	nearLower: number | null;
	rule: SpcRule | null;
	side: SpcSide | null;
	variation: SignalVariation | null;
	/** 0 for the first segment, then 1, 2, ... after each recalculation within the data. */
	segment: number;
};

export type SpcSignal = {period: string; rule: SpcRule; side: SpcSide; variation: SignalVariation};

/** Why the latest segment has no verdicts. */
export type SpcWithheld = {reason: 'too_few'; points: number; needed: number} | {reason: 'flat'};

export type SpcResult = {
	/** The latest segment's. */
	mean: number;
	upper: number | null;
	lower: number | null;
	nearUpper: number | null;
	nearLower: number | null;
	method: SpcMethod;
	/** Null when SPC judges the latest segment; else why it does not. */
	withheld: SpcWithheld | null;
	variation: Variation | null;
	/** Null when withheld, without a target or polarity, or when the limits are stale. */
	assurance: Assurance | null;
	/** The months the latest segment's limits come from (all of it, or its baseline). */
	baseline: {from: string; to: string};
	/**
	 * The first month of a shift that began after the latest segment's first `minPoints - 1` months
	 * (or after its baseline) and still runs at the latest point: the limits no longer describe the
	 * process; a recalculation from this month is due.
	 */
	rebaseSuggested: string | null;
	/** Points in a row that make a shift, each side (longer than the setting for rare events), and a trend. */
	runs: {high: number; low: number; trend: number};
	/** The latest point's special cause, with the months in a row its rule counted (1 for a limit). */
	latest: (SpcSignal & {months: number}) | null;
	minPoints: number;
	signals: SpcSignal[];
	points: SpcPointResult[];
};

export type SpcOptions = {
	polarity: Polarity;
	target: number | null;
	rebases?: ReadonlyArray<SpcRebase>;
	/** Points in a row for a shift or a trend: 6 or 7 (default 7). */
	runLength?: number;
	/** Points a segment needs for limits, signals and verdicts (default 13). */
	minPoints?: number;
	/** The values are counts of events: a segment whose mean is below 2 is judged as rare events. */
	counts?: boolean;
	/** The range the unit allows (a count is never below 0, a percentage never above 100): limits are shown within it. */
	range?: {min?: number; max?: number};
	/** `points` from this month on only (the signals and the latest point still come from every point). */
	pointsFrom?: string;
};

export const DEFAULT_RUN_LENGTH = 7;
export const DEFAULT_MIN_POINTS = 13;
/** 3 / d2 with d2 = 1.128 for moving ranges of two (the tool's 2.66). */
const LIMIT_FACTOR = 2.66;
/** Two thirds of the way from the mean to the process limit: the 2-sigma line. */
const NEAR_FACTOR = (2 / 3) * LIMIT_FACTOR;
// Differences below this are floating-point residue, not a difference (as in rag.ts).
const EPSILON = 1e-9;
/** Which rule names a point flagged by several (of the winning colour). */
const PRECEDENCE: SpcRule[] = ['limit', 'trend', 'two_of_three', 'shift'];

/** SPC only makes sense on figures that stand alone month by month. */
export function spcApplies(measure: Measure): boolean {
	return measure === 'monthly' || measure === 'snapshot';
}

/** a is strictly greater than b, beyond floating-point residue. */
function exceeds(a: number, b: number): boolean {
	return a - b > EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Mean of values[from, to) as first + mean deviation, so a constant series has exactly its own value as mean. */
function meanOf(values: readonly number[], from: number, to: number): number {
	const first = values[from]!;
	let deviation = 0;
	for (let i = from; i < to; i++) deviation += values[i]! - first;
	return first + deviation / (to - from);
}

type Segment = {
	from: number;
	to: number; // exclusive
	/** Points the limits come from: the segment's first `basis`. */
	basis: number;
	mean: number;
	method: SpcMethod;
	withheld: SpcWithheld | null;
	upper: number | null;
	lower: number | null;
	nearUpper: number | null;
	nearLower: number | null;
	runHigh: number;
	runLow: number;
};

/** What a segment's limits and runs are computed with. */
type SegmentSettings = {runLength: number; minPoints: number; counts: boolean | undefined};

function segmentOf(values: readonly number[], from: number, to: number, basis: number, options: SegmentSettings): Segment {
	const mean = meanOf(values, from, from + basis);
	const none = {upper: null, lower: null, nearUpper: null, nearLower: null, runHigh: options.runLength, runLow: options.runLength};
	if (basis < options.minPoints) return {from, to, basis, mean, method: 'xmr', withheld: {reason: 'too_few', points: basis, needed: options.minPoints}, ...none};
	if (options.counts && mean < RARE_MEAN) {
		// A segment of zeros has nothing to judge: zero-width, like a flat XmR series.
		if (!exceeds(mean, 0)) return {from, to, basis, mean, method: 'rare', withheld: {reason: 'flat'}, ...none};
		return {from, to, basis, mean, method: 'rare', withheld: null, ...rareLimits(mean, options.runLength)};
	}
	let ranges = 0;
	for (let i = from + 1; i < from + basis; i++) ranges += Math.abs(values[i]! - values[i - 1]!);
	const mrBar = ranges / (basis - 1);
	const flat = !exceeds(mrBar, 0);
	return {
		from,
		to,
		basis,
		mean,
		method: 'xmr',
		withheld: flat ? {reason: 'flat'} : null,
		upper: mean + LIMIT_FACTOR * mrBar,
		lower: mean - LIMIT_FACTOR * mrBar,
		nearUpper: mean + NEAR_FACTOR * mrBar,
		nearLower: mean - NEAR_FACTOR * mrBar,
		runHigh: options.runLength,
		runLow: options.runLength,
	};
}

/**
 * A series read once for SPC as of any of its months: its finite points sorted by period, and its
 * rebases' months (recalculations after its first month, and baselines), each sorted. SPC as of a
 * month is SPC of the first points up to it (spcAsOf): a load computes each series' latest months.
 */
export type SpcSeries = {sorted: SpcInputPoint[]; values: number[]; recalculations: string[]; baselines: string[]};

export function spcSeries(points: readonly SpcInputPoint[], rebases: ReadonlyArray<SpcRebase> = []): SpcSeries {
	const sorted = sortedPoints(points);
	const parsed = rebases.flatMap(rebase => {
		const read = parsePeriod(rebase.period);
		return read.ok ? [{period: read.period, type: rebase.type}] : [];
	});
	const first = sorted[0]?.period;
	return {
		sorted,
		values: sorted.map(point => point.value),
		recalculations: first === undefined ? [] : parsed.filter(r => r.type === 'recalculate' && r.period > first).map(r => r.period).sort(),
		baselines: parsed.filter(r => r.type === 'baseline').map(r => r.period).sort(),
	};
}

/** The number of a series' points up to and including `period` (SPC as of that month is on these). */
export function spcPointsUpTo(series: SpcSeries, period: string): number {
	let n = 0;
	while (n < series.sorted.length && series.sorted[n]!.period <= period) n++;
	return n;
}

/** Segments of the first `length` points: a recalculation starts one at the first point on or after it; a baseline fixes its segment's limits on the months up to it. */
function segmentsOf(series: SpcSeries, length: number, options: SegmentSettings): Segment[] {
	const {sorted, values} = series;
	const starts = [0];
	for (const month of series.recalculations) {
		let at = 0;
		while (at < length && sorted[at]!.period < month) at++;
		if (at < length && at > starts.at(-1)!) starts.push(at);
	}
	return starts.map((from, i) => {
		const to = starts[i + 1] ?? length;
		// The latest baseline month inside the segment: its limits come from the months up to it.
		let month: string | undefined;
		for (const baseline of series.baselines) if (baseline >= sorted[from]!.period && baseline <= sorted[to - 1]!.period) month = baseline;
		let basis = to - from;
		if (month !== undefined) {
			basis = 0;
			for (let j = from; j < to; j++) if (sorted[j]!.period <= month) basis++;
		}
		return segmentOf(values, from, to, basis, options);
	});
}

// Each point's rules as bits (two a rule: high, then low), in one zeroed typed array: a load
// computes thousands of these. RULES is the bits' order, not the precedence.
const RULES: SpcRule[] = ['limit', 'shift', 'trend', 'two_of_three'];
const bitOf = (rule: SpcRule, side: SpcSide): number => 1 << (RULES.indexOf(rule) * 2 + (side === 'high' ? 0 : 1));
const LIMIT_HIGH = bitOf('limit', 'high');
const LIMIT_LOW = bitOf('limit', 'low');
const SHIFT_HIGH = bitOf('shift', 'high');
const SHIFT_LOW = bitOf('shift', 'low');
const TREND_HIGH = bitOf('trend', 'high');
const TREND_LOW = bitOf('trend', 'low');
const TWO_HIGH = bitOf('two_of_three', 'high');
const TWO_LOW = bitOf('two_of_three', 'low');
// A point's side of its segment's mean, or a step's direction: 0 for none.
const HIGH = 1;
const LOW = -1;

function flagAll(values: readonly number[], length: number, segments: Segment[], runLength: number): Uint8Array {
	const n = length;
	const flags = new Uint8Array(n);
	const segmentAt: Segment[] = new Array(n);
	for (const segment of segments) for (let i = segment.from; i < segment.to; i++) segmentAt[i] = segment;
	const sides = new Int8Array(n);
	for (let i = 0; i < n; i++) {
		const s = segmentAt[i]!;
		if (s.withheld !== null) continue;
		const v = values[i]!;
		sides[i] = exceeds(v, s.mean) ? HIGH : exceeds(s.mean, v) ? LOW : 0;
		// (1) A point strictly beyond its segment's process limit.
		if (exceeds(v, s.upper!)) flags[i]! |= LIMIT_HIGH;
		else if (exceeds(s.lower!, v)) flags[i]! |= LIMIT_LOW;
	}

	// (2) Shift: points in a row strictly on one side of their own segment's mean, across
	// recalculations as the tool does; a point on the mean, or unjudged, ends the run.
	let start = 0;
	for (let i = 1; i <= n; i++) {
		if (i < n && sides[i] !== 0 && sides[i] === sides[start]) continue;
		const side = sides[start]!;
		if (side !== 0) {
			let needed = 0;
			for (let j = start; j < i; j++) needed = Math.max(needed, side === HIGH ? segmentAt[j]!.runHigh : segmentAt[j]!.runLow);
			if (i - start >= needed) for (let j = start; j < i; j++) flags[j]! |= side === HIGH ? SHIFT_HIGH : SHIFT_LOW;
		}
		start = i;
	}

	// (3) Trend: points in a row each strictly above (below) the one before, no pauses; it may
	// cross the mean and recalculations. A turning point belongs to both runs.
	start = 0;
	let direction = 0;
	const closeTrend = (end: number): void => {
		if (direction !== 0 && end - start + 1 >= runLength) for (let j = start; j <= end; j++) flags[j]! |= direction === HIGH ? TREND_HIGH : TREND_LOW;
	};
	for (let i = 1; i < n; i++) {
		const step = segmentAt[i]!.withheld !== null || segmentAt[i - 1]!.withheld !== null ? 0 : exceeds(values[i]!, values[i - 1]!) ? HIGH : exceeds(values[i - 1]!, values[i]!) ? LOW : 0;
		if (step !== 0 && step === direction) continue;
		closeTrend(i - 1);
		start = step === 0 ? i : i - 1;
		direction = step;
	}
	closeTrend(n - 1);

	// (4) Two of three: in three points in a row all on one side of the mean, two or three beyond
	// the 2-sigma line on that side; a point beyond the process limit does not count (v5.0).
	const beyond = (i: number, side: number): boolean => {
		const s = segmentAt[i]!;
		const v = values[i]!;
		return side === HIGH ? exceeds(v, s.nearUpper!) && !exceeds(v, s.upper!) : exceeds(s.nearLower!, v) && !exceeds(s.lower!, v);
	};
	for (let i = 0; i + 2 < n; i++) {
		const side = sides[i]!;
		if (side === 0 || sides[i + 1] !== side || sides[i + 2] !== side) continue;
		const a = beyond(i, side);
		const b = beyond(i + 1, side);
		const c = beyond(i + 2, side);
		if (Number(a) + Number(b) + Number(c) < 2) continue;
		const bit = side === HIGH ? TWO_HIGH : TWO_LOW;
		if (a) flags[i]! |= bit;
		if (b) flags[i + 1]! |= bit;
		if (c) flags[i + 2]! |= bit;
	}
	return flags;
}

function colourOf(side: SpcSide, polarity: Polarity): SignalVariation {
	if (polarity === 'none') return 'neutral';
	return (side === 'high') === (polarity === 'higher') ? 'improvement' : 'concern';
}

/** A point flagged both ways (a trend crossing a shift) shows as improvement, as the tool does; then concern. */
const RANK: Record<SignalVariation, number> = {improvement: 0, concern: 1, neutral: 2};
const SIDES = ['high', 'low'] as const;

type Winner = {rule: SpcRule; side: SpcSide; variation: SignalVariation};

function winnerOf(mask: number, polarity: Polarity): Winner | null {
	let best: Winner | null = null;
	for (const rule of PRECEDENCE) {
		for (const side of SIDES) {
			if ((mask & bitOf(rule, side)) === 0) continue;
			const variation = colourOf(side, polarity);
			if (best === null || RANK[variation] < RANK[best.variation]) best = {rule, side, variation};
		}
	}
	return best;
}

// The rule a point shows, for each set of flags, by polarity: made once (a point's flags are 8 bits).
const WINNERS = new Map<Polarity, ReadonlyArray<Winner | null>>();
function winners(polarity: Polarity): ReadonlyArray<Winner | null> {
	let table = WINNERS.get(polarity);
	if (table === undefined) WINNERS.set(polarity, (table = Array.from({length: 256}, (_, mask) => winnerOf(mask, polarity))));
	return table;
}

/** Target against the limits: beyond them on the good side passes, on the bad side fails; on a limit or between, hit and miss. */
export function assuranceOf(limits: {upper: number | null; lower: number | null}, target: number | null, polarity: Polarity): Assurance | null {
	if (target === null || !Number.isFinite(target) || polarity === 'none' || limits.upper === null || limits.lower === null) return null;
	if (polarity === 'higher') {
		if (exceeds(limits.lower, target)) return 'pass';
		if (exceeds(target, limits.upper)) return 'fail';
		return 'hit_and_miss';
	}
	if (exceeds(target, limits.upper)) return 'pass';
	if (exceeds(limits.lower, target)) return 'fail';
	return 'hit_and_miss';
}

function clamp(value: number | null, range: SpcOptions['range']): number | null {
	if (value === null || range === undefined) return value;
	return Math.min(range.max ?? Number.POSITIVE_INFINITY, Math.max(range.min ?? Number.NEGATIVE_INFINITY, value));
}

/** Points sorted by period, without values that are not numbers. */
function sortedPoints(points: readonly SpcInputPoint[]): SpcInputPoint[] {
	return points.filter(point => Number.isFinite(point.value)).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

function settingsOf(options: SpcOptions): SegmentSettings {
	return {runLength: options.runLength ?? DEFAULT_RUN_LENGTH, minPoints: options.minPoints ?? DEFAULT_MIN_POINTS, counts: options.counts};
}

export type SpcPointFlags = {period: string; value: number; flags: Array<{rule: SpcRule; side: SpcSide}>};

/** Every rule that flags each point (computeSpc shows one per point): for the detail's workings and the peers' rule-by-rule tests. */
export function spcRuleFlags(points: SpcInputPoint[], options: SpcOptions): SpcPointFlags[] {
	const series = spcSeries(points, options.rebases);
	const {sorted, values} = series;
	if (sorted.length === 0) return [];
	const settings = settingsOf(options);
	const flags = flagAll(values, sorted.length, segmentsOf(series, sorted.length, settings), settings.runLength);
	return sorted.map((point, i) => ({
		period: point.period,
		value: point.value,
		flags: PRECEDENCE.flatMap(rule => SIDES.filter(side => (flags[i]! & bitOf(rule, side)) !== 0).map(side => ({rule, side}))),
	}));
}

/**
 * XmR limits, special-cause points and the latest month's variation and assurance, as the tool
 * shows them. Null with no (finite) points. Points are sorted by period; missing months are skipped.
 */
export function computeSpc(points: SpcInputPoint[], options: SpcOptions): SpcResult | null {
	const series = spcSeries(points, options.rebases);
	return spcAsOf(series, series.sorted.length, options);
}

/**
 * computeSpc of a series' first `length` points (spcPointsUpTo: SPC as of a month), the series
 * sorted and its rebases read once for all its months. `options.rebases` is not read: the series' are.
 */
export function spcAsOf(series: SpcSeries, length: number, options: SpcOptions): SpcResult | null {
	const {sorted, values} = series;
	if (length === 0) return null;
	const settings = settingsOf(options);
	const segments = segmentsOf(series, length, settings);
	const flags = flagAll(values, length, segments, settings.runLength);
	const {range, polarity} = options;
	const winner = winners(polarity);

	const results: SpcPointResult[] = [];
	const signals: SpcSignal[] = [];
	const lastIndex = length - 1;
	let last: SpcPointResult | undefined;
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index]!;
		const upper = clamp(segment.upper, range);
		const lower = clamp(segment.lower, range);
		const nearUpper = clamp(segment.nearUpper, range);
		const nearLower = clamp(segment.nearLower, range);
		for (let i = segment.from; i < segment.to; i++) {
			const flag = segment.withheld === null ? winner[flags[i]!]! : null;
			const period = sorted[i]!.period;
			if (flag !== null) signals.push({period, rule: flag.rule, side: flag.side, variation: flag.variation});
			const kept = options.pointsFrom === undefined || period >= options.pointsFrom;
			if (!kept && i !== lastIndex) continue;
			const point: SpcPointResult = {
				period,
				value: values[i]!,
				mean: segment.mean,
				upper,
				lower,
				nearUpper,
				nearLower,
				rule: flag?.rule ?? null,
				side: flag?.side ?? null,
				variation: flag?.variation ?? null,
				segment: index,
			};
			if (kept) results.push(point);
			if (i === lastIndex) last = point;
		}
	}

	const latest = segments.at(-1)!;
	if (last === undefined) throw new Error('computeSpc: no latest point');
	const rebaseSuggested = latest.withheld === null ? staleFrom(sorted, values, latest, settings.minPoints) : null;
	const limits = {upper: clamp(latest.upper, range), lower: clamp(latest.lower, range)};
	let variation: Variation | null = null;
	if (latest.withheld === null) {
		variation = last.variation === null || last.side === null ? 'common' : last.variation === 'neutral' ? (last.side === 'high' ? 'neutral_high' : 'neutral_low') : last.variation;
	}
	return {
		mean: latest.mean,
		upper: limits.upper,
		lower: limits.lower,
		nearUpper: clamp(latest.nearUpper, range),
		nearLower: clamp(latest.nearLower, range),
		method: latest.method,
		withheld: latest.withheld,
		variation,
		assurance: latest.withheld !== null || rebaseSuggested !== null ? null : assuranceOf(limits, options.target, polarity),
		baseline: {from: sorted[latest.from]!.period, to: sorted[latest.from + latest.basis - 1]!.period},
		rebaseSuggested,
		runs: {high: latest.runHigh, low: latest.runLow, trend: settings.runLength},
		minPoints: settings.minPoints,
		latest: last.rule === null || last.side === null || last.variation === null ? null : {period: last.period, rule: last.rule, side: last.side, variation: last.variation, months: monthsOf(flags, last.rule, last.side, lastIndex)},
		signals,
		points: results,
	};
}

/** Points in a row flagged by `rule` on `side`, ending at `end` (two of three: those in the last three). */
function monthsOf(flags: Uint8Array, rule: SpcRule, side: SpcSide, end: number): number {
	const bit = bitOf(rule, side);
	const marked = (i: number) => i >= 0 && (flags[i]! & bit) !== 0;
	if (rule === 'two_of_three') return Number(marked(end)) + Number(marked(end - 1)) + Number(marked(end - 2));
	let start = end;
	while (start > 0 && marked(start - 1)) start--;
	return rule === 'limit' ? 1 : end - start + 1;
}

/**
 * Stale limits (an addition to the tool): the latest point ends a shift, within the latest
 * segment, that began after the months its limits were meant to describe: its first
 * `basis` months when a baseline is set, else its first `minPoints - 1`. The shift's first month, or null.
 */
function staleFrom(sorted: readonly SpcInputPoint[], values: readonly number[], segment: Segment, minPoints: number): string | null {
	const {from, to, mean} = segment;
	const sideOf = (value: number): SpcSide | null => (exceeds(value, mean) ? 'high' : exceeds(mean, value) ? 'low' : null);
	const side = sideOf(values[to - 1]!);
	if (side === null) return null;
	let start = to - 1;
	while (start > from && sideOf(values[start - 1]!) === side) start--;
	const needed = side === 'high' ? segment.runHigh : segment.runLow;
	const describes = segment.basis < to - from ? segment.basis : minPoints - 1;
	if (to - start < needed || start - from < describes) return null;
	return sorted[start]!.period;
}
