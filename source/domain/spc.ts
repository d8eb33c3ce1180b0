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

/** Mean as first + mean deviation, so a constant series has exactly its own value as mean. */
function meanOf(values: number[]): number {
	const first = values[0]!;
	let deviation = 0;
	for (const value of values) deviation += value - first;
	return first + deviation / values.length;
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

function segmentOf(values: number[], from: number, to: number, basis: number, options: Required<Pick<SpcOptions, 'runLength' | 'minPoints'>> & SpcOptions): Segment {
	const base = values.slice(from, from + basis);
	const mean = meanOf(base);
	const none = {upper: null, lower: null, nearUpper: null, nearLower: null, runHigh: options.runLength, runLow: options.runLength};
	if (basis < options.minPoints) return {from, to, basis, mean, method: 'xmr', withheld: {reason: 'too_few', points: basis, needed: options.minPoints}, ...none};
	if (options.counts && mean < RARE_MEAN) {
		// A segment of zeros has nothing to judge: zero-width, like a flat XmR series.
		if (!exceeds(mean, 0)) return {from, to, basis, mean, method: 'rare', withheld: {reason: 'flat'}, ...none};
		return {from, to, basis, mean, method: 'rare', withheld: null, ...rareLimits(mean, options.runLength)};
	}
	let ranges = 0;
	for (let i = 1; i < base.length; i++) ranges += Math.abs(base[i]! - base[i - 1]!);
	const mrBar = ranges / (base.length - 1);
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

/** Segments: a recalculation starts one at the first point on or after it; a baseline fixes its segment's limits on the months up to it. */
function segmentsOf(sorted: SpcInputPoint[], options: Required<Pick<SpcOptions, 'runLength' | 'minPoints'>> & SpcOptions): Segment[] {
	const rebases = (options.rebases ?? []).flatMap(rebase => {
		const parsed = parsePeriod(rebase.period);
		return parsed.ok ? [{period: parsed.period, type: rebase.type}] : [];
	});
	const first = sorted[0]!.period;
	const starts = [0];
	const recalculations = rebases.filter(r => r.type === 'recalculate' && r.period > first).map(r => r.period).sort();
	for (const month of recalculations) {
		const at = sorted.findIndex(point => point.period >= month);
		if (at > starts.at(-1)!) starts.push(at);
	}
	const values = sorted.map(point => point.value);
	return starts.map((from, i) => {
		const to = starts[i + 1] ?? sorted.length;
		// The latest baseline month inside the segment: its limits come from the months up to it.
		const inside = rebases.filter(r => r.type === 'baseline' && r.period >= sorted[from]!.period && r.period <= sorted[to - 1]!.period).map(r => r.period).sort();
		const month = inside.at(-1);
		const basis = month === undefined ? to - from : sorted.slice(from, to).filter(point => point.period <= month).length;
		return segmentOf(values, from, to, basis, options);
	});
}

// 1 where a rule flags a point: typed arrays come zeroed, and a load computes thousands of these.
type Marks = {high: Uint8Array; low: Uint8Array};
type Flags = Record<SpcRule, Marks>;

function flagAll(values: number[], segments: Segment[], runLength: number): Flags {
	const n = values.length;
	const marks = (): Marks => ({high: new Uint8Array(n), low: new Uint8Array(n)});
	const flags: Flags = {limit: marks(), shift: marks(), trend: marks(), two_of_three: marks()};
	const segmentAt: Segment[] = [];
	for (const segment of segments) for (let i = segment.from; i < segment.to; i++) segmentAt[i] = segment;
	const judged = (i: number): boolean => segmentAt[i]!.withheld === null;
	const sideOf = (i: number): SpcSide | null => {
		if (!judged(i)) return null;
		const mean = segmentAt[i]!.mean;
		return exceeds(values[i]!, mean) ? 'high' : exceeds(mean, values[i]!) ? 'low' : null;
	};
	const sides = values.map((_, i) => sideOf(i));

	// (1) A point strictly beyond its segment's process limit.
	for (let i = 0; i < n; i++) {
		const s = segmentAt[i]!;
		if (!judged(i)) continue;
		if (exceeds(values[i]!, s.upper!)) flags.limit.high[i] = 1;
		else if (exceeds(s.lower!, values[i]!)) flags.limit.low[i] = 1;
	}

	// (2) Shift: points in a row strictly on one side of their own segment's mean, across
	// recalculations as the tool does; a point on the mean, or unjudged, ends the run.
	let start = 0;
	for (let i = 1; i <= n; i++) {
		if (i < n && sides[i] !== null && sides[i] === sides[start]) continue;
		const side = sides[start];
		if (side !== null) {
			let needed = 0;
			for (let j = start; j < i; j++) needed = Math.max(needed, side === 'high' ? segmentAt[j]!.runHigh : segmentAt[j]!.runLow);
			if (i - start >= needed) for (let j = start; j < i; j++) flags.shift[side][j] = 1;
		}
		start = i;
	}

	// (3) Trend: points in a row each strictly above (below) the one before, no pauses; it may
	// cross the mean and recalculations. A turning point belongs to both runs.
	start = 0;
	let direction: SpcSide | null = null;
	const closeTrend = (end: number): void => {
		if (direction !== null && end - start + 1 >= runLength) for (let j = start; j <= end; j++) flags.trend[direction][j] = 1;
	};
	for (let i = 1; i < n; i++) {
		const step: SpcSide | null = !judged(i) || !judged(i - 1) ? null : exceeds(values[i]!, values[i - 1]!) ? 'high' : exceeds(values[i - 1]!, values[i]!) ? 'low' : null;
		if (step !== null && step === direction) continue;
		closeTrend(i - 1);
		start = step === null ? i : i - 1;
		direction = step;
	}
	closeTrend(n - 1);

	// (4) Two of three: in three points in a row all on one side of the mean, two or three beyond
	// the 2-sigma line on that side; a point beyond the process limit does not count (v5.0).
	const beyond = (i: number, side: SpcSide): boolean => {
		const s = segmentAt[i]!;
		const v = values[i]!;
		return side === 'high' ? exceeds(v, s.nearUpper!) && !exceeds(v, s.upper!) : exceeds(s.nearLower!, v) && !exceeds(s.lower!, v);
	};
	for (let i = 0; i + 2 < n; i++) {
		const side = sides[i];
		if (side === null || sides[i + 1] !== side || sides[i + 2] !== side) continue;
		const hits = [i, i + 1, i + 2].filter(j => beyond(j, side));
		if (hits.length >= 2) for (const j of hits) flags.two_of_three[side][j] = 1;
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

function winner(flags: Flags, i: number, polarity: Polarity): {rule: SpcRule; side: SpcSide; variation: SignalVariation} | null {
	let best: {rule: SpcRule; side: SpcSide; variation: SignalVariation} | null = null;
	const rank = RANK;
	for (const rule of PRECEDENCE) {
		for (const side of SIDES) {
			if (!flags[rule][side][i]) continue;
			const variation = colourOf(side, polarity);
			if (best === null || rank[variation] < rank[best.variation]) best = {rule, side, variation};
		}
	}
	return best;
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
function sortedPoints(points: SpcInputPoint[]): SpcInputPoint[] {
	return points.filter(point => Number.isFinite(point.value)).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

export type SpcPointFlags = {period: string; value: number; flags: Array<{rule: SpcRule; side: SpcSide}>};

/** Every rule that flags each point (computeSpc shows one per point): for the detail's workings and the peers' rule-by-rule tests. */
export function spcRuleFlags(points: SpcInputPoint[], options: SpcOptions): SpcPointFlags[] {
	const sorted = sortedPoints(points);
	if (sorted.length === 0) return [];
	const settings = {...options, runLength: options.runLength ?? DEFAULT_RUN_LENGTH, minPoints: options.minPoints ?? DEFAULT_MIN_POINTS};
	const values = sorted.map(point => point.value);
	const flags = flagAll(values, segmentsOf(sorted, settings), settings.runLength);
	return sorted.map((point, i) => ({
		period: point.period,
		value: point.value,
		flags: PRECEDENCE.flatMap(rule => (['high', 'low'] as const).filter(side => flags[rule][side][i]).map(side => ({rule, side}))),
	}));
}

/**
 * XmR limits, special-cause points and the latest month's variation and assurance, as the tool
 * shows them. Null with no (finite) points. Points are sorted by period; missing months are skipped.
 */
export function computeSpc(points: SpcInputPoint[], options: SpcOptions): SpcResult | null {
	const sorted = sortedPoints(points);
	if (sorted.length === 0) return null;
	const settings = {...options, runLength: options.runLength ?? DEFAULT_RUN_LENGTH, minPoints: options.minPoints ?? DEFAULT_MIN_POINTS};
	const segments = segmentsOf(sorted, settings);
	const values = sorted.map(point => point.value);
	const flags = flagAll(values, segments, settings.runLength);
	const {range, polarity} = options;

	const results: SpcPointResult[] = [];
	const signals: SpcSignal[] = [];
	const lastIndex = sorted.length - 1;
	let last: SpcPointResult | undefined;
	for (const [index, segment] of segments.entries()) {
		const upper = clamp(segment.upper, range);
		const lower = clamp(segment.lower, range);
		const nearUpper = clamp(segment.nearUpper, range);
		const nearLower = clamp(segment.nearLower, range);
		for (let i = segment.from; i < segment.to; i++) {
			const flag = segment.withheld === null ? winner(flags, i, polarity) : null;
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
		latest: last.rule === null || last.side === null || last.variation === null ? null : {period: last.period, rule: last.rule, side: last.side, variation: last.variation, months: monthsOf(flags, last.rule, last.side, values.length - 1)},
		signals,
		points: results,
	};
}

/** Points in a row flagged by `rule` on `side`, ending at `end` (two of three: those in the last three). */
function monthsOf(flags: Flags, rule: SpcRule, side: SpcSide, end: number): number {
	const marks = flags[rule][side];
	if (rule === 'two_of_three') return [end, end - 1, end - 2].filter(i => i >= 0 && marks[i]).length;
	let start = end;
	while (start > 0 && marks[start - 1]) start--;
	return rule === 'limit' ? 1 : end - start + 1;
}

/**
 * Stale limits (an addition to the tool): the latest point ends a shift, within the latest
 * segment, that began after the months its limits were meant to describe: its first
 * `basis` months when a baseline is set, else its first `minPoints - 1`. The shift's first month, or null.
 */
function staleFrom(sorted: SpcInputPoint[], values: number[], segment: Segment, minPoints: number): string | null {
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
