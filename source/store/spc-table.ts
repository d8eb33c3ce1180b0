import {spcApplies, type SpcResult} from '../domain/spc.js';
import {ALL_TEAM} from '../domain/types.js';
import type {Connection} from './connection.js';
import {insertBatched} from './writes.js';
import {readIndicators, readRebases, readSettings, readTeams} from './queries.js';
import {decodeSpc, spcRowsOf, type SeriesHistory, type SpcContext, type SpcRow, type StoredRow} from './spc-rows.js';

export {SPC_MONTHS_KEPT} from './spc-rows.js';

// The `spc` table (schema 5): each series' SPC (an indicator's whole service, or a team) as of
// each of its latest SPC_MONTHS_KEPT months, as the domain's seriesSpc computes it, so that a read
// fetches a month's results rather than every history. Derived data, never edited by hand: the
// load that changes a series' figures, an indicator's definition, targets or rebases, or the
// settings recomputes what they touch, inside its own transaction. The table is stamped with the
// SPC engine's version (meta.spc_engine): the loader fills a store with no stamp or another
// engine's whole before it loads; a reader of such a store computes every series from its history.

// Series whose histories are read and computed together: bounded memory whatever the store's size.
const SERIES_A_BATCH = 64;
const ENGINE_KEY = 'spc_engine';

/** Where a load's changes fall: everything, or these indicators (every team) and the series in a temp table. */
export type SpcScope = {all: true} | {all: false; indicators: ReadonlySet<string>; seriesTable: string | null};

const keyOf = (indicator: string, team: string, asOf: string) => `${indicator}\u0000${team}\u0000${asOf}`;

/**
 * The SPC engine's version, stamped on the table (meta.spc_engine). Change it whenever what the
 * domain computes for a series changes (domain/spc.ts, seriesSpc) or the packing does: a store
 * stamped with another version is refilled by its next load and read from histories meanwhile.
 * test/spc-engine.test.ts fails until it is changed: it keeps the engine's results on fixed series.
 */
export const SPC_ENGINE = 'spc-2';

/** True when the table holds this engine's results (else the loader fills it whole). */
export async function spcStamped(c: Connection): Promise<boolean> {
	const stamp = await c.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [ENGINE_KEY]);
	return stamp?.value === SPC_ENGINE;
}

/**
 * Recomputes the table for `scope` inside the caller's transaction (a load's, or the migration's):
 * every SPC series of the scope, each as of each of its latest SPC_MONTHS_KEPT months. A store
 * stamped by another engine is recomputed whole.
 */
export async function refreshSpc(c: Connection, requested: SpcScope): Promise<void> {
	const stamp = await c.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [ENGINE_KEY]);
	const scope: SpcScope = stamp?.value === SPC_ENGINE ? requested : {all: true};
	const [indicators, teams, rebases, settings] = await Promise.all([readIndicators(c), readTeams(c), readRebases(c), readSettings(c)]);
	const spcIndicators = indicators.filter(def => spcApplies(def.measure));
	const byCode = new Map(spcIndicators.map(def => [def.code, def]));

	// The series to compute: every team of every indicator in scope (a team without figures has
	// no series: nothing is read for it), then each series a load named.
	const series: Array<[string, string]> = [];
	const seen = new Set<string>();
	const add = (indicator: string, team: string) => {
		const key = `${indicator}\u0000${team}`;
		if (byCode.has(indicator) && !seen.has(key)) {
			seen.add(key);
			series.push([indicator, team]);
		}
	};
	const everyTeam = [ALL_TEAM, ...teams.map(team => team.code)];
	if (scope.all) {
		await c.run('DELETE FROM spc');
		for (const def of spcIndicators) for (const team of everyTeam) add(def.code, team);
	} else {
		const codes = JSON.stringify([...scope.indicators]);
		await c.run('DELETE FROM spc WHERE indicator IN (SELECT value FROM json_each(?))', [codes]);
		for (const code of scope.indicators) for (const team of everyTeam) add(code, team);
		if (scope.seriesTable !== null) {
			// Series of a load's measures: their rows changed, or came for the first time.
			const named = await c.all<{indicator: string; team: string}>(`SELECT DISTINCT indicator, team FROM ${scope.seriesTable}`);
			for (const row of named) add(row.indicator, row.team);
			await c.run(`DELETE FROM spc WHERE (indicator, team) IN (SELECT indicator, team FROM ${scope.seriesTable})`);
		}
	}

	const context: SpcContext = {indicators: spcIndicators, rebases: rebases.filter(rebase => byCode.has(rebase.indicator)), settings};
	// A batch's rows are bound as parameters (their texts are JSON: as one JSON parameter they
	// would be escaped and parsed again), written while the next batch is computed.
	const written: {last: Promise<void> | null} = {last: null};
	const insert = async (rows: SpcRow[]) => {
		const before = written.last;
		written.last = null;
		if (before) await before;
		const writing = insertBatched(c, 'spc', ['indicator', 'team', 'as_of', 'result', 'points', 'signals'], [], rows);
		writing.catch(() => undefined);
		written.last = writing;
	};
	// One primary-key range a series, in period order; SQLite writes reals in their shortest exact form.
	const read = (from: number) => {
		const histories = c.all<SeriesHistory>(
			`SELECT j.value->>0 AS indicator, j.value->>1 AS team,
				(SELECT group_concat(m.period || '|' || m.value, ';') FROM measures AS m WHERE m.team = j.value->>1 AND m.indicator = j.value->>0) AS packed
			FROM json_each(?) AS j`,
			[JSON.stringify(series.slice(from, from + SERIES_A_BATCH))],
		);
		// Awaited below, or abandoned after a failure.
		histories.catch(() => undefined);
		return histories;
	};
	try {
		// SQLite reads the next batch's histories while this one is computed.
		let next = series.length > 0 ? read(0) : null;
		for (let from = 0; next !== null; from += SERIES_A_BATCH) {
			const histories = await next;
			next = from + SERIES_A_BATCH < series.length ? read(from + SERIES_A_BATCH) : null;
			await insert(spcRowsOf(context, histories));
		}
		await written.last;
	} catch (error) {
		await written.last?.catch(() => undefined);
		throw error;
	}
	await c.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [ENGINE_KEY, SPC_ENGINE]);
}

/** What a read takes from the table: results by series and month, or null when the store has none this engine can use. */
export type StoredSpc = {get(indicator: string, team: string, asOf: string): SpcResult | null | undefined};

/**
 * The table's results for these months (the whole service's only when `serviceOnly`), in the
 * caller's snapshot. Null when the store has no table (older than schema 5) or its results are
 * another engine's: then every series is computed from its history. A result that does not read
 * as one (the store is a file others can write) counts as absent.
 */
export async function readStoredSpc(c: Connection, months: readonly string[], serviceOnly: boolean): Promise<StoredSpc | null> {
	const stamp = await c.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [ENGINE_KEY]);
	if (stamp?.value !== SPC_ENGINE || months.length === 0) return null;
	const rows = await c.all<StoredRow & {indicator: string; team: string; as_of: string}>(
		`SELECT indicator, team, as_of, result, points, signals FROM spc WHERE as_of IN (SELECT value FROM json_each(?))${serviceOnly ? ' AND team = ?' : ''}`,
		serviceOnly ? [JSON.stringify(months), ALL_TEAM] : [JSON.stringify(months)],
	);
	const found = new Map<string, StoredRow>();
	for (const row of rows) found.set(keyOf(row.indicator, row.team, row.as_of), row);
	const decoded = new Map<string, SpcResult | null | undefined>();
	return {
		get(indicator, team, asOf) {
			const key = keyOf(indicator, team, asOf);
			if (decoded.has(key)) return decoded.get(key);
			const row = found.get(key);
			const result = row === undefined ? undefined : decodeSpc(row);
			decoded.set(key, result);
			return result;
		},
	};
}

