import {addMonths} from './periods.js';
import {previousSix, ratedTarget, spcOf, targetAt, type IndicatorMonth, type ScorecardSettings, type SeriesPoint, type TeamFigure} from './scorecard.js';
import type {SpcResult} from './spc.js';

// One indicator as one team sees it, and each team's previous six months, from the indicator's
// figures for every team: what the detail shows for a team and in its team table. Pure.

/** One month's figure for a team (the store's measure rows have this shape). */
export type TeamRow = {indicator: string; team: string; period: string; numerator: number | null; denominator: number | null; value: number};

export type TeamHistory = {
	previous6: number | null;
	/** The months shown, oldest first, up to the month. */
	series: SeriesPoint[];
	spc: SpcResult | null;
	previousValue: number | null;
};

/** Each team's history of `indicator` up to its month; `months` is how many the chart shows. */
export function teamHistories(indicator: IndicatorMonth, rows: TeamRow[], period: string, months = 36, settings: ScorecardSettings = {}): Map<string, TeamHistory> {
	const byTeam = new Map<string, Map<string, TeamRow>>();
	for (const row of rows) {
		if (row.indicator !== indicator.code || row.period > period) continue;
		let byPeriod = byTeam.get(row.team);
		if (!byPeriod) byTeam.set(row.team, (byPeriod = new Map()));
		byPeriod.set(row.period, row);
	}
	const showFrom = addMonths(period, -(months - 1));
	const histories = new Map<string, TeamHistory>();
	for (const [team, byPeriod] of byTeam) {
		const sorted = [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
		// SPC on the team's whole history, shown over the chart's window.
		const spc = byPeriod.has(period) ? spcOf(indicator, sorted, period, indicator.rebases, settings) : null;
		histories.set(team, {
			previous6: previousSix(indicator.unit, byPeriod, period),
			series: sorted
				.filter(row => row.period >= showFrom)
				.map(row => ({period: row.period, value: row.value, target: ratedTarget(indicator, targetAt(indicator.targets, row.period), row.period, settings.reporting_year_start).target})),
			spc: spc && {
				...spc,
				points: spc.points.filter(point => point.period >= showFrom),
				signals: spc.signals.filter(signal => signal.period >= showFrom),
			},
			previousValue: byPeriod.get(addMonths(period, -1))?.value ?? null,
		});
	}
	return histories;
}

/**
 * The indicator with a team's figures in place of the whole service's: value, counts, RAG, trend,
 * last month, previous 6, series and SPC. Definition, targets, teams, benchmarks and commentary
 * stay the indicator's. Null when the team has no figure for the month.
 */
export function asTeam(indicator: IndicatorMonth, team: string, history: TeamHistory | undefined): IndicatorMonth | null {
	const figure: TeamFigure | undefined = indicator.teams.find(each => each.team === team);
	if (!figure) return null;
	return {
		...indicator,
		value: figure.value,
		numerator: figure.numerator,
		denominator: figure.denominator,
		rag: figure.rag,
		trend: figure.trend,
		direction: figure.direction,
		previousValue: history?.previousValue ?? (figure.change === null ? null : figure.value - figure.change),
		previous6: history?.previous6 ?? null,
		series: history?.series ?? [],
		spc: history ? history.spc : (figure.spc ?? null),
	};
}
