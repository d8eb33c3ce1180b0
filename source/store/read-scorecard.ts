import {buildScorecard} from '../domain/scorecard.js';
import {ALL_TEAM, type ScorecardView} from '../domain/types.js';
import {StoreError, type Connection} from './connection.js';
import {
	readAllSeries,
	readBenchmarks,
	readCommentary,
	readIndicators,
	readLastLoad,
	readMonths,
	readPeriods,
	readRebases,
	readServiceBaselines,
	readServiceWindow,
	readTeams,
} from './queries.js';
import {addMonths} from '../domain/periods.js';

/** Months of the whole service's history the console shows (detail chart; the sparkline shows 24). */
export const SHOWN_MONTHS = 36;
// A special-cause run is 7 points: 6 months before the first shown let every shown run be seen whole.
const RUN_CONTEXT_MONTHS = 6;


/**
 * The scorecard for a month (default: the newest). `full` reads every figure, so SPC is computed on
 * whole histories, teams' included (JSON, agenda); the console's grid reads only what it shows.
 */
export async function readScorecard(c: Connection, options: {period?: string; full?: boolean; teams?: boolean} = {}): Promise<ScorecardView> {
	const periods = await readPeriods(c);
	const latest = periods.at(-1);
	if (!latest) throw new StoreError(`${c.path}: the store has no figures yet (load some: npm run load -- FILE...)`);
	const period = options.period ?? latest;
	if (!periods.includes(period)) throw new StoreError(`${c.path}: no figures for ${period} (months held: ${periods[0]} to ${latest})`);

	const [indicators, teams, rebases, benchmarks, commentary, lastLoad] = await Promise.all([
		readIndicators(c),
		readTeams(c),
		readRebases(c),
		readBenchmarks(c, period),
		readCommentary(c, period),
		readLastLoad(c),
	]);
	if (options.full) {
		const measures = await readAllSeries(c, period);
		const scorecard = buildScorecard({period, indicators, teams, measures, benchmarks, commentary, rebases, teamSpc: true});
		return {scorecard, periods, latest, teams, lastLoad};
	}
	// The grid reads the months it shows (and six before them, so SPC runs are seen whole), each
	// indicator's SPC baseline, and the teams' last two months: not ten years of every figure.
	const gapBefore = addMonths(period, -(SHOWN_MONTHS + RUN_CONTEXT_MONTHS - 1));
	const showFrom = addMonths(period, -(SHOWN_MONTHS - 1));
	const withTeams = options.teams ?? true;
	const [recent, baselines, months] = await Promise.all([
		readServiceWindow(c, gapBefore, period),
		readServiceBaselines(c, gapBefore, period),
		withTeams ? readMonths(c, [addMonths(period, -1), period]) : [],
	]);
	const measures = [...baselines, ...recent, ...months.filter(row => row.team !== ALL_TEAM)];
	const scorecard = buildScorecard({period, indicators, teams, measures, benchmarks, commentary, rebases, window: {gapBefore, showFrom}});
	if (!withTeams) return {scorecard, periods, latest, teams, lastLoad, partial: true};
	return {scorecard, periods, latest, teams, lastLoad};
}
