import type {BenchmarkRow, CaseloadRow, CommentaryRow, IndicatorDef, LoadInfo, MeasureRow, RebaseRow, TargetVersion, TeamDef} from '../domain/types.js';
import {ALL_TEAM} from '../domain/types.js';
import {settingsFrom, type StoreSettings} from '../domain/store-settings.js';
import {Connection, type Params} from './connection.js';
import {checkStore} from './migrations.js';

// The read side of the store: everything the console and the printed scorecard show, mapped
// into the domain's types.
import type {MeasureRevisionRow, RevisionRow} from './rows.js';

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
	// The catalogue's order: the order the teams file listed them in (first load of each).
	return c.all<TeamDef>('SELECT code, name, population FROM teams ORDER BY rowid');
}

/** Every month that has a figure, oldest first. */
export async function readPeriods(c: Connection): Promise<string[]> {
	// Hop from month to month down the period index (a few lookups a month) rather than reading
	// every figure to find the distinct months.
	const rows = await c.all<{period: string}>(
		`WITH RECURSIVE months(period) AS (
			SELECT min(period) FROM measures
			UNION ALL
			SELECT (SELECT min(period) FROM measures WHERE period > months.period) FROM months WHERE months.period IS NOT NULL
		)
		SELECT period FROM months WHERE period IS NOT NULL`,
	);
	return rows.map(row => row.period);
}

// Figures travel from SQLite as one packed string per indicator: the driver's cost is per row and
// per column, and a big store's grid needs tens of thousands of figures. SQLite writes reals in
// their shortest exact form, so nothing is rounded on the way.
const PACKED = `SELECT indicator, group_concat(team || '|' || period || '|' || value || '|' || ifnull(numerator, '') || '|' || ifnull(denominator, ''), ';') AS packed FROM measures`;

async function readPacked(c: Connection, where: string, params: Params): Promise<MeasureRow[]> {
	return unpack(await c.all<{indicator: string; packed: string}>(`${PACKED} WHERE ${where} GROUP BY indicator`, params));
}

function unpack(groups: Array<{indicator: string; packed: string}>): MeasureRow[] {
	const rows: MeasureRow[] = [];
	const numberOrNull = (text: string) => (text === '' ? null : Number(text));
	for (const {indicator, packed} of groups) {
		for (const item of packed.split(';')) {
			const [team, period, value, numerator, denominator] = item.split('|') as [string, string, string, string, string];
			rows.push({team, indicator, period, value: Number(value), numerator: numberOrNull(numerator), denominator: numberOrNull(denominator)});
		}
	}
	return rows;
}

/** One team's figures for every indicator up to a month, oldest first (SPC needs the whole history). */
export async function readTeamSeries(c: Connection, team: string, upTo: string): Promise<MeasureRow[]> {
	return readPacked(c, 'team = ? AND period <= ?', [team, upTo]);
}

/** The whole service's figures up to a month, every indicator (SPC needs each segment whole). */
export async function readServiceSeries(c: Connection, upTo: string): Promise<MeasureRow[]> {
	return readPacked(c, 'team = ? AND period <= ?', [ALL_TEAM, upTo]);
}

/** How many indicators have a whole-service figure in each of the given months. */
export async function readCoverage(c: Connection, periods: string[]): Promise<Map<string, number>> {
	// One primary-key probe per indicator and month: cheap on a store of any size.
	const rows = await c.all<{period: string; n: number}>(
		`SELECT j.value AS period, (
			SELECT count(*) FROM indicators AS i WHERE EXISTS (SELECT 1 FROM measures AS m WHERE m.team = ? AND m.indicator = i.code AND m.period = j.value)
		) AS n FROM json_each(?) AS j`,
		[ALL_TEAM, JSON.stringify(periods)],
	);
	return new Map(rows.map(row => [row.period, row.n]));
}

/** Every team's figures for one indicator up to a month (detail view, team SPC). */
export async function readIndicatorSeries(c: Connection, indicator: string, upTo: string): Promise<MeasureRow[]> {
	return readPacked(c, 'indicator = ? AND period <= ?', [indicator, upTo]);
}

/** Every team's figures for the given months (team matrix, team breakdowns). */
export async function readMonths(c: Connection, periods: string[]): Promise<MeasureRow[]> {
	if (periods.length === 0) return [];
	const marks = periods.map(() => '?').join(', ');
	return readPacked(c, `period IN (${marks})`, periods);
}

/** Every figure up to a month (the full JSON scorecard and the agenda's team SPC). */
export async function readAllSeries(c: Connection, upTo: string): Promise<MeasureRow[]> {
	return readPacked(c, 'period <= ?', [upTo]);
}

export async function readBenchmarks(c: Connection, period: string): Promise<BenchmarkRow[]> {
	return c.all<BenchmarkRow>('SELECT indicator, benchmark, period, value FROM benchmarks WHERE period = ?', [period]);
}

export async function readCommentary(c: Connection, period: string): Promise<CommentaryRow[]> {
	return c.all<CommentaryRow>('SELECT indicator, period, text FROM commentary WHERE period = ?', [period]);
}

/** Whether the store's schema has schema 4's settings and rebase types: readers never migrate, an older store reads as before. */
async function hasSchemaFour(c: Connection): Promise<boolean> {
	return (await c.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'settings'")) !== undefined;
}

export async function readRebases(c: Connection): Promise<RebaseRow[]> {
	// Before schema 4 every rebase was a recalculation.
	const type = (await hasSchemaFour(c)) ? 'type' : "'recalculate' AS type";
	return c.all<RebaseRow>(`SELECT indicator, period, reason, ${type} FROM rebases ORDER BY indicator, period`);
}

/** The store's settings, defaults for those not set (and for every one in a store older than schema 4). */
export async function readSettings(c: Connection): Promise<StoreSettings> {
	if (!(await hasSchemaFour(c))) return settingsFrom([]);
	return settingsFrom(await c.all<{setting: string; value: string}>('SELECT setting, value FROM settings ORDER BY setting'));
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
