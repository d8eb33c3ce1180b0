import type {RebaseType} from '../domain/types.js';

// The store's tables' rows as stored, with the tables' own column names (so a replaced row goes
// to `history` exactly as it was). Db-prefixed: the domain's types of the same things
// (domain/types.ts: MeasureRow and co.) have the domain's shapes; the store maps one into the other.

export type DbTeamRow = {code: string; name: string; population: number | null};
export type DbIndicatorRow = {
	code: string;
	number: number;
	title: string;
	unit: string;
	polarity: string;
	measure: string;
	definition: string;
	/** The grid's title where the full one is too long; null: the title. */
	short_title: string | null;
	/** How figures are computed from an extract (see loader/derivations.ts); null: loaded as figures. */
	derive: string | null;
	/** The DfE measure it is compared with (domain/published.ts); null: none. */
	published: string | null;
};
/** A teams file's ALL row: the whole service's own name and population. */
export type DbWholeServiceRow = {name: string; population: number | null};
/** `key` is the alias trimmed and lower-cased. */
export type DbTeamAliasRow = {key: string; alias: string; team: string};
export type DbTargetRow = {indicator: string; effective_from: string; target: number | null; amber: number | null};
export type DbMeasureRow = {team: string; indicator: string; period: string; numerator: number | null; denominator: number | null; value: number};
export type DbBenchmarkRow = {indicator: string; benchmark: string; period: string; value: number};
export type DbCommentaryRow = {indicator: string; period: string; text: string};
export type DbCaseloadRow = {period: string; team: string; service: string; worker: string; fte: number; caseload: number};
export type DbRebaseRow = {indicator: string; period: string; reason: string; type: RebaseType};
/** One `settings` row: the value as parseSetting gives its canonical text. */
export type DbSettingRow = {setting: string; value: string};

export type DbHistoryRow = {kind: string; key: string; previous: string};
export type DbLoadFileRow = {path: string; kind: string; sha256: string; rows: number};


/** One entry of a load's history: what it replaced, as stored (JSON key and previous value). */
export type DbRevisionRow = {kind: string; key: string; previous: string};

/** A figure a load replaced: the value before (history) and the value now (measures). */
export type DbMeasureRevisionRow = {indicator: string; team: string; period: string; previous: number | null; current: number | null};
