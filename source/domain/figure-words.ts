// A month's figure and target in the words a manager hears: the decimal that explains a red or an
// amber when rounding hides it, a cumulative count's pro-rata target, a small denominator's
// counts. Pure; the grid, the detail and the agenda say them the same way.
import type {Polarity, Rag, Unit} from './types.js';
import {formatExplaining, formatNumber, formatValue} from './units.js';
import type {ProRata} from './scorecard.js';

export type RatedFigure = {unit: Unit; polarity: Polarity; value: number | null; rag: Rag; target: number | null; amber: number | null};

/**
 * The line a red or amber figure missed: the target for an amber (or a red without an amber
 * band), the amber band's far edge for a red with one.
 */
function missedLine(figure: RatedFigure): number | null {
	if (figure.target === null || figure.polarity === 'none') return null;
	if (figure.rag === 'amber' || (figure.rag === 'red' && figure.amber === null)) return figure.target;
	if (figure.rag === 'red') return figure.polarity === 'higher' ? figure.target - figure.amber! : figure.target + figure.amber!;
	return null;
}

/** `92%`; a red or amber at the decimal that shows why: 849/1000 against 85% is `84.9%`, not `85%`. */
export function figureText(figure: RatedFigure): string {
	const line = missedLine(figure);
	if (line === null || figure.polarity === 'none') return formatValue(figure.unit, figure.value);
	return formatExplaining(figure.unit, figure.value, line, figure.polarity);
}

/** `target 85%`; a cumulative count's pro-rata share: `target 30 (3 months of the 120 a year)`. */
export function targetText(unit: Unit, target: number | null, proRata: ProRata | null): string {
	if (target === null) return 'no target';
	if (proRata === null) return `target ${formatValue(unit, target)}`;
	const share = Number.isInteger(target) ? formatValue(unit, target) : formatNumber(target, 1);
	return `target ${share} (${proRata.months} month${proRata.months === 1 ? '' : 's'} of the ${formatValue(unit, proRata.annual)} a year)`;
}

/** Denominators this small move a percentage 5 points or more a case: their counts are said too. */
export const SMALL_DENOMINATOR = 20;

/** `60% (3 of 5)` for a percentage of a small denominator; the figure alone otherwise. */
export function withCounts(text: string, unit: Unit, numerator: number | null, denominator: number | null): string {
	if (unit !== 'percent' || numerator === null || denominator === null || denominator > SMALL_DENOMINATOR) return text;
	return `${text} (${formatNumber(numerator)} of ${formatNumber(denominator)})`;
}
