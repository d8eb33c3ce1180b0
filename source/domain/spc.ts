// Statistical process control (XmR charts) after NHS England's "Making Data Count".
// Pure functions: no I/O, no clock. About 300 lines: the four rules, limits, segments, verdicts
// and stale limits read together as one algorithm; its words are in spc-words.ts.
import {parsePeriod} from './periods.js';
import type {Measure, Polarity} from './types.js';

export type SpcRule = 'limit' | 'shift' | 'trend' | 'two_of_three';
export type Variation = 'common' | 'improvement' | 'concern' | 'neutral_high' | 'neutral_low';
export type Assurance = 'pass' | 'fail' | 'hit_and_miss';
export type SpcSide = 'high' | 'low';

export type SpcInputPoint = {period: string; value: number};

export type SpcPointResult = {
	period: string;
	value: number;
	mean: number;
	upper: number;
	lower: number;
	nearUpper: number;
	nearLower: number;
	rule: SpcRule | null;
	side: SpcSide | null;
	/** 0 for the first segment, then 1, 2, ... after each rebase that falls within the data. */
	segment: number;
};

export type SpcSignal = {period: string; rule: SpcRule; side: SpcSide};

export type SpcResult = {
	mean: number;
	upper: number;
	lower: number;
	nearUpper: number;
	nearLower: number;
	trial: boolean;
	variation: Variation;
	/** Null when the limits are stale (`rebaseSuggested`): they no longer describe the process. */
	assurance: Assurance | null;
	/** The months the latest segment's limits were fixed on. */
	baseline: {from: string; to: string};
	/**
	 * The first month of a shift (7+ points on one side of the mean) that began after the baseline
	 * and still runs at the latest point: the limits are stale, a rebase from this month is due.
	 */
	rebaseSuggested: string | null;
	signals: SpcSignal[];
	points: SpcPointResult[];
};

export type SpcOptions = {
	polarity: Polarity;
	target: number | null;
	rebases?: string[];
	/**
	 * A gap in the points (months left out, not a process change): runs (shift, trend, two of three)
	 * never join points across it; limits still come from the segment's first points. Lets a reader
	 * pass a segment's baseline and its recent months without the years between.
	 */
	gapBefore?: string;
};

/** 3 / d2 with d2 = 1.128 for moving ranges of two. */
const LIMIT_FACTOR = 2.66;
/** Two thirds of the way from the mean to the process limit (the 2-sigma line). */
const NEAR_FACTOR = (2 / 3) * LIMIT_FACTOR;
/** Points on which limits are fixed once a segment has this many. */
const BASELINE_POINTS = 12;
/** Length of a run that makes a shift or a trend. */
const RUN_POINTS = 7;
// Differences below this are floating-point residue, not a difference (as in rag.ts).
const EPSILON = 1e-9;

/** SPC only makes sense on figures that stand alone month by month. */
export function spcApplies(measure: Measure): boolean {
	return measure === 'monthly' || measure === 'snapshot';
}

/** a is strictly greater than b, beyond floating-point residue. */
function exceeds(a: number, b: number): boolean {
	return a - b > EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

type Limits = {mean: number; upper: number; lower: number; nearUpper: number; nearLower: number; trial: boolean};

/** Mean as first + mean deviation, so a constant series has exactly its own value as mean. */
function meanOf(values: number[]): number {
	const first = values[0]!;
	let deviation = 0;
	for (const value of values) deviation += value - first;
	return first + deviation / values.length;
}

function limitsOf(values: number[]): Limits {
	const trial = values.length < BASELINE_POINTS;
	const baseline = trial ? values : values.slice(0, BASELINE_POINTS);
	const mean = meanOf(baseline);
	let ranges = 0;
	for (let i = 1; i < baseline.length; i++) ranges += Math.abs(baseline[i]! - baseline[i - 1]!);
	// One point has no moving range: limits collapse onto it and nothing can be flagged.
	const mrBar = baseline.length > 1 ? ranges / (baseline.length - 1) : 0;
	return {
		mean,
		upper: mean + LIMIT_FACTOR * mrBar,
		lower: mean - LIMIT_FACTOR * mrBar,
		nearUpper: mean + NEAR_FACTOR * mrBar,
		nearLower: mean - NEAR_FACTOR * mrBar,
		trial,
	};
}

type Flags = Record<SpcRule, Array<SpcSide | null>>;

/** Sets side on every index of [from, to] not already flagged by this rule (an earlier run keeps its side). */
function flagRun(marks: Array<SpcSide | null>, from: number, to: number, side: SpcSide): void {
	for (let i = from; i <= to; i++) marks[i] ??= side;
}

/** Maximal runs of equal non-null keys; calls back on those of RUN_POINTS or more. */
function eachLongRun(keys: Array<SpcSide | null>, onRun: (from: number, to: number, side: SpcSide) => void): void {
	let start = 0;
	for (let i = 1; i <= keys.length; i++) {
		if (i < keys.length && keys[i] !== null && keys[i] === keys[start]) continue;
		const side = keys[start];
		if (side !== null && i - start >= RUN_POINTS) onRun(start, i - 1, side);
		start = i;
	}
}

function flagSegment(values: number[], limits: Limits): Flags {
	const n = values.length;
	const empty = (): Array<SpcSide | null> => Array.from({length: n}, () => null);
	const flags: Flags = {limit: empty(), shift: empty(), trend: empty(), two_of_three: empty()};

	// (1) A point strictly beyond a process limit.
	values.forEach((value, i) => {
		if (exceeds(value, limits.upper)) flags.limit[i] = 'high';
		else if (exceeds(limits.lower, value)) flags.limit[i] = 'low';
	});

	// (2) Shift: 7+ consecutive points strictly on one side of the mean; a point on the mean breaks the run.
	const sides = values.map((value): SpcSide | null =>
		exceeds(value, limits.mean) ? 'high' : exceeds(limits.mean, value) ? 'low' : null,
	);
	eachLongRun(sides, (from, to, side) => flagRun(flags.shift, from, to, side));

	// (3) Trend: 7+ consecutive points strictly rising or falling (6+ steps); a tie breaks it.
	// A turning point can end a rising run and begin a falling one: it keeps the earlier run's side.
	let start = 0;
	let direction: SpcSide | null = null;
	const closeTrend = (end: number): void => {
		if (direction !== null && end - start + 1 >= RUN_POINTS) flagRun(flags.trend, start, end, direction);
	};
	for (let i = 1; i < n; i++) {
		const step: SpcSide | null = exceeds(values[i]!, values[i - 1]!)
			? 'high'
			: exceeds(values[i - 1]!, values[i]!)
				? 'low'
				: null;
		if (step !== null && step === direction) continue;
		closeTrend(i - 1);
		start = step === null ? i : i - 1;
		direction = step;
	}
	closeTrend(n - 1);

	// (4) Two of three consecutive points strictly beyond the same near-limit line: flag the points beyond it
	// (two, or all three), not the window's other point.
	const beyondHigh = values.map((value) => exceeds(value, limits.nearUpper));
	const beyondLow = values.map((value) => exceeds(limits.nearLower, value));
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j <= i + 2 && j < n; j++) {
			if (beyondHigh[i] && beyondHigh[j]) flags.two_of_three[i] = flags.two_of_three[j] = 'high';
			if (beyondLow[i] && beyondLow[j]) flags.two_of_three[i] = flags.two_of_three[j] = 'low';
		}
	}
	return flags;
}

/** Flags of two stretches of one segment, end to end. */
function joinFlags(a: Flags, b: Flags): Flags {
	return {limit: [...a.limit, ...b.limit], shift: [...a.shift, ...b.shift], trend: [...a.trend, ...b.trend], two_of_three: [...a.two_of_three, ...b.two_of_three]};
}

const PRECEDENCE: SpcRule[] = ['limit', 'trend', 'two_of_three', 'shift'];

function variationOf(side: SpcSide | null, polarity: Polarity): Variation {
	if (side === null) return 'common';
	if (polarity === 'none') return side === 'high' ? 'neutral_high' : 'neutral_low';
	return (side === 'high') === (polarity === 'higher') ? 'improvement' : 'concern';
}

function assuranceOf(limits: Limits, target: number | null, polarity: Polarity): Assurance | null {
	if (target === null || !Number.isFinite(target) || polarity === 'none') return null;
	const below = (a: number, b: number): boolean => !exceeds(a, b); // a <= b, within residue
	if (polarity === 'higher') {
		if (below(target, limits.lower)) return 'pass';
		if (exceeds(target, limits.upper)) return 'fail';
		return 'hit_and_miss';
	}
	if (below(limits.upper, target)) return 'pass';
	if (exceeds(limits.lower, target)) return 'fail';
	return 'hit_and_miss';
}

/**
 * XmR limits, special-cause signals and the latest month's variation and assurance verdicts.
 * Null with fewer than 2 (finite) points. Points are sorted by period; gaps between months are fine.
 */
export function computeSpc(points: SpcInputPoint[], options: SpcOptions): SpcResult | null {
	const sorted = points
		.filter((point) => Number.isFinite(point.value))
		.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
	if (sorted.length < 2) return null;

	// A rebase month starts a new segment at the first point on or after it.
	const rebases = (options.rebases ?? []).flatMap((text) => {
		const parsed = parsePeriod(text);
		return parsed.ok ? [parsed.period] : [];
	});
	const first = sorted[0]!.period;
	const keyOf = (period: string): number => rebases.filter((r) => r > first && r <= period).length;

	const segments: SpcInputPoint[][] = [];
	let lastKey = -1;
	for (const point of sorted) {
		const key = keyOf(point.period);
		if (key !== lastKey) segments.push([]);
		segments[segments.length - 1]!.push(point);
		lastKey = key;
	}

	const results: SpcPointResult[] = [];
	let limits: Limits | undefined;
	for (const [index, segment] of segments.entries()) {
		const values = segment.map((point) => point.value);
		limits = limitsOf(values);
		const gap = options.gapBefore === undefined ? -1 : segment.findIndex((point) => point.period >= options.gapBefore!);
		const flags = gap > 0 ? joinFlags(flagSegment(values.slice(0, gap), limits), flagSegment(values.slice(gap), limits)) : flagSegment(values, limits);
		for (const [i, point] of segment.entries()) {
			const rule = PRECEDENCE.find((candidate) => flags[candidate][i] !== null) ?? null;
			results.push({
				period: point.period,
				value: point.value,
				mean: limits.mean,
				upper: limits.upper,
				lower: limits.lower,
				nearUpper: limits.nearUpper,
				nearLower: limits.nearLower,
				rule,
				side: rule === null ? null : flags[rule][i]!,
				segment: index,
			});
		}
	}

	if (limits === undefined) return null; // unreachable: there are at least two points
	const last = results[results.length - 1]!;
	const latestSegment = segments[segments.length - 1]!;
	const latestSegmentSize = latestSegment.length;
	const rebaseSuggested = staleFrom(latestSegment, limits, options.gapBefore);
	const signals: SpcSignal[] = results.flatMap((point) =>
		point.rule !== null && point.side !== null ? [{period: point.period, rule: point.rule, side: point.side}] : [],
	);
	return {
		mean: limits.mean,
		upper: limits.upper,
		lower: limits.lower,
		nearUpper: limits.nearUpper,
		nearLower: limits.nearLower,
		trial: limits.trial,
		variation: variationOf(last.side, options.polarity),
		// A one-point segment has no spread to judge a target against; stale limits judge nothing.
		assurance: latestSegmentSize < 2 || rebaseSuggested !== null ? null : assuranceOf(limits, options.target, options.polarity),
		baseline: {from: latestSegment[0]!.period, to: latestSegment[Math.min(BASELINE_POINTS, latestSegmentSize) - 1]!.period},
		rebaseSuggested,
		signals,
		points: results,
	};
}

/**
 * Stale limits: the latest point ends a run of 7+ points strictly on one side of the mean that
 * began after the baseline (the process moved after its limits were fixed). Its first month, or
 * null. A run that began inside the baseline moved the limits with it: not stale. Runs do not
 * join across `gapBefore` (the months a reader left out).
 */
function staleFrom(segment: SpcInputPoint[], limits: Limits, gapBefore?: string): string | null {
	if (segment.length <= BASELINE_POINTS) return null;
	const sideOf = (value: number): SpcSide | null => (exceeds(value, limits.mean) ? 'high' : exceeds(limits.mean, value) ? 'low' : null);
	const end = segment.length - 1;
	const side = sideOf(segment[end]!.value);
	if (side === null) return null;
	const gap = gapBefore === undefined ? -1 : segment.findIndex(point => point.period >= gapBefore);
	let start = end;
	while (start > 0 && start !== gap && sideOf(segment[start - 1]!.value) === side) start--;
	if (end - start + 1 < RUN_POINTS || start < BASELINE_POINTS) return null;
	return segment[start]!.period;
}

