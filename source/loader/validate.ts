import {ALL_TEAM, type Unit} from '../domain/types.js';
import type {StoreReference} from '../store/load-reads.js';
import type {DbBenchmarkRow, DbCaseloadRow, DbCommentaryRow, DbIndicatorRow, DbMeasureRow, DbRebaseRow, DbSettingRow, DbTargetRow, DbTeamAliasRow, DbTeamRow, DbWholeServiceRow} from '../store/rows.js';
import type {TypedDataKind} from '../store/staging.js';
import type {ProblemLog} from './problems.js';
import {References, type LoadIndicator, type LoadTeam} from './references.js';
import {KeySet, RowReader, joinKey, type Item} from './row-reader.js';
import type {Report, RowSource} from './row-source.js';
import {validateBenchmark} from './validate-benchmarks.js';
import {validateCaseload} from './validate-caseloads.js';
import {validateCommentary} from './validate-commentary.js';
import {BASE_TARGET, checkNumbersUnique, sameDefinition, validateIndicator} from './validate-indicators.js';
import {validateMeasure} from './validate-measures.js';
import {validateRebase} from './validate-rebases.js';
import {validateSetting} from './validate-settings.js';
import {validateTeamAlias} from './validate-team-aliases.js';
import {validateTeam} from './validate-teams.js';
import type {Validation} from './validation.js';

// Validation of a load: teams and indicators first, held in memory (rows of any other source may
// use them, whatever the order), then every other row streamed through its kind's validator.

export {BASE_TARGET} from './validate-indicators.js';
export {showNumber} from './checks.js';
export type {Item, Where} from './row-reader.js';

/** The catalogue rows of a load: teams, and indicators with their target versions. */
export type Catalogue = {
	teams: Item<DbTeamRow>[];
	/** One per indicator code: its first row in the load. */
	indicators: Item<DbIndicatorRow>[];
	targets: Item<DbTargetRow>[];
	/** A teams file's ALL row. */
	wholeService: Item<DbWholeServiceRow>[];
	aliases: Item<DbTeamAliasRow>[];
	/** The store's settings this load gives (canonical values: see domain/store-settings.ts). */
	settings: Item<DbSettingRow>[];
	refs: References;
};

type DataRows = {measures: DbMeasureRow; benchmarks: DbBenchmarkRow; commentary: DbCommentaryRow; caseloads: DbCaseloadRow; rebases: DbRebaseRow};

type DataValidator<K extends TypedDataKind> = {
	rule: string;
	validate: (r: RowReader, refs: References) => Validation<DataRows[K]>;
	/** How a key is named in a message; a worker's reference is never printed (it identifies a person). */
	label: (key: Record<string, string>) => string;
};

export const DATA_VALIDATORS: {[K in TypedDataKind]: DataValidator<K>} = {
	measures: {rule: 'one row per period, indicator and team', validate: validateMeasure, label: k => `${k['period']} ${k['indicator']} ${k['team']}`},
	benchmarks: {rule: 'one row per period, indicator and benchmark', validate: validateBenchmark, label: k => `${k['period']} ${k['indicator']} ${k['benchmark']}`},
	commentary: {rule: 'one row per period and indicator', validate: validateCommentary, label: k => `commentary for ${k['period']} ${k['indicator']}`},
	caseloads: {rule: 'one row per period, team, service and worker', validate: validateCaseload, label: k => `this worker's ${k['period']} ${k['team']} ${k['service']} caseload`},
	rebases: {rule: 'one row per period and indicator', validate: validateRebase, label: k => `rebase for ${k['period']} ${k['indicator']}`},
};

export const isDataKind = (kind: string): kind is TypedDataKind => kind in DATA_VALIDATORS;

export function reporter(source: RowSource, problems: ProblemLog): Report {
	return problem => problems.push({file: source.path, fileIndex: source.index, ...(source.sheet === undefined ? {} : {sheet: source.sheet}), ...problem});
}

/** Teams and indicators of the load, checked against each other and the store. */
export async function validateCatalogue(sources: readonly RowSource[], reference: StoreReference, now: Date, problems: ProblemLog): Promise<Catalogue> {
	const out: Omit<Catalogue, 'refs'> = {teams: [], indicators: [], targets: [], wholeService: [], aliases: [], settings: []};
	const settingKeys = new KeySet('one row per setting');
	for (const source of sources.filter(s => s.kind === 'settings')) {
		for await (const record of source.records(reporter(source, problems))) {
			const r = new RowReader(source, record, problems);
			const item = validateSetting(r);
			if (item.setting !== undefined) settingKeys.claim(r, item.setting, () => `setting ${item.setting}`);
			if (!r.failed) out.settings.push({where: r.where, record: item as DbSettingRow});
		}
	}

	const loadTeams = new Map<string, LoadTeam>();
	const teamKeys = new KeySet('one row per team code');
	for (const source of sources.filter(s => s.kind === 'teams')) {
		for await (const record of source.records(reporter(source, problems))) {
			const r = new RowReader(source, record, problems);
			const item = validateTeam(r);
			if (item.code === ALL_TEAM) {
				// The whole service's own row: its name, and its population where given (else the teams' sum).
				teamKeys.claim(r, joinKey(ALL_TEAM), () => `the whole service (${ALL_TEAM})`);
				if (!r.failed) out.wholeService.push({where: r.where, record: {name: item.name!, population: item.population ?? null}});
				continue;
			}
			if (item.code !== undefined && teamKeys.claim(r, joinKey(item.code), () => `team ${item.code}`)) {
				loadTeams.set(item.code, {population: item.population ?? null, usable: !r.failed});
			}
			if (!r.failed) out.teams.push({where: r.where, record: item as DbTeamRow});
		}
	}

	const loadIndicators = new Map<string, LoadIndicator>();
	const firstIndicatorRow = new Map<string, {row: RowReader; record: Partial<DbIndicatorRow>}>();
	const targetKeys = new KeySet('one row per indicator and effective_from');
	for (const source of sources.filter(s => s.kind === 'indicators')) {
		for await (const record of source.records(reporter(source, problems))) {
			const r = new RowReader(source, record, problems);
			const {indicator, target} = validateIndicator(r);
			const code = indicator.code;
			if (code === undefined) continue;
			const first = firstIndicatorRow.get(code);
			if (first === undefined) {
				firstIndicatorRow.set(code, {row: r, record: indicator});
				loadIndicators.set(code, {unit: (indicator.unit as Unit | undefined) ?? null});
				if (!r.failed) out.indicators.push({where: r.where, record: indicator as DbIndicatorRow});
			} else {
				sameDefinition(r, indicator, first.row, first.record);
			}
			if (target.effective_from !== undefined) {
				const label = target.effective_from === BASE_TARGET ? `${code}'s base target` : `${code}'s target from ${target.effective_from}`;
				targetKeys.claim(r, joinKey(code, target.effective_from), () => label);
			}
			if (!r.failed) out.targets.push({where: r.where, record: target as DbTargetRow});
		}
	}
	checkNumbersUnique(reference, firstIndicatorRow);
	const service = out.wholeService[0]?.record ?? reference.wholeService;
	const refs = new References(reference, loadTeams, loadIndicators, now, service?.population ?? undefined);

	const aliasKeys = new KeySet('one row per alias, ignoring case and surrounding space');
	for (const source of sources.filter(s => s.kind === 'team_aliases')) {
		for await (const record of source.records(reporter(source, problems))) {
			const r = new RowReader(source, record, problems);
			const item = validateTeamAlias(r, refs);
			if (item.key !== undefined) aliasKeys.claim(r, item.key, () => `alias "${item.alias}"`);
			if (!r.failed) out.aliases.push({where: r.where, record: item as DbTeamAliasRow});
		}
	}
	return {...out, refs};
}
