import {ASSURANCE_LABELS, VARIATION_LABELS, describeSignal, spcApplies, type SpcResult} from './spc.js';
import {MEASURE_LABELS, type Measure} from './types.js';

// SPC's verdicts for one indicator in one line of words, as the detail's head says them and
// --print writes them for the minutes.

export function spcVerdictWords(row: {spc: SpcResult | null; measure: Measure; value: number | null}): string {
	const spc = row.spc;
	if (!spcApplies(row.measure)) return `SPC does not apply (${MEASURE_LABELS[row.measure]})`;
	if (row.value === null) return 'no figure this month';
	if (!spc) return 'not enough months for process limits';
	const last = spc.points.at(-1);
	const signal = last?.rule && last.side ? ` (${describeSignal(last.rule, last.side)})` : '';
	const assurance = spc.assurance ? `; ${ASSURANCE_LABELS[spc.assurance].toLowerCase()}` : spc.rebaseSuggested ? '; limits stale: no assurance verdict' : '';
	return `${VARIATION_LABELS[spc.variation].toLowerCase()}${signal}${assurance}`;
}
