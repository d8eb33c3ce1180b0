import {formatPeriod} from './periods.js';

// Partial months: a month in which fewer indicators have a whole-service figure than the month
// before it is still being loaded. The console does not move to one on its own, says when it is
// shown, and the agenda raises its missing figures once per indicator.

export type MonthCoverage = {period: string; indicators: number; of: number};

/**
 * The coverage of `period` when it is partial, else null. `periods` are the months held, oldest
 * first; `counts` the whole-service figures per month (missing months count 0).
 */
export function partialMonth(periods: readonly string[], counts: ReadonlyMap<string, number>, period: string): MonthCoverage | null {
	const index = periods.indexOf(period);
	if (index <= 0) return null;
	const before = counts.get(periods[index - 1]!) ?? 0;
	const now = counts.get(period) ?? 0;
	return now < before ? {period, indicators: now, of: before} : null;
}

/** The newest month that is not partial (the newest month when every month is). */
export function latestComplete(periods: readonly string[], counts: ReadonlyMap<string, number>): string | undefined {
	for (let i = periods.length - 1; i >= 0; i--) {
		if (!partialMonth(periods, counts, periods[i]!)) return periods[i];
	}
	return periods.at(-1);
}

/** The months whose counts `partialMonth` and `latestComplete` need: the last few held, and `period` with the one before. */
export function coverageMonths(periods: readonly string[], period?: string, lookBack = 6): string[] {
	const months = new Set(periods.slice(-lookBack));
	const index = period === undefined ? -1 : periods.indexOf(period);
	if (index >= 0) {
		months.add(periods[index]!);
		if (index > 0) months.add(periods[index - 1]!);
	}
	return [...months];
}

/** `Jan 2018 partial: 2 of 14 indicators` */
export function describeCoverage(coverage: MonthCoverage): string {
	return `${formatPeriod(coverage.period)} partial: ${coverage.indicators} of ${coverage.of} indicators`;
}
