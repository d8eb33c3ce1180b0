import {seriesSpc} from '../domain/scorecard.js';
import {spcApplies, type SpcResult} from '../domain/spc.js';
import type {StoreSettings} from '../domain/store-settings.js';
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
// SPC engine's fingerprint (meta.spc_engine): the loader fills a store with no stamp or another
// engine's whole before it loads; a reader of such a store computes every series from its history.

/** Each series' latest months kept: the grid's month and the agenda's month and the one before, even when the newest month is partial. */
export const SPC_MONTHS_KEPT = 3;
// Series whose histories are read and computed together: bounded memory whatever the store's size.
const SERIES_A_BATCH = 256;
const ENGINE_KEY = 'spc_engine';

/** Where a load's changes fall: everything, or these indicators (every team) and the series in a temp table. */
export type SpcScope = {all: true} | {all: false; indicators: ReadonlySet<string>; seriesTable: string | null};

const keyOf = (indicator: string, team: string, asOf: string) => `${indicator}\u0000${team}\u0000${asOf}`;

// FNV-1a, 32 bits, over the probes' results: a change in what the engine computes changes it.
function fnv(text: string, seed = 0x811c9dc5): number {
	let hash = seed;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

let engine: string | undefined;

/**
 * The SPC engine's fingerprint: its results on a fixed set of series (noise, a shift, a trend, a
 * spike, rebases of both types, targets passed and failed, each polarity, counts, short series,
 * other settings) and the packing's format, hashed. Another engine or format gives another one.
 */
export function spcEngine(): string {
	if (engine !== undefined) return engine;
	const months = Array.from({length: 40}, (_, i) => `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
	let seed = 12345;
	const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
	const shapes: Array<(i: number) => number> = [
		() => 50 + 10 * noise(),
		i => (i < 22 ? 50 : 58) + 6 * noise(),
		i => 40 + i * 0.8 + 3 * noise(),
		i => (i === 30 ? 95 : 50 + 5 * noise()),
		i => Math.max(0, Math.round(1 + 2 * noise() + (i > 28 ? 1 : 0))),
		() => 7,
	];
	const targets = [
		[{effectiveFrom: '', target: 45, amber: 5}],
		[{effectiveFrom: '', target: 80, amber: 5}, {effectiveFrom: '2012-06', target: 52, amber: 2}],
		[],
	];
	const rebases: RebaseRow[][] = [
		[],
		[{indicator: 'P', period: '2011-11', reason: '', type: 'recalculate'}],
		[{indicator: 'P', period: '2011-05', reason: '', type: 'baseline'}, {indicator: 'P', period: '2012-02', reason: '', type: 'recalculate'}],
	];
	const settings: Array<Partial<StoreSettings>> = [{}, {spc_run_length: 6, spc_min_points: 15}];
	const results: unknown[] = [];
	for (const [s, shape] of shapes.entries()) {
		const rows = months.map((period, i) => ({period, value: shape(i)}));
		for (const polarity of ['higher', 'lower', 'none'] as const) {
			const def = {measure: 'monthly' as const, polarity, unit: s === 4 ? ('count' as const) : ('percent' as const), targets: targets[s % targets.length]!};
			for (const rebase of rebases) {
				for (const setting of settings) {
					for (const asOf of [months[39]!, months[25]!, months[8]!, months[1]!]) results.push(seriesSpc(def, rows, asOf, rebase, setting));
				}
			}
		}
	}
	engine = `${SPC_FORMAT}.${fnv(packJson(results)).toString(36)}.${fnv(JSON.stringify(results), 0x01000193).toString(36)}`;
	return engine;
}

// The packing of results; changed with packed-json.ts's format.
const SPC_FORMAT = 'p1';

/** True when the table holds this engine's results (else the loader fills it whole). */
export async function spcStamped(c: Connection): Promise<boolean> {
	const stamp = await c.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [ENGINE_KEY]);
	return stamp?.value === spcEngine();
}

/**
 * Recomputes the table for `scope` inside the caller's transaction (a load's, or the migration's):
 * every SPC series of the scope, each as of each of its latest SPC_MONTHS_KEPT months. A store
 * stamped by another engine is recomputed whole.
 */
export async function refreshSpc(c: Connection, requested: SpcScope): Promise<void> {
	const stamp = await c.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [ENGINE_KEY]);
	const scope: SpcScope = stamp?.value === spcEngine() ? requested : {all: true};
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
					const waiting = inserter.add([indicator, team, row.period, packJson(result)]);
					if (waiting) await waiting;
				}
			}
		}
		await inserter.settle();
	} catch (error) {
		await inserter.abandon();
		throw error;
	}
	await c.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [ENGINE_KEY, spcEngine()]);
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
	if (stamp?.value !== spcEngine() || months.length === 0) return null;
	const rows = await c.all<{indicator: string; team: string; as_of: string; result: string}>(
		`SELECT indicator, team, as_of, result FROM spc WHERE as_of IN (SELECT value FROM json_each(?))${serviceOnly ? ' AND team = ?' : ''}`,
		serviceOnly ? [JSON.stringify(months), ALL_TEAM] : [JSON.stringify(months)],
	);
	const found = new Map<string, string>();
	for (const row of rows) found.set(keyOf(row.indicator, row.team, row.as_of), row.result);
	const decoded = new Map<string, SpcResult | null | undefined>();
	return {
		get(indicator, team, asOf) {
			const key = keyOf(indicator, team, asOf);
			if (decoded.has(key)) return decoded.get(key);
			const text = found.get(key);
			const result = text === undefined ? undefined : decodeSpc(text);
			decoded.set(key, result);
			return result;
		},
	};
}

// Text in a result is months, rule and verdict names: anything else was not written by a loader.
const SAFE_TEXT = /^[A-Za-z0-9_ .:-]{0,40}$/;

function decodeSpc(text: string): SpcResult | null | undefined {
	let value: unknown;
	try {
		value = unpackJson(text);
	} catch {
		return undefined;
	}
	if (value === null) return null;
	const result = value as {points?: unknown; signals?: unknown};
	if (typeof value !== 'object' || !Array.isArray(result.points) || !Array.isArray(result.signals)) return undefined;
	return safe(value, 0) ? (value as SpcResult) : undefined;
}

function safe(value: unknown, depth: number): boolean {
	if (depth > 6) return false;
	if (value === null || typeof value === 'boolean' || typeof value === 'number') return true;
	if (typeof value === 'string') return SAFE_TEXT.test(value);
	if (Array.isArray(value)) return value.every(item => safe(item, depth + 1));
	if (typeof value === 'object') return Object.entries(value).every(([key, item]) => SAFE_TEXT.test(key) && safe(item, depth + 1));
	return false;
}
