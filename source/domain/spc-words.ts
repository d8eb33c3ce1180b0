// SPC in words for people: the verdicts' labels, each rule's words, stale limits and the
// special-cause sentence month by month. Pure, like spc.ts.
import {formatPeriod} from './periods.js';
import type {Assurance, SpcPointResult, SpcResult, SpcRule, SpcSide, Variation} from './spc.js';

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

/** Words for people: 'beyond the upper limit', '7+ points above the mean', 'rising trend', ... */
export function describeSignal(rule: SpcRule, side: SpcSide): string {
	const high = side === 'high';
	switch (rule) {
		case 'limit':
			return high ? 'beyond the upper limit' : 'beyond the lower limit';
		case 'shift':
			return high ? '7+ points above the mean' : '7+ points below the mean';
		case 'trend':
			return high ? 'rising trend' : 'falling trend';
		case 'two_of_three':
			return high ? '2 of 3 points near the upper limit' : '2 of 3 points near the lower limit';
	}
}

function monthRange(from: string, to: string): string {
	return from === to ? formatPeriod(from) : `${formatPeriod(from)} to ${formatPeriod(to)}`;
}

/** `limits from Jan-Dec 2016 no longer describe this figure: it moved in Jan 2017; record a rebase to judge assurance` */
export function describeStaleLimits(spc: SpcResult): string | null {
	if (spc.rebaseSuggested === null) return null;
	const [fromMonth, fromYear] = formatPeriod(spc.baseline.from).split(' ');
	const [toMonth, toYear] = formatPeriod(spc.baseline.to).split(' ');
	const baseline = fromYear === toYear ? `${fromMonth}-${toMonth} ${toYear}` : `${fromMonth} ${fromYear}-${toMonth} ${toYear}`;
	return `limits from ${baseline} no longer describe this figure: it moved in ${formatPeriod(spc.rebaseSuggested)}; record a rebase to judge assurance`;
}

export type SignalStretch = {from: string; to: string; rule: SpcRule; side: SpcSide; text: string};

/**
 * Special-cause points month by month: consecutive points flagged by the same rule on the same
 * side, each with words for that rule (`Dec 2016 to Nov 2017: 12 points below the mean`).
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
		let words = describeSignal(stretch.rule, stretch.side);
		// A shift's points are counted as listed (a point beyond a limit inside the run is named apart).
		if (stretch.rule === 'shift') words = `${count} point${count === 1 ? '' : 's'} ${stretch.side === 'high' ? 'above' : 'below'} the mean`;
		return {...stretch, text: `${monthRange(stretch.from, stretch.to)}: ${words}`};
	});
}

/** The special-cause sentence: `Dec 2016 to Nov 2017: 12 points below the mean; Dec 2017: beyond the lower limit`. */
export function describeSpecialCause(points: SpcPointResult[]): string | null {
	const stretches = signalStretches(points);
	return stretches.length === 0 ? null : stretches.map(stretch => stretch.text).join('; ');
}
