import type {AgendaInput} from '../domain/agenda.js';
import {coverageMonths, latestComplete, partialMonth} from '../domain/coverage.js';
import {addMonths} from '../domain/periods.js';
import {buildScorecard, type SpcLookup} from '../domain/scorecard.js';
import {serviceName, type ScorecardView} from '../domain/scorecard-view.js';
import {spcApplies} from '../domain/spc.js';
import {readWholeService} from './catalogue.js';
import {ALL_TEAM, type IndicatorDef, type MeasureRow} from '../domain/types.js';
import {StoreError, type Connection} from './connection.js';
import {
	readBenchmarks,
	readCommentary,
	readCoverage,
	readIndicators,
	readLastLoad,
	readMeasureRevisions,
	readMonths,
	readPeriods,
	readRebases,
	readSeriesHistories,
	readServiceWindow,
	readSettings,
	readTeams,
} from './queries.js';
import {readPublishedBenchmarks} from './published.js';
import {readSnapshot} from './snapshot.js';
import {readStoredSpc, type StoredSpc} from './spc-table.js';

// A scorecard read: every statement inside one read transaction (store/snapshot.ts), then the
// domain computes from what was read. What is read is what is shown: the whole service's last
// SHOWN_MONTHS, the teams' months shown, and each series' SPC as the store computed it when the
// load committed (store/spc-table.ts); a series' whole history only where the store has no SPC
// for it (a month older than its latest three, or a store filled by another engine).

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

/**
 * The figures a scorecard for `months` (the newest last) shows, with its SPC: the whole service's
 * last SHOWN_MONTHS, the teams' figures of those months and the month before each (for their
 * trend), and each series' SPC for each month (the teams' too with `teamSpc`). Inside the
 * caller's snapshot.
 */
async function readFigures(c: Connection, catalogue: Promise<{indicators: readonly IndicatorDef[]}>, months: readonly string[], options: {teams: boolean; teamSpc: boolean}) {
	const period = months.at(-1)!;
	const teamMonths = options.teams ? [...new Set(months.flatMap(month => [addMonths(month, -1), month]))].sort() : [];
	const [service, teams, stored] = await Promise.all([
		readServiceWindow(c, addMonths(period, -(SHOWN_MONTHS - 1)), period),
		teamMonths.length > 0 ? readMonths(c, teamMonths) : [],
		readStoredSpc(c, months, !options.teamSpc),
	]);
	const measures = [...service, ...teams.filter(row => row.team !== ALL_TEAM)];
	const {indicators} = await catalogue;
	const histories = await readSeriesHistories(c, missingSpc(indicators, measures, months, stored, options.teamSpc), period);
	const spc: SpcLookup = (indicator, team, month) => stored?.get(indicator, team, month);
	return {measures: histories.length > 0 ? [...measures, ...histories] : measures, spc};
}

/** The SPC series (whole service, and teams with `teamSpc`) with a figure in one of `months` whose SPC the store does not hold. */
function missingSpc(indicators: readonly IndicatorDef[], measures: readonly MeasureRow[], months: readonly string[], stored: StoredSpc | null, teamSpc: boolean): Array<[string, string]> {
	const spc = new Set(indicators.filter(def => spcApplies(def.measure)).map(def => def.code));
	const wanted = new Set(months);
	const missing = new Map<string, [string, string]>();
	for (const row of measures) {
		if (!wanted.has(row.period) || !spc.has(row.indicator) || (!teamSpc && row.team !== ALL_TEAM)) continue;
		if (stored?.get(row.indicator, row.team, row.period) === undefined) missing.set(`${row.indicator}\u0000${row.team}`, [row.indicator, row.team]);
	}
	return [...missing.values()];
}

const windowOf = (period: string) => ({showFrom: addMonths(period, -(SHOWN_MONTHS - 1))});

type ScorecardRead = Awaited<ReturnType<typeof readScorecardParts>>;

/** What a scorecard is made from, read inside the caller's snapshot. `full` (JSON) has the teams' SPC; `teams: false` (the grid) no team figures. */
export async function readScorecardParts(c: Connection, options: ReadOptions = {}) {
	const withTeams = options.teams ?? true;
	const full = options.full === true;
	const frame = await readFrame(c, options.period);
	// The figures' statements queue behind the catalogue's: SQLite reads them while the catalogue is mapped.
	const reading = readCatalogue(c, [frame.period]);
	const figuring = readFigures(c, reading, [frame.period], {teams: full || withTeams, teamSpc: full});
	// All settled before any failure is thrown: the snapshot ends (COMMIT) with none of its statements running.
	await Promise.allSettled([reading, figuring]);
	const [catalogue, figures] = await Promise.all([reading, figuring]);
	return {frame, catalogue, ...figures};
}

/** The scorecard from what was read. */
export function buildScorecardView(read: ScorecardRead, options: ReadOptions = {}): ScorecardView {
	const {frame, catalogue, measures, spc} = read;
	const scorecard = buildScorecard({period: frame.period, ...catalogue, measures, spc, window: windowOf(frame.period), teamSpc: options.full === true});
	return viewOf(scorecard, frame, catalogue);
}

/**
 * The scorecard for a month (default: the newest that is not partial). `full` (JSON, agenda) has
 * the teams' SPC; the console's grid reads only what it shows (and, with `teams: false`, not the
 * teams' figures).
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
	const reading = readCatalogue(c, months);
	const figuring = readFigures(c, reading, months, {teams: true, teamSpc: true});
	const revising = reading.then(({lastLoad}) => (lastLoad ? readMeasureRevisions(c, lastLoad.id, frame.period) : []));
	await Promise.allSettled([reading, figuring, revising]);
	const [catalogue, figures, revisions] = await Promise.all([reading, figuring, revising]);
	return {frame, catalogue, ...figures, revisions, before: months.length === 2 ? before : null};
}

/** The agenda's input from what was read. */
export function buildAgendaInput(read: AgendaRead): AgendaInput & {view: ScorecardView} {
	const {frame, catalogue, measures, spc, revisions} = read;
	const build = (period: string) => buildScorecard({period, ...catalogue, measures, spc, window: windowOf(period), teamSpc: true});
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
