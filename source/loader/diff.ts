import type {Unit} from '../domain/types.js';
import type {DataKind} from '../store/staging.js';
import type {StoreReference} from '../store/load-reads.js';
import type {DbBenchmarkRow, DbCaseloadRow, DbCommentaryRow, DbHistoryRow, DbIndicatorRow, DbMeasureRow, DbRebaseRow, DbSettingRow, DbTargetRow, DbTeamAliasRow, DbTeamRow, DbWholeServiceRow} from '../store/rows.js';
import {printable, sameNumber} from './fields.js';
import type {Kind} from './kinds.js';
import type {Problem} from './problems.js';
import {problemAt, type Item, type Where} from './row-reader.js';
import {showNumber} from './checks.js';
import {BASE_TARGET} from './validate-indicators.js';
import type {Catalogue as LoadCatalogue} from './validate.js';

// What a load changes: the catalogue compared in memory here, and the messages for data rows a
// load would change (those are compared in SQL, see store/staging.ts).

export type RowStatus = 'added' | 'changed' | 'unchanged';
export type KindCounts = {added: number; changed: number; unchanged: number};

/** What a load would do to the store: rows to write, replaced rows to keep, and rows refused. */
export type Diff = {
	problems: Problem[];
	history: DbHistoryRow[];
	writes: {teams: DbTeamRow[]; indicators: DbIndicatorRow[]; targets: DbTargetRow[]; wholeService: DbWholeServiceRow[]; aliases: DbTeamAliasRow[]; settings: DbSettingRow[]};
	counts: Map<Kind, KindCounts>;
};

type Spec<R> = {
	/** The history table's kind: a file kind, or `targets` for an indicators row's target. */
	kind: string;
	key: (row: R) => string;
	keyJson: (row: R) => Record<string, string>;
	same: (stored: R, loaded: R) => boolean;
	/** "X is already stored as A; this file has B" without the advice. */
	conflict: (stored: R, loaded: R) => string;
};

const joinKey = (...parts: string[]): string => parts.join('\u0000');

/** The catalogue rows of a load, as validated (validate.ts), without its references. */
type Catalogue = Omit<LoadCatalogue, 'refs'>;

/** The catalogue's part of a load (teams, indicators, targets: a few rows), compared in memory. */
export function diffCatalogue(validated: Catalogue, reference: StoreReference, options: {replace: boolean}): Diff {
	const diff: Diff = {problems: [], history: [], writes: {teams: [], indicators: [], targets: [], wholeService: [], aliases: [], settings: []}, counts: new Map()};

	function compare<R>(items: readonly Item<R>[], storedRows: readonly R[], spec: Spec<R>, write: R[]): RowStatus[] {
		const byKey = new Map<string, R>();
		for (const row of storedRows) byKey.set(spec.key(row), row);
		return items.map(({where, record}) => {
			const previous = byKey.get(spec.key(record));
			if (previous === undefined) {
				write.push(record);
				return 'added';
			}
			if (spec.same(previous, record)) return 'unchanged';
			if (options.replace) {
				write.push(record);
				diff.history.push({kind: spec.kind, key: JSON.stringify(spec.keyJson(record)), previous: JSON.stringify(previous)});
			} else {
				diff.problems.push(problemAt(where.source, where.line, null, `${spec.conflict(previous, record)} (use --replace to replace it)`));
			}
			return 'changed';
		});
	}
	const tally = (kind: Kind, statuses: RowStatus[]) => {
		if (statuses.length === 0) return;
		const counts = diff.counts.get(kind) ?? {added: 0, changed: 0, unchanged: 0};
		for (const status of statuses) counts[status]++;
		diff.counts.set(kind, counts);
	};

	// A teams file's ALL row counts as one of its rows.
	const service = compare(validated.wholeService, reference.wholeService === null ? [] : [reference.wholeService], wholeServiceSpec, diff.writes.wholeService);
	tally('teams', [...compare(validated.teams, reference.teams, teamSpec, diff.writes.teams), ...service]);
	tally('team_aliases', compare(validated.aliases, reference.aliases, aliasSpec, diff.writes.aliases));
	tally('settings', compare(validated.settings, reference.settings, settingSpec, diff.writes.settings));

	// An indicators row carries the indicator (on its first row) and one target version.
	const definitionStatus = compare(validated.indicators, reference.indicators, indicatorSpec, diff.writes.indicators);
	const targetStatus = compare(validated.targets, reference.targets, targetSpec, diff.writes.targets);
	const rowStatus = new Map<string, RowStatus>();
	const place = (where: Where) => `${where.source.index}:${where.line}`;
	validated.targets.forEach((item, i) => rowStatus.set(place(item.where), targetStatus[i]!));
	const combined = (a: RowStatus, b: RowStatus | undefined): RowStatus =>
		a === 'changed' || b === 'changed' ? 'changed' : a === 'added' || b === 'added' ? 'added' : 'unchanged';
	validated.indicators.forEach((item, i) => rowStatus.set(place(item.where), combined(definitionStatus[i]!, rowStatus.get(place(item.where)))));
	tally('indicators', [...rowStatus.values()]);
	return diff;
}

/** "X is already stored as A; this file has B" for a data row a load would change. */
export function conflictMessage(kind: DataKind, stored: Record<string, unknown>, loaded: Record<string, unknown>, unitOf: (indicator: string) => Unit | null): string {
	switch (kind) {
		case 'measures':
			return measureConflict(stored as DbMeasureRow, loaded as DbMeasureRow, unitOf);
		case 'benchmarks':
			return benchmarkConflict(stored as DbBenchmarkRow, loaded as DbBenchmarkRow, unitOf);
		case 'commentary':
			return commentaryConflict(stored as DbCommentaryRow, loaded as DbCommentaryRow);
		case 'caseloads':
			return caseloadConflict(stored as DbCaseloadRow, loaded as DbCaseloadRow);
		case 'rebases':
			return rebaseConflict(stored as DbRebaseRow, loaded as DbRebaseRow);
		case 'published':
			return publishedConflict(stored, loaded);
		case 'neighbours':
			return `statistical neighbour ${String(loaded['rank'])} of ${String(loaded['la_code'])} is already stored as ${String(stored['neighbour'])}; this file has ${String(loaded['neighbour'])}`;
	}
}

/** A figure of an older release than the one stored, that differs from it. */
function publishedConflict(stored: Record<string, unknown>, loaded: Record<string, unknown>): string {
	const show = (row: Record<string, unknown>) => (row['value'] === null ? `not published (${String(row['code'] ?? 'blank')})` : showNumber(Number(row['value'])));
	const release = (row: Record<string, unknown>) => (row['release'] === null ? 'an unknown release' : `the ${String(row['release'])} release`);
	return `${String(loaded['series'])} ${String(loaded['year'])} for ${String(loaded['name'])} (${String(loaded['area'])}) is already stored from ${release(stored)} as ${show(stored)}; this file, ${release(loaded)}, has ${show(loaded)}: an older release does not replace a newer one`;
}

const quote = (text: string, max = 40): string => `"${printable(text.replace(/\s*\n\s*/g, ' '), max)}"`;

const teamSpec: Spec<DbTeamRow> = {
	kind: 'teams',
	key: row => row.code,
	keyJson: row => ({code: row.code}),
	same: (a, b) => a.name === b.name && sameNumber(a.population, b.population),
	conflict: (a, b) => {
		const show = (row: DbTeamRow) => `${quote(row.name)}, ${row.population === null ? 'no population' : `population ${showNumber(row.population)}`}`;
		return `team ${b.code} is already stored as ${show(a)}; this file has ${show(b)}`;
	},
};

const wholeServiceSpec: Spec<DbWholeServiceRow> = {
	kind: 'whole_service',
	key: () => 'ALL',
	keyJson: () => ({code: 'ALL'}),
	same: (a, b) => a.name === b.name && sameNumber(a.population, b.population),
	conflict: (a, b) => {
		const show = (row: DbWholeServiceRow) => `${quote(row.name)}, ${row.population === null ? "the teams' population" : `population ${showNumber(row.population)}`}`;
		return `the whole service (ALL) is already stored as ${show(a)}; this file has ${show(b)}`;
	},
};

const aliasSpec: Spec<DbTeamAliasRow> = {
	kind: 'team_aliases',
	key: row => row.key,
	keyJson: row => ({alias: row.key}),
	same: (a, b) => a.team === b.team && a.alias === b.alias,
	conflict: (a, b) => `alias ${quote(b.alias)} is already stored as ${quote(a.alias)} for team ${a.team}; this file has ${quote(b.alias)} for team ${b.team}`,
};

const settingSpec: Spec<DbSettingRow> = {
	kind: 'settings',
	key: row => row.setting,
	keyJson: row => ({setting: row.setting}),
	// Values are canonical text (parseSetting's), so equal settings are equal strings.
	same: (a, b) => a.value === b.value,
	conflict: (a, b) => `setting ${b.setting} is already stored as ${quote(a.value)}; this file has ${quote(b.value)}`,
};

const INDICATOR_FIELDS = ['number', 'title', 'unit', 'polarity', 'measure', 'definition', 'short_title', 'derive', 'published'] as const;

const indicatorSpec: Spec<DbIndicatorRow> = {
	kind: 'indicators',
	key: row => row.code,
	keyJson: row => ({code: row.code}),
	same: (a, b) => INDICATOR_FIELDS.every(field => a[field] === b[field]),
	conflict: (a, b) => {
		const fields = INDICATOR_FIELDS.filter(field => a[field] !== b[field]);
		const show = (row: DbIndicatorRow) => fields.map(field => `${field} ${typeof row[field] === 'string' ? quote(String(row[field]), 30) : row[field]}`).join(', ');
		return `indicator ${b.code} is already stored with ${show(a)}; this file has ${show(b)}`;
	},
};

const targetSpec: Spec<DbTargetRow> = {
	kind: 'targets',
	key: row => joinKey(row.indicator, row.effective_from),
	keyJson: row => ({indicator: row.indicator, effective_from: row.effective_from}),
	same: (a, b) => sameNumber(a.target, b.target) && sameNumber(a.amber, b.amber),
	conflict: (a, b) => {
		const show = (row: DbTargetRow) =>
			`${row.target === null ? 'no target' : `target ${showNumber(row.target)}`}, ${row.amber === null ? 'no amber band' : `amber ${showNumber(row.amber)}`}`;
		const which = b.effective_from === BASE_TARGET ? `${b.indicator}'s base target` : `${b.indicator}'s target from ${b.effective_from}`;
		return `${which} is already stored as ${show(a)}; this file has ${show(b)}`;
	},
};

const SUFFIX: Record<Unit, string> = {count: '', percent: '%', rate_per_10k: ' per 10,000', days: ' days', average: ''};

function measureConflict(a: DbMeasureRow, b: DbMeasureRow, unitOf: (indicator: string) => Unit | null): string {
			const suffix = SUFFIX[unitOf(b.indicator) ?? 'count'];
			const fraction = (row: DbMeasureRow) =>
				row.numerator !== null && row.denominator !== null ? `${showNumber(row.numerator)}/${showNumber(row.denominator)}` : null;
			// Enough decimals that the two figures do not read the same.
			let decimals = 1;
			while (decimals < 9 && showNumber(a.value, decimals) === showNumber(b.value, decimals)) decimals++;
			const value = (row: DbMeasureRow) => `${showNumber(row.value, decimals)}${suffix}`;
			const before = fraction(a) === null ? value(a) : `${fraction(a)} = ${value(a)}`;
			const after = fraction(b) ?? value(b);
			return `${b.period} ${b.indicator} ${b.team} is already stored as ${before}; this file has ${after}`;
}

function benchmarkConflict(a: DbBenchmarkRow, b: DbBenchmarkRow, unitOf: (indicator: string) => Unit | null): string {
			const suffix = SUFFIX[unitOf(b.indicator) ?? 'count'];
			let decimals = 1;
			while (decimals < 9 && showNumber(a.value, decimals) === showNumber(b.value, decimals)) decimals++;
			return `${b.period} ${b.indicator} ${b.benchmark} is already stored as ${showNumber(a.value, decimals)}${suffix}; this file has ${showNumber(b.value, decimals)}${suffix}`;
}

const commentaryConflict = (a: DbCommentaryRow, b: DbCommentaryRow): string => `commentary for ${b.period} ${b.indicator} is already stored as ${quote(a.text, 30)}; this file has ${quote(b.text, 30)}`;

// The worker is named by the line only: the reference identifies a person.
const caseloadConflict = (a: DbCaseloadRow, b: DbCaseloadRow): string =>
		`${b.period} ${b.team} ${b.service}: this worker is already stored with fte ${showNumber(a.fte)}, caseload ${a.caseload}; this file has fte ${showNumber(b.fte)}, caseload ${b.caseload}`;

function rebaseConflict(a: DbRebaseRow, b: DbRebaseRow): string {
	const show = (row: DbRebaseRow) => (a.type === b.type ? `reason ${quote(row.reason, 30)}` : a.reason === b.reason ? `type ${row.type}` : `type ${row.type}, reason ${quote(row.reason, 30)}`);
	return `rebase for ${b.period} ${b.indicator} is already stored with ${show(a)}; this file has ${show(b)}`;
}
