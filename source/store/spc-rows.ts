import {seriesSpc} from '../domain/scorecard.js';
import type {SpcResult} from '../domain/spc.js';
import type {StoreSettings} from '../domain/store-settings.js';
import type {IndicatorDef, RebaseRow} from '../domain/types.js';
import {packJson, unpackJson} from './packed-json.js';

// The rows of the derived SPC table (store/spc-table.ts), as pure functions: from a series'
// history to its rows (the domain computes, this packs), and from a row back to the domain's
// result. No SQL here, so the loader's worker thread computes rows with it too.

/** Each series' latest months kept: the grid's month and the agenda's month and the one before, even when the newest month is partial. */
export const SPC_MONTHS_KEPT = 3;

/** What every series' SPC is computed with: the catalogue's SPC indicators, every rebase, the settings. */
export type SpcContext = {indicators: IndicatorDef[]; rebases: RebaseRow[]; settings: StoreSettings};
/** A series' history as read: indicator, team, and `period|value;...` (SQLite's exact text of each value). */
export type SeriesHistory = {indicator: string; team: string; packed: string | null};
/** indicator, team, as_of, result, points, signals: a row of the table. */
export type SpcRow = [string, string, string, string, string, string];

/** The table's rows for these series: each as of each of its latest SPC_MONTHS_KEPT months. */
export function spcRowsOf(context: SpcContext, histories: readonly SeriesHistory[]): SpcRow[] {
	const byCode = new Map(context.indicators.map(def => [def.code, def]));
	const out: SpcRow[] = [];
	for (const {indicator, team, packed} of histories) {
		const def = byCode.get(indicator);
		if (packed === null || def === undefined) continue;
		const rows = packed.split(';').map(item => {
			const bar = item.indexOf('|');
			return {period: item.slice(0, bar), value: Number(item.slice(bar + 1))};
		});
		rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
		const rebases = context.rebases.filter(rebase => rebase.indicator === indicator);
		for (const row of rows.slice(-SPC_MONTHS_KEPT)) out.push([indicator, team, row.period, ...encodeSpc(seriesSpc(def, rows, row.period, rebases, context.settings))]);
	}
	return out;
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
 * read: the grid reads the points of the rows on screen, and only --json every month's signals.
 * One whose packing is damaged reads as empty.
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
	return {
		...(rest as Omit<SpcResult, 'points' | 'signals'>),
		get points(): SpcResult['points'] {
			return (points ??= table(row.points));
		},
		// Unpacked afresh at each read, not kept: only --json reads a stored result's signals (every
		// month's, most of its bytes), once each, and keeping them would carry them all through the
		// collector until it ends.
		get signals(): SpcResult['signals'] {
			return table(row.signals);
		},
	};
}
