import type {BenchmarkRow, CaseloadRow, CommentaryRow, IndicatorDef, LoadInfo, MeasureRow, RebaseRow, TargetVersion, TeamDef} from '../domain/types.js';
import {ALL_TEAM, BENCHMARKS, MEASURES, POLARITIES, REBASE_TYPES, UNITS} from '../domain/types.js';
import {settingsFrom, type StoreSettings} from '../domain/store-settings.js';
import {PUBLISHED_IDS} from '../domain/published.js';
import {Connection, type Params} from './connection.js';
import {checkStore, MIGRATIONS} from './migrations.js';
import {prepareSchemaCheck} from './schema-check.js';
import {capped, shownLine, shownText, storedChoice, storedMonth, storedNumber} from './untrusted.js';

// The read side of the store: everything the console and the printed scorecard show, mapped
// into the domain's types. About 280 lines: every read of figures and catalogue, each through the
// untrusted mapping, in one place.
import type {DbMeasureRevisionRow, DbRevisionRow} from './rows.js';

/** Open an existing store for reading: never creates, never migrates. */
export async function openStoreReadOnly(path: string): Promise<Connection> {
	prepareSchemaCheck(MIGRATIONS);
	const connection = await Connection.open(path, {readonly: true});
	try {
		await checkStore(connection);
	} catch (error) {
		await connection.close().catch(() => undefined);
		throw error;
	}
	return connection;
}

// Every text read here is cut to its field's limit and made safe to show, and every value the
// domain relies on is checked (store/untrusted.ts): the views, --print and --json show what the
// domain is given.

export async function readIndicators(c: Connection): Promise<IndicatorDef[]> {
	// A store made before DfE's measures has no `published` column: none compared.
	const columns = await c.all<{name: string}>("SELECT name FROM pragma_table_info('indicators')");
	const published = columns.some(column => column.name === 'published') ? capped('published', 'code') : 'NULL AS published';
	const rows = await c.all<Record<string, unknown>>(
		`SELECT ${capped('code', 'code')}, number, ${capped('title', 'title')}, unit, polarity, measure, ${capped('definition', 'definition')}, ${published} FROM indicators ORDER BY number, code`,
	);
	const targets = await c.all<{indicator: string; effective_from: string; target: number | null; amber: number | null}>(
		`SELECT ${capped('indicator', 'code')}, effective_from, target, amber FROM targets ORDER BY indicator, effective_from`,
	);
	const byIndicator = new Map<string, TargetVersion[]>();
	for (const t of targets) {
		const indicator = shownLine(t.indicator, 'code');
		const list = byIndicator.get(indicator) ?? [];
		list.push({effectiveFrom: shownLine(t.effective_from, 'code'), target: storedNumber(t.target), amber: storedNumber(t.amber)});
		byIndicator.set(indicator, list);
	}
	return rows.map(row => {
		const code = shownLine(row['code'], 'code');
		return {
			code,
			number: storedNumber(row['number']) ?? 0,
			title: shownLine(row['title'], 'title'),
			unit: storedChoice(c.path, UNITS, row['unit'], 'a unit'),
			polarity: storedChoice(c.path, POLARITIES, row['polarity'], 'a polarity'),
			measure: storedChoice(c.path, MEASURES, row['measure'], 'a measure'),
			definition: shownText(row['definition'], 'definition'),
			targets: byIndicator.get(code) ?? [],
			// One of the measures this version knows, else none (a later version's, or a crafted store's).
			published: typeof row['published'] === 'string' && PUBLISHED_IDS.includes(row['published']) ? row['published'] : null,
		};
	});
}

export async function readTeams(c: Connection): Promise<TeamDef[]> {
	// The catalogue's order: the order the teams file listed them in (first load of each).
	const rows = await c.all<Record<string, unknown>>(`SELECT ${capped('code', 'code')}, ${capped('name', 'name')}, population FROM teams ORDER BY rowid`);
	return rows.map(row => ({code: shownLine(row['code'], 'code'), name: shownLine(row['name'], 'name'), population: storedNumber(row['population'])}));
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
	return rows.map(row => storedMonth(c.path, row.period));
}

// Figures travel from SQLite as one JSON array per indicator: the driver's cost is per row and per
// column, and a big store's grid needs thousands of figures; JSON.parse is the fastest way into
// JavaScript. A whole number goes as an integer (exact, and cheap for SQLite to write); any other
// as text, SQLite's shortest exact form of it (its JSON writes only 15 digits), so nothing is
// rounded on the way.
const exact = (column: string) => `CASE WHEN ${column} = CAST(${column} AS INTEGER) THEN CAST(${column} AS INTEGER) ELSE CAST(${column} AS TEXT) END`;
const FIGURE = (m: string) => `json_array(${m}team, ${m}period, ${exact(`${m}value`)}, ${exact(`${m}numerator`)}, ${exact(`${m}denominator`)})`;
const PACKED = `SELECT json_group_array(${FIGURE('')}) AS packed, indicator FROM measures`;

async function readPacked(c: Connection, where: string, params: Params): Promise<MeasureRow[]> {
	return unpack(await c.all<{indicator: string; packed: string | null}>(`${PACKED} WHERE ${where} GROUP BY indicator`, params));
}

type PackedRow = [string, string, number | string | null, number | string | null, number | string | null];

function unpack(groups: ReadonlyArray<{indicator: string; packed: string | null}>): MeasureRow[] {
	const rows: MeasureRow[] = [];
	for (const group of groups) {
		if (group.packed === null) continue;
		const indicator = shownLine(group.indicator, 'code');
		// Codes and months as a loader writes them are plain ASCII, no JSON escape: one check for the whole group.
		const plain = PLAIN_PACKED.test(group.packed);
		for (const [team, period, value, numerator, denominator] of JSON.parse(group.packed) as PackedRow[]) {
			rows.push({
				team: plain ? team : shownLine(team, 'code'),
				indicator,
				period: plain ? period : shownLine(period, 'code'),
				value: storedNumber(value) ?? Number.NaN,
				numerator: storedNumber(numerator),
				denominator: storedNumber(denominator),
			});
		}
	}
	return rows;
}

// Printable ASCII without a backslash: no JSON escape, no control character.
const PLAIN_PACKED = /^[\u0020-\u005B\u005D-\u007E]*$/;

/** One team's figures for every indicator up to a month, oldest first (SPC needs the whole history). */
export async function readTeamSeries(c: Connection, team: string, upTo: string): Promise<MeasureRow[]> {
	return readPacked(c, 'team = ? AND period <= ?', [team, upTo]);
}

/** The whole service's figures for the months from `from` to `upTo`. */
export async function readServiceWindow(c: Connection, from: string, upTo: string): Promise<MeasureRow[]> {
	// One primary-key range an indicator (team, indicator, period), not every whole-service figure.
	return readPacked(c, 'team = ? AND indicator IN (SELECT code FROM indicators) AND period >= ? AND period <= ?', [ALL_TEAM, from, upTo]);
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

/**
 * Whole histories up to a month of the given series ([indicator, team] pairs): one primary-key
 * range each. For SPC the store's derived table does not hold (another month, another engine).
 */
export async function readSeriesHistories(c: Connection, series: ReadonlyArray<readonly [string, string]>, upTo: string): Promise<MeasureRow[]> {
	if (series.length === 0) return [];
	return unpack(
		await c.all<{indicator: string; packed: string | null}>(
			`SELECT j.value->>0 AS indicator, (
				SELECT json_group_array(${FIGURE('m.')})
				FROM measures AS m WHERE m.team = j.value->>1 AND m.indicator = j.value->>0 AND m.period <= ?
			) AS packed FROM json_each(?) AS j`,
			[upTo, JSON.stringify(series)],
		),
	);
}

export async function readBenchmarks(c: Connection, period: string): Promise<BenchmarkRow[]> {
	const rows = await c.all<Record<string, unknown>>(
		`SELECT ${capped('indicator', 'code')}, benchmark, period, value FROM benchmarks WHERE period = ?`,
		[period],
	);
	return rows.map(row => ({
		indicator: shownLine(row['indicator'], 'code'),
		benchmark: storedChoice(c.path, BENCHMARKS, row['benchmark'], 'a benchmark'),
		period,
		value: storedNumber(row['value']) ?? Number.NaN,
	}));
}

export async function readCommentary(c: Connection, period: string): Promise<CommentaryRow[]> {
	const rows = await c.all<Record<string, unknown>>(
		`SELECT ${capped('indicator', 'code')}, ${capped('text', 'commentary')} FROM commentary WHERE period = ?`,
		[period],
	);
	return rows.map(row => ({indicator: shownLine(row['indicator'], 'code'), period, text: shownText(row['text'], 'commentary')}));
}

/** Whether the store's schema has schema 4's settings and rebase types: readers never migrate, an older store reads as before. */
async function hasSchemaFour(c: Connection): Promise<boolean> {
	return (await c.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'settings'")) !== undefined;
}

export async function readRebases(c: Connection): Promise<RebaseRow[]> {
	// Before schema 4 every rebase was a recalculation.
	const type = (await hasSchemaFour(c)) ? 'type' : "'recalculate' AS type";
	const rows = await c.all<Record<string, unknown>>(
		`SELECT ${capped('indicator', 'code')}, period, ${capped('reason', 'reason')}, ${type} FROM rebases ORDER BY indicator, period`,
	);
	return rows.map(row => ({
		indicator: shownLine(row['indicator'], 'code'),
		period: storedMonth(c.path, row['period']),
		reason: shownLine(row['reason'], 'reason'),
		type: storedChoice(c.path, REBASE_TYPES, row['type'], 'a rebase type'),
	}));
}

/** The store's settings, defaults for those not set (and for every one in a store older than schema 4). */
export async function readSettings(c: Connection): Promise<StoreSettings> {
	if (!(await hasSchemaFour(c))) return settingsFrom([]);
	// Each value is parsed (settingsFrom): one no loader writes is ignored; read short.
	return settingsFrom(await c.all<{setting: string; value: string}>('SELECT substr(setting, 1, 100) AS setting, substr(value, 1, 100) AS value FROM settings ORDER BY setting'));
}

/** Caseloads for a month, without worker references: the console never shows them. */
export async function readCaseloads(c: Connection, period: string): Promise<CaseloadRow[]> {
	const rows = await c.all<Record<string, unknown>>(
		`SELECT ${capped('team', 'code')}, ${capped('service', 'code')}, fte, caseload FROM caseloads WHERE period = ? ORDER BY team, service`,
		[period],
	);
	return rows.map(row => ({
		team: shownLine(row['team'], 'code'),
		service: shownLine(row['service'], 'code'),
		fte: storedNumber(row['fte']) ?? Number.NaN,
		caseload: storedNumber(row['caseload']) ?? Number.NaN,
	}));
}

export async function readCaseloadPeriods(c: Connection): Promise<string[]> {
	const rows = await c.all<{period: string}>('SELECT DISTINCT period FROM caseloads ORDER BY period');
	return rows.map(row => storedMonth(c.path, row.period));
}

export async function readLastLoad(c: Connection): Promise<LoadInfo | null> {
	const row = await c.get<{id: number; loaded_at: string; os_user: string}>(
		`SELECT id, ${capped('loaded_at', 'code')}, ${capped('os_user', 'name')} FROM loads ORDER BY id DESC LIMIT 1`,
	);
	return row ? {id: storedNumber(row.id) ?? 0, loadedAt: shownLine(row.loaded_at, 'code'), osUser: shownLine(row.os_user, 'name')} : null;
}

/** What the latest load replaced (the agenda's "revised since the last load"). */
export async function readRevisions(c: Connection, loadId: number): Promise<DbRevisionRow[]> {
	return c.all<DbRevisionRow>('SELECT kind, key, previous FROM history WHERE load_id = ? ORDER BY id', [loadId]);
}

/** Changes whenever another connection commits: cheap to poll. */
export async function readDataVersion(c: Connection): Promise<number> {
	const row = await c.get<{data_version: number}>('PRAGMA data_version');
	return row?.data_version ?? 0;
}

/** Figures a load replaced up to a month: the value before (history) and the value now (measures). */
export async function readMeasureRevisions(c: Connection, loadId: number, upTo: string): Promise<DbMeasureRevisionRow[]> {
	const rows = await c.all<DbMeasureRevisionRow>(
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
	return rows.map(row => ({
		indicator: shownLine(row.indicator, 'code'),
		team: shownLine(row.team, 'code'),
		period: shownLine(row.period, 'code'),
		previous: storedNumber(row.previous),
		current: storedNumber(row.current),
	}));
}
