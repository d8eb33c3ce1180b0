// SPC in words a manager hears right: the verdicts' labels, each rule's words (months in a row,
// "the average", no cases for k months), why no verdict is given, stale limits, and the
// special-cause sentence month by month. Pure, like spc.ts.
import {formatPeriod} from './periods.js';
import type {Assurance, SpcPointResult, SpcResult, SpcRule, SpcSide, Variation} from './spc.js';
import type {Unit} from './types.js';
import {formatMean, formatValue} from './units.js';

export const VARIATION_LABELS: Record<Variation, string> = {
	common: 'Common cause',
	improvement: 'Special cause improvement',
	concern: 'Special cause concern',
	neutral_high: 'Special cause high (neither improvement nor concern)',
	neutral_low: 'Special cause low (neither improvement nor concern)',
};

export const ASSURANCE_LABELS: Record<Assurance, string> = {
	pass: 'Consistently passing',
	fail: 'Consistently failing',
	hit_and_miss: 'Hit and miss',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Words for people: 'beyond the upper limit', '7 months in a row above the average', 'rising 7
 * months in a row', '2 of 3 months near the upper limit'. `months` is how many the rule counted
 * (default: the run length), `zeros` a run of months with no cases.
 */
export function describeSignal(rule: SpcRule, side: SpcSide, months = 7, zeros = false): string {
	const high = side === 'high';
	switch (rule) {
		case 'limit':
			return high ? 'beyond the upper limit' : 'beyond the lower limit';
		case 'shift':
			if (zeros && !high) return `no cases for ${plural(months, 'month')}`;
			return `${plural(months, 'month')} in a row ${high ? 'above' : 'below'} the average`;
		case 'trend':
			return `${high ? 'rising' : 'falling'} ${plural(months, 'month')} in a row`;
		case 'two_of_three':
			return high ? '2 of 3 months near the upper limit' : '2 of 3 months near the lower limit';
	}
}

/** The latest month's special cause in words, or null. */
export function describeLatestSignal(spc: SpcResult): string | null {
	const latest = spc.latest;
	if (latest === null) return null;
	const run = spc.points.slice(-latest.months);
	const zeros = latest.rule === 'shift' && run.length > 0 && run.every(point => point.value === 0);
	return describeSignal(latest.rule, latest.side, latest.months, zeros);
}

/** Why SPC gives no verdict on the latest months, or null when it does. */
export function spcStatusWords(spc: SpcResult): string | null {
	const withheld = spc.withheld;
	if (withheld === null) return null;
	if (withheld.reason === 'too_few') return `too few months for SPC (${withheld.points} of ${withheld.needed})`;
	return 'no variation to judge: every month the same (zero-width limits), so no special cause and no assurance';
}

/**
 * The assurance verdict in words that never contradict the latest point: when the latest month is
 * itself a special cause, the limits describe the months before it, and the words say so.
 */
export function assuranceWords(spc: SpcResult): string | null {
	if (spc.assurance === null) return null;
	const label = ASSURANCE_LABELS[spc.assurance];
	return spc.latest === null ? label : `${label} before this month`;
}

function monthRange(from: string, to: string): string {
	return from === to ? formatPeriod(from) : `${formatPeriod(from)} to ${formatPeriod(to)}`;
}

function baselineWords(spc: SpcResult): string {
	const [fromMonth, fromYear] = formatPeriod(spc.baseline.from).split(' ');
	const [toMonth, toYear] = formatPeriod(spc.baseline.to).split(' ');
	if (spc.baseline.from === spc.baseline.to) return formatPeriod(spc.baseline.from);
	return fromYear === toYear ? `${fromMonth}-${toMonth} ${toYear}` : `${fromMonth} ${fromYear}-${toMonth} ${toYear}`;
}

/**
 * Stale limits in a manager's words: `limits from Jan 2016-Dec 2017 no longer describe this
 * figure: it moved in Jan 2017, so no assurance verdict`. The analyst's instruction is apart
 * (`staleLimitsAction`): it belongs in the detail and in --json, not read aloud.
 */
export function describeStaleLimits(spc: SpcResult): string | null {
	if (spc.rebaseSuggested === null) return null;
	return `limits from ${baselineWords(spc)} no longer describe this figure: it moved in ${formatPeriod(spc.rebaseSuggested)}, so no assurance verdict`;
}

/** What an analyst does about stale limits: `record a recalculation from Jan 2017 (a rebases row) to judge assurance`. */
export function staleLimitsAction(spc: SpcResult): string | null {
	if (spc.rebaseSuggested === null) return null;
	return `record a recalculation from ${formatPeriod(spc.rebaseSuggested)} (a rebases row) to judge assurance`;
}

/**
 * How SPC reached its verdicts, a line each, for the detail: the mean (one more decimal than the
 * figure) and the limits with the months they come from, or why there are none; the rare-event
 * rule where it applies; stale limits with what to do about them.
 */
export function spcWorkings(spc: SpcResult, unit: Unit): string[] {
	const mean = `mean ${formatMean(unit, spc.mean)}`;
	const status = spcStatusWords(spc);
	if (spc.withheld?.reason === 'too_few') return [`${mean}; ${status}: no limits or verdicts until ${spc.withheld.needed}`];
	if (status) return [`${mean}; ${status}`];
	const lines = [`${mean}, process limits ${formatValue(unit, spc.lower)} to ${formatValue(unit, spc.upper)} (from ${baselineWords(spc)})`];
	if (spc.method === 'rare') {
		const below = spc.mean < 1 ? `${spc.runs.low} months in a row with no cases` : `${spc.runs.low} months in a row below the average`;
		lines.push(`fewer than 2 a month: judged as rare events, so only more than ${formatValue(unit, spc.upper)} in a month, ${spc.runs.high} months in a row above the average or ${below} is special cause (each at most 1 in 200 by chance)`);
	}
	const stale = describeStaleLimits(spc);
	const action = staleLimitsAction(spc);
	if (stale && action) lines.push(`${stale}: ${action}`);
	return lines;
}

export type SignalStretch = {from: string; to: string; rule: SpcRule; side: SpcSide; text: string};

/**
 * Special-cause points month by month: consecutive points flagged by the same rule on the same
 * side, each with words for that rule (`Dec 2016 to Nov 2017: 12 months in a row below the average`).
 */
export function signalStretches(points: SpcPointResult[]): SignalStretch[] {
	const stretches: Array<Omit<SignalStretch, 'text'> & {first: number; last: number}> = [];
	points.forEach((point, i) => {
		if (point.rule === null || point.side === null) return;
		const open = stretches.at(-1);
		if (open && open.last === i - 1 && open.rule === point.rule && open.side === point.side && points[i - 1]!.segment === point.segment) {
			open.to = point.period;
			open.last = i;
		} else stretches.push({from: point.period, to: point.period, rule: point.rule, side: point.side, first: i, last: i});
	});
	return stretches.map(({first, last, ...stretch}) => {
		const count = last - first + 1;
		const zeros = stretch.rule === 'shift' && points.slice(first, last + 1).every(point => point.value === 0);
		// A shift's and a trend's points are counted as listed (a point beyond a limit inside the run is named apart).
		const words = describeSignal(stretch.rule, stretch.side, count, zeros);
		return {...stretch, text: `${monthRange(stretch.from, stretch.to)}: ${words}`};
	});
}

/** The special-cause sentence: `Dec 2016 to Nov 2017: 12 months in a row below the average; Dec 2017: beyond the lower limit`. */
export function describeSpecialCause(points: SpcPointResult[]): string | null {
	const stretches = signalStretches(points);
	return stretches.length === 0 ? null : stretches.map(stretch => stretch.text).join('; ');
}
