import {seriesSpc} from '../domain/scorecard.js';
import {spcApplies, type SpcResult} from '../domain/spc.js';
import {ALL_TEAM, type RebaseRow} from '../domain/types.js';
import type {Connection} from './connection.js';
import {JsonInserter} from './json-rows.js';
import {packJson, unpackJson} from './packed-json.js';
import {readIndicators, readRebases, readSettings, readTeams} from './queries.js';

// The `spc` table (schema 5): each series' SPC (an indicator's whole service, or a team) as of
// each of its latest SPC_MONTHS_KEPT months, as the domain's seriesSpc computes it, so that a read
// fetches a month's results rather than every history. Derived data, never edited by hand: the
// load that changes a series' figures, an indicator's definition, targets or rebases, or the
// settings recomputes what they touch, inside its own transaction. The table is stamped with the
// SPC engine's version (meta.spc_engine): the loader fills a store with no stamp or another
// engine's whole before it loads; a reader of such a store computes every series from its history.

/** Each series' latest months kept: the grid's month and the agenda's month and the one before, even when the newest month is partial. */
export const SPC_MONTHS_KEPT = 3;
// Series whose histories are read and computed together: bounded memory whatever the store's size.
const SERIES_A_BATCH = 256;
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

	const inserter = new JsonInserter(c, 'spc', [
		{name: 'indicator', real: false},
		{name: 'team', real: false},
		{name: 'as_of', real: false},
		{name: 'result', real: false},
		{name: 'points', real: false},
		{name: 'signals', real: false},
	]);
	const rebasesOf = new Map<string, RebaseRow[]>();
	for (const rebase of rebases) rebasesOf.set(rebase.indicator, [...(rebasesOf.get(rebase.indicator) ?? []), rebase]);
	try {
		for (let from = 0; from < series.length; from += SERIES_A_BATCH) {
			const batch = series.slice(from, from + SERIES_A_BATCH);
			// One primary-key range a series; SQLite writes reals in their shortest exact form.
			const histories = await c.all<{indicator: string; team: string; packed: string | null}>(
				`SELECT j.value->>0 AS indicator, j.value->>1 AS team,
					(SELECT group_concat(m.period || '|' || m.value, ';' ORDER BY m.period) FROM measures AS m WHERE m.team = j.value->>1 AND m.indicator = j.value->>0) AS packed
				FROM json_each(?) AS j`,
				[JSON.stringify(batch)],
			);
			for (const {indicator, team, packed} of histories) {
				if (packed === null) continue;
				const def = byCode.get(indicator)!;
				const rows = packed.split(';').map(item => {
					const bar = item.indexOf('|');
					return {period: item.slice(0, bar), value: Number(item.slice(bar + 1))};
				});
				for (const row of rows.slice(-SPC_MONTHS_KEPT)) {
					const result = seriesSpc(def, rows, row.period, rebasesOf.get(indicator) ?? [], settings);
					const waiting = inserter.add([indicator, team, row.period, ...encodeSpc(result)]);
					if (waiting) await waiting;
				}
			}
		}
		await inserter.settle();
	} catch (error) {
		await inserter.abandon();
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

/** A result as the table keeps it: its JSON without points and signals, and those as packed JSON. */
export type StoredRow = {result: string; points: string; signals: string};

export function encodeSpc(result: SpcResult | null): [string, string, string] {
	if (result === null) return ['null', '[]', '[]'];
	const {points, signals, ...rest} = result;
	return [JSON.stringify(rest), packJson(points), packJson(signals)];
}

// A loader writes months, numbers and the names of rules and verdicts: JSON of these characters
// only, without escapes. Anything else (an escape sequence, a control character) was not written
// by a loader and is never shown.
const SAFE_JSON = /^[A-Za-z0-9_ .:,"[\]{}+~-]*$/;
const MAX_TEXT = 200_000;

/**
 * A result from the table, or undefined when it does not read as one (the store is a file others
 * can write): its texts must be what a loader writes. Its points and signals are unpacked when
 * first read: the grid reads the points of the rows on screen, and only --json every month's
 * signals. One whose packing is damaged reads as empty.
 */
export function decodeSpc(row: StoredRow): SpcResult | null | undefined {
	const safe = (text: string) => text.length <= MAX_TEXT && SAFE_JSON.test(text);
	if (!safe(row.result) || !safe(row.points) || !safe(row.signals)) return undefined;
	let rest: unknown;
	try {
		rest = JSON.parse(row.result);
	} catch {
		return undefined;
	}
	if (rest === null) return null;
	// The result's own fields: a packed table (or anything without a mean) is not one.
	if (typeof rest !== 'object' || Array.isArray(rest) || typeof (rest as {mean?: unknown}).mean !== 'number' || '~' in rest) return undefined;
	const table = <T>(text: string): T[] => {
		try {
			const value = unpackJson(text);
			return Array.isArray(value) ? (value as T[]) : [];
		} catch {
			return [];
		}
	};
	let points: SpcResult['points'] | undefined;
	let signals: SpcResult['signals'] | undefined;
	return {
		...(rest as Omit<SpcResult, 'points' | 'signals'>),
		get points(): SpcResult['points'] {
			return (points ??= table(row.points));
		},
		get signals(): SpcResult['signals'] {
			return (signals ??= table(row.signals));
		},
	};
}
