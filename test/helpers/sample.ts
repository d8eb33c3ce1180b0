import {INDICATORS, MONTHS, TEAMS} from '../../scripts/make-samples.js';
import {formatPeriod} from '../../source/domain/periods.js';

// The sample's facts, read from its own generator (scripts/make-samples.ts), for tests that need
// them: a change to the sample changes these, not every test that names them.

const latest = MONTHS.at(-1)!;
const last = INDICATORS.at(-1)!;

export const SAMPLE = {
	/** The newest month, YYYY-MM, and as the console writes it ("Dec 2017"). */
	latest,
	latestMonth: formatPeriod(latest),
	/** The month before it, as the console writes it. */
	previousMonth: formatPeriod(MONTHS.at(-2)!),
	months: MONTHS,
	indicators: INDICATORS,
	teams: TEAMS,
	/** The header of the grid on the newest month: "Scorecard Dec 2017". */
	header: `Scorecard ${formatPeriod(latest)}`,
	/** The last indicator's title as far as the grid always shows it (its first three words): on screen, the grid is drawn. */
	lastTitle: last.title.split(' ').slice(0, 3).join(' '),
	lastIndicator: last,
};

/** An indicator of the sample by code. */
export function sampleIndicator(code: string): (typeof INDICATORS)[number] {
	const found = INDICATORS.find(indicator => indicator.code === code);
	if (!found) throw new Error(`no indicator ${code} in the sample`);
	return found;
}
