import type {AgendaInput} from '../domain/agenda.js';
import {coverageMonths, latestComplete, partialMonth} from '../domain/coverage.js';
import {addMonths} from '../domain/periods.js';
import {buildScorecard} from '../domain/scorecard.js';
import {serviceName, type ScorecardView} from '../domain/scorecard-view.js';
import {readWholeService} from './catalogue.js';
import {ALL_TEAM} from '../domain/types.js';
import {StoreError, type Connection} from './connection.js';
import {
	readAllSeries,
	readBenchmarks,
	readCommentary,
	readCoverage,
	readIndicators,
	readLastLoad,
	readMeasureRevisions,
	readMonths,
	readPeriods,
	readRebases,
	readServiceSeries,
	readSettings,
	readTeams,
} from './queries.js';
import {readPublishedBenchmarks} from './published.js';
import {readSnapshot} from './snapshot.js';

// A scorecard read: every statement inside one read transaction (store/snapshot.ts), then the
// domain computes from what was read. Never store, domain, store again.

/** Months of the whole service's history the console shows (detail chart; the sparkline shows 24). */
export const SHOWN_MONTHS = 36;

type ReadOptions = {period?: string; full?: boolean; teams?: boolean};

/** The months held, the month to show (default: the newest that is not partial) and its coverage. */
async function readFrame(c: Connection, requested: string | undefined) {
	const periods = await readPeriods(c);
	const latest = periods.at(-1);
	if (!latest) throw new StoreError(`${c.path}: the store has no figures yet (load some: npm run load -- FILE...)`);
	if (requested !== undefined && !periods.includes(requested)) {
		throw new StoreError(`${c.path}: no figures for ${requested} (months held: ${periods[0]} to ${latest})`);
	}
	const counts = await readCoverage(c, coverageMonths(periods, requested));
	const following = latestComplete(periods, counts) ?? latest;
	const period = requested ?? following;
	const latestPartial = partialMonth(periods, counts, latest);
	return {
		periods,
		latest,
		period,
		following,
		coverage: partialMonth(periods, counts, period),
		newerPartial: latestPartial && latest !== period ? latestPartial : null,
	};
}

async function readCatalogue(c: Connection, periods: string[]) {
	const [indicators, teams, rebases, lastLoad, settings, wholeService] = await Promise.all([
		readIndicators(c),
		readTeams(c),
		readRebases(c),
		readLastLoad(c),
		readSettings(c),
		readWholeService(c),
	]);
	const benchmarks = (await Promise.all(periods.map(period => readBenchmarks(c, period)))).flat();
	const commentary = (await Promise.all(periods.map(period => readCommentary(c, period)))).flat();
	// DfE's years up to the last month read: each month shows the latest on or before it.
	const published = await readPublishedBenchmarks(c, periods.reduce((a, b) => (a > b ? a : b)));
	return {indicators, teams, rebases, lastLoad, settings, benchmarks, published, commentary, serviceName: serviceName(wholeService?.name)};
}

type ScorecardRead = Awaited<ReturnType<typeof readScorecardParts>>;

/** What a scorecard is made from, read inside the caller's snapshot. */
export async function readScorecardParts(c: Connection, options: ReadOptions = {}) {
	const withTeams = options.teams ?? true;
	const frame = await readFrame(c, options.period);
	const {period} = frame;
	const catalogue = await readCatalogue(c, [period]);
	if (options.full) return {frame, catalogue, measures: await readAllSeries(c, period), window: undefined};
	// The grid reads the whole service's history (SPC limits come from every month of a
	// segment, and runs cross recalculations) and the teams' last two months: not every team's
	// figure of every month. It shows the last SHOWN_MONTHS of it.
	const showFrom = addMonths(period, -(SHOWN_MONTHS - 1));
	const [service, months] = await Promise.all([readServiceSeries(c, period), withTeams ? readMonths(c, [addMonths(period, -1), period]) : []]);
	const measures = [...service, ...months.filter(row => row.team !== ALL_TEAM)];
	return {frame, catalogue, measures, window: {showFrom}};
}

/** The scorecard from what was read. */
export function buildScorecardView(read: ScorecardRead, options: ReadOptions = {}): ScorecardView {
	const {frame, catalogue, measures, window} = read;
	const scorecard = buildScorecard({period: frame.period, ...catalogue, measures, window, teamSpc: options.full === true});
	return viewOf(scorecard, frame, catalogue);
}

/**
 * The scorecard for a month (default: the newest that is not partial). `full` reads every figure,
 * so SPC is computed on whole histories, teams' included (JSON, agenda); the console's grid reads
 * only what it shows (and, with `teams: false`, not the teams' figures).
 */
export async function readScorecard(c: Connection, options: ReadOptions = {}): Promise<ScorecardView> {
	return buildScorecardView(await readSnapshot(c, () => readScorecardParts(c, options)), options);
}

type AgendaRead = Awaited<ReturnType<typeof readAgendaParts>>;

/** What the agenda compares, read inside the caller's snapshot. */
export async function readAgendaParts(c: Connection, requested?: string) {
	const frame = await readFrame(c, requested);
	const before = addMonths(frame.period, -1);
	const months = frame.periods.includes(before) ? [before, frame.period] : [frame.period];
	const catalogue = await readCatalogue(c, months);
	const measures = await readAllSeries(c, frame.period);
	const revisions = catalogue.lastLoad ? await readMeasureRevisions(c, catalogue.lastLoad.id, frame.period) : [];
	return {frame, catalogue, measures, revisions, before: months.length === 2 ? before : null};
}

/** The agenda's input from what was read. */
export function buildAgendaInput(read: AgendaRead): AgendaInput & {view: ScorecardView} {
	const {frame, catalogue, measures, revisions} = read;
	const build = (period: string) => buildScorecard({period, ...catalogue, measures, teamSpc: true});
	const current = build(frame.period);
	const view = viewOf(current, frame, catalogue);
	return {
		period: frame.period,
		current,
		previous: read.before ? build(read.before) : null,
		teams: catalogue.teams,
		serviceName: catalogue.serviceName,
		revisions,
		coverage: frame.coverage,
		newerPartial: frame.newerPartial,
		reportingYearStart: catalogue.settings.reporting_year_start,
		view,
	};
}

/**
 * What the stand-up agenda compares, from one read: the month (default: the newest that is not
 * partial) and the month before, both with team SPC, and what the last load revised.
 */
export async function readAgendaInput(c: Connection, requested?: string): Promise<AgendaInput & {view: ScorecardView}> {
	return buildAgendaInput(await readSnapshot(c, () => readAgendaParts(c, requested)));
}

/** What a view shows besides the scorecard: the months held and how the store stands. */
function viewOf(
	scorecard: ScorecardView['scorecard'],
	frame: Pick<ScorecardView, 'periods' | 'latest' | 'following' | 'coverage' | 'newerPartial'>,
	catalogue: Pick<ScorecardView, 'teams' | 'lastLoad' | 'serviceName'>,
): ScorecardView {
	return {
		scorecard,
		periods: frame.periods,
		latest: frame.latest,
		teams: catalogue.teams,
		serviceName: catalogue.serviceName,
		lastLoad: catalogue.lastLoad,
		following: frame.following,
		coverage: frame.coverage,
		newerPartial: frame.newerPartial,
	};
}
