import type {Benchmark, Measure, Polarity, Unit} from '../domain/types.js';
import {ALL_TEAM} from '../domain/types.js';
import {Connection} from './connection.js';
import {checkStore} from './migrations.js';

// The read side of the store: everything the console and the printed scorecard show.

export type TargetVersion = {effectiveFrom: string; target: number | null; amber: number | null};

export type IndicatorDef = {
	code: string;
	number: number;
	title: string;
	unit: Unit;
	polarity: Polarity;
	measure: Measure;
	definition: string;
	/** Oldest first. */
	targets: TargetVersion[];
};

export type TeamDef = {code: string; name: string; population: number | null};

export type MeasureRow = {
	team: string;
	indicator: string;
	period: string;
	numerator: number | null;
	denominator: number | null;
	value: number;
};

export type BenchmarkRow = {indicator: string; benchmark: Benchmark; period: string; value: number};
export type CommentaryRow = {indicator: string; period: string; text: string};
export type RebaseRow = {indicator: string; period: string; reason: string};
export type CaseloadRow = {team: string; service: string; fte: number; caseload: number};
export type LoadInfo = {id: number; loadedAt: string; osUser: string};
export type RevisionRow = {kind: string; key: string; previous: string};

/** Open an existing store for reading: never creates, never migrates. */
export async function openStoreReadOnly(path: string): Promise<Connection> {
	const connection = await Connection.open(path, {readonly: true});
	try {
		await checkStore(connection);
	} catch (error) {
		await connection.close().catch(() => undefined);
		throw error;
	}
	return connection;
}

export async function readIndicators(c: Connection): Promise<IndicatorDef[]> {
	const rows = await c.all<Omit<IndicatorDef, 'targets'>>(
		'SELECT code, number, title, unit, polarity, measure, definition FROM indicators ORDER BY number, code',
	);
	const targets = await c.all<{indicator: string; effective_from: string; target: number | null; amber: number | null}>(
		'SELECT indicator, effective_from, target, amber FROM targets ORDER BY indicator, effective_from',
	);
	const byIndicator = new Map<string, TargetVersion[]>();
	for (const t of targets) {
		const list = byIndicator.get(t.indicator) ?? [];
		list.push({effectiveFrom: t.effective_from, target: t.target, amber: t.amber});
		byIndicator.set(t.indicator, list);
	}
	return rows.map(row => ({...row, targets: byIndicator.get(row.code) ?? []}));
}

export async function readTeams(c: Connection): Promise<TeamDef[]> {
	return c.all<TeamDef>('SELECT code, name, population FROM teams ORDER BY code');
}

/** Every month that has a figure, oldest first. */
export async function readPeriods(c: Connection): Promise<string[]> {
	const rows = await c.all<{period: string}>('SELECT DISTINCT period FROM measures ORDER BY period');
	return rows.map(row => row.period);
}

/** One team's figures for every indicator up to a month, oldest first (SPC needs the whole history). */
export async function readTeamSeries(c: Connection, team: string, upTo: string): Promise<MeasureRow[]> {
	return c.all<MeasureRow>(
		'SELECT team, indicator, period, numerator, denominator, value FROM measures WHERE team = ? AND period <= ? ORDER BY indicator, period',
		[team, upTo],
	);
}

/** The whole service's figures: the grid's one big query. */
export async function readServiceSeries(c: Connection, upTo: string): Promise<MeasureRow[]> {
	return readTeamSeries(c, ALL_TEAM, upTo);
}

/** Every team's figures for one indicator up to a month (detail view, team SPC). */
export async function readIndicatorSeries(c: Connection, indicator: string, upTo: string): Promise<MeasureRow[]> {
	return c.all<MeasureRow>(
		'SELECT team, indicator, period, numerator, denominator, value FROM measures WHERE indicator = ? AND period <= ? ORDER BY team, period',
		[indicator, upTo],
	);
}

/** Every team's figures for the given months (team matrix, team breakdowns). */
export async function readMonths(c: Connection, periods: string[]): Promise<MeasureRow[]> {
	if (periods.length === 0) return [];
	const marks = periods.map(() => '?').join(', ');
	return c.all<MeasureRow>(
		`SELECT team, indicator, period, numerator, denominator, value FROM measures WHERE period IN (${marks}) ORDER BY indicator, team, period`,
		periods,
	);
}

/** Every figure up to a month (the full JSON scorecard and the agenda's team SPC). */
export async function readAllSeries(c: Connection, upTo: string): Promise<MeasureRow[]> {
	return c.all<MeasureRow>(
		'SELECT team, indicator, period, numerator, denominator, value FROM measures WHERE period <= ? ORDER BY indicator, team, period',
		[upTo],
	);
}

export async function readBenchmarks(c: Connection, period: string): Promise<BenchmarkRow[]> {
	return c.all<BenchmarkRow>('SELECT indicator, benchmark, period, value FROM benchmarks WHERE period = ?', [period]);
}

export async function readCommentary(c: Connection, period: string): Promise<CommentaryRow[]> {
	return c.all<CommentaryRow>('SELECT indicator, period, text FROM commentary WHERE period = ?', [period]);
}

export async function readRebases(c: Connection): Promise<RebaseRow[]> {
	return c.all<RebaseRow>('SELECT indicator, period, reason FROM rebases ORDER BY indicator, period');
}

/** Caseloads for a month, without worker references: the console never shows them. */
export async function readCaseloads(c: Connection, period: string): Promise<CaseloadRow[]> {
	return c.all<CaseloadRow>('SELECT team, service, fte, caseload FROM caseloads WHERE period = ? ORDER BY team, service', [period]);
}

export async function readCaseloadPeriods(c: Connection): Promise<string[]> {
	const rows = await c.all<{period: string}>('SELECT DISTINCT period FROM caseloads ORDER BY period');
	return rows.map(row => row.period);
}

export async function readLastLoad(c: Connection): Promise<LoadInfo | null> {
	const row = await c.get<{id: number; loaded_at: string; os_user: string}>(
		'SELECT id, loaded_at, os_user FROM loads ORDER BY id DESC LIMIT 1',
	);
	return row ? {id: row.id, loadedAt: row.loaded_at, osUser: row.os_user} : null;
}

/** What the latest load replaced (the agenda's "revised since the last load"). */
export async function readRevisions(c: Connection, loadId: number): Promise<RevisionRow[]> {
	return c.all<RevisionRow>('SELECT kind, key, previous FROM history WHERE load_id = ? ORDER BY id', [loadId]);
}

/** Changes whenever another connection commits: cheap to poll. */
export async function readDataVersion(c: Connection): Promise<number> {
	const row = await c.get<{data_version: number}>('PRAGMA data_version');
	return row?.data_version ?? 0;
}

export type MeasureRevisionRow = {indicator: string; team: string; period: string; previous: number | null; current: number | null};

/** Figures a load replaced up to a month: the value before (history) and the value now (measures). */
export async function readMeasureRevisions(c: Connection, loadId: number, upTo: string): Promise<MeasureRevisionRow[]> {
	return c.all<MeasureRevisionRow>(
		`SELECT r.indicator, r.team, r.period, r.previous, m.value AS current
		FROM (
			SELECT id,
				json_extract(key, '$.indicator') AS indicator,
				json_extract(key, '$.team') AS team,
				json_extract(key, '$.period') AS period,
				json_extract(previous, '$.value') AS previous
			FROM history WHERE load_id = ? AND kind = 'measures'
		) AS r
		LEFT JOIN measures AS m ON m.team = r.team AND m.indicator = r.indicator AND m.period = r.period
		WHERE r.period <= ?
		ORDER BY r.id`,
		[loadId, upTo],
	);
}
