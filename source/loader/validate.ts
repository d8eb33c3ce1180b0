import {ALL_TEAM, type Unit} from '../domain/types.js';
import type {
	BenchmarkRow,
	CaseloadRow,
	CommentaryRow,
	IndicatorRow,
	MeasureRow,
	RebaseRow,
	StoreReference,
	TargetRow,
	TeamRow,
} from '../store/writes.js';
import type {CsvFile} from './csv-file.js';
import type {Problem} from './problems.js';
import {References, type LoadIndicator, type LoadTeam} from './references.js';
import {KeySet, RowReader, joinKey, type Item} from './row-reader.js';
import {validateBenchmark} from './validate-benchmarks.js';
import {validateCaseload} from './validate-caseloads.js';
import {validateCommentary} from './validate-commentary.js';
import {BASE_TARGET, checkNumbersUnique, sameDefinition, validateIndicator} from './validate-indicators.js';
import {validateMeasure} from './validate-measures.js';
import {validateRebase} from './validate-rebases.js';
import {validateTeam} from './validate-teams.js';
import type {Validation} from './validation.js';

// Validation of a whole load: teams and indicators first (rows of any other file may use them,
// whatever the file order), then every other row through its kind's validator.

export {BASE_TARGET} from './validate-indicators.js';
export {showNumber} from './checks.js';
export type {Item, Where} from './row-reader.js';

export type Validated = {
	teams: Item<TeamRow>[];
	/** One per indicator code: its first row in the load. */
	indicators: Item<IndicatorRow>[];
	targets: Item<TargetRow>[];
	measures: Item<MeasureRow>[];
	benchmarks: Item<BenchmarkRow>[];
	commentary: Item<CommentaryRow>[];
	/** `worker` still holds the trimmed reference here: it is hashed before it is compared or stored. */
	caseloads: Item<CaseloadRow>[];
	rebases: Item<RebaseRow>[];
};

export type DataKind = 'measures' | 'benchmarks' | 'commentary' | 'caseloads' | 'rebases';

type DataRows = {measures: MeasureRow; benchmarks: BenchmarkRow; commentary: CommentaryRow; caseloads: CaseloadRow; rebases: RebaseRow};

/** Each data kind's validator and the rule its key stands for. */
export const DATA_KINDS: {[K in DataKind]: {rule: string; validate: (r: RowReader, refs: References) => Validation<DataRows[K]>}} = {
	measures: {rule: 'one row per period, indicator and team', validate: validateMeasure},
	benchmarks: {rule: 'one row per period, indicator and benchmark', validate: validateBenchmark},
	commentary: {rule: 'one row per period and indicator', validate: validateCommentary},
	caseloads: {rule: 'one row per period, team, service and worker', validate: validateCaseload},
	rebases: {rule: 'one row per period and indicator', validate: validateRebase},
};

export const isDataKind = (kind: string): kind is DataKind => kind in DATA_KINDS;

export function validateFiles(files: readonly CsvFile[], reference: StoreReference, now: Date, problems: Problem[]): Validated {
	const out: Validated = {teams: [], indicators: [], targets: [], measures: [], benchmarks: [], commentary: [], caseloads: [], rebases: []};
	const reader = (file: CsvFile, row: CsvFile['rows'][number]) => new RowReader(file, row, problems);
	const ofKind = (kind: CsvFile['kind']) => files.filter(file => file.kind === kind);

	const loadTeams = new Map<string, LoadTeam>();
	const teamKeys = new KeySet('one row per team code');
	for (const file of ofKind('teams')) {
		for (const row of file.rows) {
			const r = reader(file, row);
			const item = validateTeam(r);
			if (item.code !== undefined && r.text('code').toUpperCase() !== ALL_TEAM && teamKeys.claim(r, joinKey(item.code), () => `team ${item.code}`)) {
				loadTeams.set(item.code, {population: item.population ?? null, usable: !r.failed});
			}
			if (!r.failed) out.teams.push({where: r.where, record: item as TeamRow});
		}
	}

	const loadIndicators = new Map<string, LoadIndicator>();
	const firstIndicatorRow = new Map<string, {row: RowReader; record: Partial<IndicatorRow>}>();
	const targetKeys = new KeySet('one row per indicator and effective_from');
	for (const file of ofKind('indicators')) {
		for (const row of file.rows) {
			const r = reader(file, row);
			const {indicator, target} = validateIndicator(r);
			const code = indicator.code;
			if (code === undefined) continue;
			const first = firstIndicatorRow.get(code);
			if (first === undefined) {
				firstIndicatorRow.set(code, {row: r, record: indicator});
				loadIndicators.set(code, {unit: (indicator.unit as Unit | undefined) ?? null});
				if (!r.failed) out.indicators.push({where: r.where, record: indicator as IndicatorRow});
			} else {
				sameDefinition(r, indicator, first.row, first.record);
			}
			if (target.effective_from !== undefined) {
				const label = target.effective_from === BASE_TARGET ? `${code}'s base target` : `${code}'s target from ${target.effective_from}`;
				targetKeys.claim(r, joinKey(code, target.effective_from), () => label);
			}
			if (!r.failed) out.targets.push({where: r.where, record: target as TargetRow});
		}
	}
	checkNumbersUnique(reference, firstIndicatorRow);

	const refs = new References(reference, loadTeams, loadIndicators, now);
	const keySets = new Map<DataKind, KeySet>();
	for (const file of files) {
		const kind = file.kind;
		if (!isDataKind(kind)) continue;
		const {rule, validate} = DATA_KINDS[kind];
		let keys = keySets.get(kind);
		if (keys === undefined) keySets.set(kind, (keys = new KeySet(rule)));
		const rows = out[kind] as Item<DataRows[typeof kind]>[];
		for (const row of file.rows) {
			const r = reader(file, row);
			const {key, label, record} = validate(r, refs);
			if (key !== undefined) keys.claim(r, joinKey(...key), label);
			if (record !== undefined && !r.failed) rows.push({where: r.where, record});
		}
	}
	return out;
}
