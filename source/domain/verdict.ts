import {spcApplies, type SpcResult} from './spc.js';
import {VARIATION_LABELS, assuranceWords, describeLatestSignal, describeStaleLimits, spcStatusWords} from './spc-words.js';
import {MEASURE_LABELS, type Measure} from './types.js';

// SPC's verdicts for one indicator in one line of words, from the domain's own words (the
// detail's head says the same): variation, the latest month's rule, assurance, or why there is
// no verdict. For --print's minutes, where there is no width to cut to.

export function spcVerdictWords(row: {spc: SpcResult | null; measure: Measure; value: number | null}): string {
	const spc = row.spc;
	if (!spcApplies(row.measure)) return `not applicable (${MEASURE_LABELS[row.measure]})`;
	if (row.value === null) return 'no figure this month';
	if (!spc) return 'no months to judge';
	const status = spcStatusWords(spc);
	if (status !== null || spc.variation === null) return status ?? 'no verdict';
	const signal = describeLatestSignal(spc);
	const assured = assuranceWords(spc);
	const stale = assured === null ? describeStaleLimits(spc) : null;
	return [`${VARIATION_LABELS[spc.variation]}${signal ? `, ${signal}` : ''}`, assured ?? stale].filter(Boolean).join('; ');
}
