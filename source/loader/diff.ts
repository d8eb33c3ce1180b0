import type {Unit} from '../domain/types.js';
import type {
	BenchmarkRow,
	CaseloadRow,
	CommentaryRow,
	HistoryEntry,
	KindRows,
	IndicatorRow,
	MeasureRow,
	RebaseRow,
	StoreReference,
	StoredRows,
	TargetRow,
	TeamRow,
} from '../store/writes.js';
import {printable, sameNumber} from './fields.js';
import type {Kind} from './kinds.js';
import type {Problem} from './problems.js';
import {BASE_TARGET, showNumber, type Item, type Validated, type Where} from './validate.js';

export type RowStatus = 'added' | 'changed' | 'unchanged';
export type KindCounts = {added: number; changed: number; unchanged: number};

/** What a load would do to the store: rows to write, replaced rows to keep, and rows refused. */
export type Diff = {
	problems: Problem[];
	history: HistoryEntry[];
	writes: KindRows;
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

const sameText = (a: string | null, b: string | null): boolean => a === b;

export type DiffOptions = {
	replace: boolean;
	/** An indicator's unit in the store or this load, to show figures in their own terms. */
	unitOf: (indicator: string) => Unit | null;
};

export function diffLoad(validated: Validated, reference: StoreReference, stored: StoredRows, options: DiffOptions): Diff {
	const diff: Diff = {
		problems: [],
		history: [],
		writes: {teams: [], indicators: [], targets: [], measures: [], benchmarks: [], commentary: [], caseloads: [], rebases: []},
		counts: new Map(),
	};

	function compare<R>(items: readonly Item<R>[], storedRows: readonly R[], spec: Spec<R>, write: R[]): RowStatus[] {
		// Nothing stored for these months (always so in a new store): every row is new.
		if (storedRows.length === 0) {
			for (const item of items) write.push(item.record);
			return new Array<RowStatus>(items.length).fill('added');
		}
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
				refuse(where, `${spec.conflict(previous, record)} (use --replace to replace it)`);
			}
			return 'changed';
		});
	}
	const refuse = (where: Where, message: string) => {
		diff.problems.push({file: where.file.path, fileIndex: where.file.index, line: where.line, column: 1, message});
	};
	const tally = (kind: Kind, statuses: RowStatus[]) => {
		if (statuses.length === 0) return;
		const counts = diff.counts.get(kind) ?? {added: 0, changed: 0, unchanged: 0};
		for (const status of statuses) counts[status]++;
		diff.counts.set(kind, counts);
	};

	tally('teams', compare(validated.teams, reference.teams, teamSpec, diff.writes.teams));

	// An indicators row carries the indicator (on its first row) and one target version.
	const definitionStatus = compare(validated.indicators, reference.indicators, indicatorSpec, diff.writes.indicators);
	const targetStatus = compare(validated.targets, reference.targets, targetSpec, diff.writes.targets);
	const rowStatus = new Map<string, RowStatus>();
	const place = (where: Where) => `${where.file.index}:${where.line}`;
	validated.targets.forEach((item, i) => rowStatus.set(place(item.where), targetStatus[i]!));
	const combined = (a: RowStatus, b: RowStatus | undefined): RowStatus =>
		a === 'changed' || b === 'changed' ? 'changed' : a === 'added' || b === 'added' ? 'added' : 'unchanged';
	validated.indicators.forEach((item, i) => rowStatus.set(place(item.where), combined(definitionStatus[i]!, rowStatus.get(place(item.where)))));
	tally('indicators', [...rowStatus.values()]);

	tally('measures', compare(validated.measures, stored.measures, measureSpec(options.unitOf), diff.writes.measures));
	tally('benchmarks', compare(validated.benchmarks, stored.benchmarks, benchmarkSpec(options.unitOf), diff.writes.benchmarks));
	tally('commentary', compare(validated.commentary, stored.commentary, commentarySpec, diff.writes.commentary));
	tally('caseloads', compare(validated.caseloads, stored.caseloads, caseloadSpec, diff.writes.caseloads));
	tally('rebases', compare(validated.rebases, stored.rebases, rebaseSpec, diff.writes.rebases));
	return diff;
}

const quote = (text: string, max = 40): string => `"${printable(text.replace(/\s*\n\s*/g, ' '), max)}"`;

const teamSpec: Spec<TeamRow> = {
	kind: 'teams',
	key: row => row.code,
	keyJson: row => ({code: row.code}),
	same: (a, b) => a.name === b.name && sameNumber(a.population, b.population),
	conflict: (a, b) => {
		const show = (row: TeamRow) => `${quote(row.name)}, ${row.population === null ? 'no population' : `population ${showNumber(row.population)}`}`;
		return `team ${b.code} is already stored as ${show(a)}; this file has ${show(b)}`;
	},
};

const INDICATOR_FIELDS = ['number', 'title', 'unit', 'polarity', 'measure', 'definition'] as const;

const indicatorSpec: Spec<IndicatorRow> = {
	kind: 'indicators',
	key: row => row.code,
	keyJson: row => ({code: row.code}),
	same: (a, b) => INDICATOR_FIELDS.every(field => a[field] === b[field]),
	conflict: (a, b) => {
		const fields = INDICATOR_FIELDS.filter(field => a[field] !== b[field]);
		const show = (row: IndicatorRow) => fields.map(field => `${field} ${typeof row[field] === 'string' ? quote(String(row[field]), 30) : row[field]}`).join(', ');
		return `indicator ${b.code} is already stored with ${show(a)}; this file has ${show(b)}`;
	},
};

const targetSpec: Spec<TargetRow> = {
	kind: 'targets',
	key: row => joinKey(row.indicator, row.effective_from),
	keyJson: row => ({indicator: row.indicator, effective_from: row.effective_from}),
	same: (a, b) => sameNumber(a.target, b.target) && sameNumber(a.amber, b.amber),
	conflict: (a, b) => {
		const show = (row: TargetRow) =>
			`${row.target === null ? 'no target' : `target ${showNumber(row.target)}`}, ${row.amber === null ? 'no amber band' : `amber ${showNumber(row.amber)}`}`;
		const which = b.effective_from === BASE_TARGET ? `${b.indicator}'s base target` : `${b.indicator}'s target from ${b.effective_from}`;
		return `${which} is already stored as ${show(a)}; this file has ${show(b)}`;
	},
};

const SUFFIX: Record<Unit, string> = {count: '', percent: '%', rate_per_10k: ' per 10,000', days: ' days', average: ''};

function measureSpec(unitOf: DiffOptions['unitOf']): Spec<MeasureRow> {
	return {
		kind: 'measures',
		key: row => joinKey(row.period, row.indicator, row.team),
		keyJson: row => ({period: row.period, indicator: row.indicator, team: row.team}),
		same: (a, b) => sameNumber(a.numerator, b.numerator) && sameNumber(a.denominator, b.denominator) && sameNumber(a.value, b.value),
		conflict: (a, b) => {
			const suffix = SUFFIX[unitOf(b.indicator) ?? 'count'];
			const fraction = (row: MeasureRow) =>
				row.numerator !== null && row.denominator !== null ? `${showNumber(row.numerator)}/${showNumber(row.denominator)}` : null;
			// Enough decimals that the two figures do not read the same.
			let decimals = 1;
			while (decimals < 9 && showNumber(a.value, decimals) === showNumber(b.value, decimals)) decimals++;
			const value = (row: MeasureRow) => `${showNumber(row.value, decimals)}${suffix}`;
			const before = fraction(a) === null ? value(a) : `${fraction(a)} = ${value(a)}`;
			const after = fraction(b) ?? value(b);
			return `${b.period} ${b.indicator} ${b.team} is already stored as ${before}; this file has ${after}`;
		},
	};
}

function benchmarkSpec(unitOf: DiffOptions['unitOf']): Spec<BenchmarkRow> {
	return {
		kind: 'benchmarks',
		key: row => joinKey(row.period, row.indicator, row.benchmark),
		keyJson: row => ({period: row.period, indicator: row.indicator, benchmark: row.benchmark}),
		same: (a, b) => sameNumber(a.value, b.value),
		conflict: (a, b) => {
			const suffix = SUFFIX[unitOf(b.indicator) ?? 'count'];
			let decimals = 1;
			while (decimals < 9 && showNumber(a.value, decimals) === showNumber(b.value, decimals)) decimals++;
			return `${b.period} ${b.indicator} ${b.benchmark} is already stored as ${showNumber(a.value, decimals)}${suffix}; this file has ${showNumber(b.value, decimals)}${suffix}`;
		},
	};
}

const commentarySpec: Spec<CommentaryRow> = {
	kind: 'commentary',
	key: row => joinKey(row.period, row.indicator),
	keyJson: row => ({period: row.period, indicator: row.indicator}),
	same: (a, b) => sameText(a.text, b.text),
	conflict: (a, b) => `commentary for ${b.period} ${b.indicator} is already stored as ${quote(a.text, 30)}; this file has ${quote(b.text, 30)}`,
};

const caseloadSpec: Spec<CaseloadRow> = {
	kind: 'caseloads',
	key: row => joinKey(row.period, row.team, row.service, row.worker),
	keyJson: row => ({period: row.period, team: row.team, service: row.service, worker: row.worker}),
	same: (a, b) => sameNumber(a.fte, b.fte) && sameNumber(a.caseload, b.caseload),
	// The worker is named by the line only: the reference identifies a person.
	conflict: (a, b) =>
		`${b.period} ${b.team} ${b.service}: this worker is already stored with fte ${showNumber(a.fte)}, caseload ${a.caseload}; this file has fte ${showNumber(b.fte)}, caseload ${b.caseload}`,
};

const rebaseSpec: Spec<RebaseRow> = {
	kind: 'rebases',
	key: row => joinKey(row.period, row.indicator),
	keyJson: row => ({period: row.period, indicator: row.indicator}),
	same: (a, b) => sameText(a.reason, b.reason),
	conflict: (a, b) => `rebase for ${b.period} ${b.indicator} is already stored with reason ${quote(a.reason, 30)}; this file has ${quote(b.reason, 30)}`,
};
