import {performance} from 'node:perf_hooks';
import {openStoreReadOnly, readIndicatorSeries} from '../../source/store/queries.js';
import {readScorecard} from '../../source/store/read-scorecard.js';

// The grid's and the detail view's reads, in process, on the big store: the code the console runs.

export type QueryTimes = {
	countMs: number[];
	scorecardMs: number[];
	gridMs: number[];
	seriesMs: number[];
	fullScorecardMs: number[];
	rows: {measures: number; serviceSeries: number; indicatorSeries: number};
};

async function time<T>(runs: number, work: () => Promise<T>): Promise<{ms: number[]; last: T}> {
	// One untimed run first: the page cache and SQLite's schema parse are not what is measured.
	let last = await work();
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		last = await work();
		ms.push(performance.now() - started);
	}
	return {ms, last};
}

export async function timeQueries(db: string, options: {runs: number; indicator: string; fullRuns: number}): Promise<QueryTimes> {
	const connection = await openStoreReadOnly(db);
	try {
		const count = await time(options.runs, () => connection.get<{n: number}>('SELECT count(*) AS n FROM measures'));
		const latest = (await readScorecard(connection)).latest;
		// The first frame's read (the grid alone), then the read every later refresh makes (teams too).
		const grid = await time(options.runs, () => readScorecard(connection, {period: latest, teams: false}));
		const scorecard = await time(options.runs, () => readScorecard(connection, {period: latest}));
		const series = await time(options.runs, () => readIndicatorSeries(connection, options.indicator, latest));
		// The agenda's and --json's read (every team's history): reported, no target.
		const full = await time(options.fullRuns, () => readScorecard(connection, {period: latest, full: true}));
		return {
			countMs: count.ms,
			scorecardMs: scorecard.ms,
			gridMs: grid.ms,
			seriesMs: series.ms,
			fullScorecardMs: full.ms,
			rows: {
				measures: count.last?.n ?? 0,
				serviceSeries: scorecard.last.scorecard.indicators.reduce((sum, row) => sum + row.series.length, 0),
				indicatorSeries: series.last.length,
			},
		};
	} finally {
		await connection.close();
	}
}
