import {buildScorecard, type Scorecard} from '../domain/scorecard.js';
import {ALL_TEAM} from '../domain/types.js';
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
	readServiceSeries,
	readTeams,
	type LoadInfo,
	type TeamDef,
} from './queries.js';
import {addMonths} from '../domain/periods.js';

export type ScorecardView = {
	scorecard: Scorecard;
	/** Every month with figures, oldest first. */
	periods: string[];
	latest: string;
	teams: TeamDef[];
	lastLoad: LoadInfo | null;
};

/**
 * The scorecard for a month (default: the newest). `full` reads every team's history so team
 * SPC can be computed (JSON, agenda); the grid needs only the whole service's history.
 */
export async function readScorecard(c: Connection, options: {period?: string; full?: boolean} = {}): Promise<ScorecardView> {
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
	const measures = options.full
		? await readAllSeries(c, period)
		: [...(await readServiceSeries(c, period)), ...(await readMonths(c, [addMonths(period, -1), period])).filter(row => row.team !== ALL_TEAM)];
	const scorecard = buildScorecard({period, indicators, teams, measures, benchmarks, commentary, rebases, teamSpc: options.full});
	return {scorecard, periods, latest, teams, lastLoad};
}
