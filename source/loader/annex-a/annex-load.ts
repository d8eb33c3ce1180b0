// The loader's --annex-a step: the catalogue's `derive` column and the team aliases (the store's,
// and the files of the same load over them), the extract read, and the figures derived, handed to the loader as one more
// measures source so they are checked, compared and stored like any other figures.
import crypto from 'node:crypto';
import fs from 'node:fs';
import {bankHolidaysOf} from './bank-holidays.js';
import {DERIVATIONS, UNITS_OF, deriveAnnexA, isOneOfDerivations, workingDayLimit, type Derivation, type DerivedIndicator, type ReReferralSource} from '../../domain/annex-a.js';
import {DEFAULT_SETTINGS, parseSetting, settingsFrom, type WorkingDaysConvention} from '../../domain/store-settings.js';
import {isOneOf, UNITS} from '../../domain/types.js';
import {isoDay, parseIsoDay} from '../../domain/working-days.js';
import {runLoad, type LoadOptions, type LoadResult} from '../load.js';
import {aliasKey} from '../../store/catalogue.js';
import {Connection} from '../../store/connection.js';
import {checkStore} from '../../store/migrations.js';
import {readReference} from '../../store/load-reads.js';
import {printable} from '../fields.js';
import {openSources} from '../open-sources.js';
import {ProblemLog, formatProblems, type Problem} from '../problems.js';
import {fieldText, type RowSource, type SourceRecord} from '../row-source.js';
import {columnLetter} from '../workbook.js';
import {readAnnexA, type ListSummary} from './read-extract.js';

export type AnnexOptions = {file: string; from: string; to: string};

export type AnnexSummary = {
	file: string;
	from: string;
	to: string;
	lists: Array<{list: string; sheet: string; hidden: boolean; read: number; used: number; skipped: Array<[string, number]>}>;
	notUsed: string[];
	indicators: Array<{code: string; derive: Derivation; months: string[]}>;
	/** The working_days_convention the 45 days were counted by (the load's settings file, else the store's). */
	convention: WorkingDaysConvention;
	/** Per month, where its re-referrals came from; and how List 3's count was read. */
	reReferrals: Array<[string, ReReferralSource]>;
	countIncludesReferral: boolean;
};

export type AnnexLoadResult = LoadResult & {annexA?: AnnexSummary};

const MEASURE_COLUMNS = ['period', 'indicator', 'team', 'numerator', 'denominator', 'value'];

// Above any file's source index: a workbook takes one index per sheet.
const DERIVED_INDEX = 1_000_000;

/** The derived figures as a measures source, rows numbered from 1. */
class DerivedSource implements RowSource {
	readonly index = DERIVED_INDEX;
	readonly kind = 'measures' as const;
	readonly sheet = 'derived figures';
	// A child-level extract: its fingerprint in the load log is keyed.
	readonly personal = true;
	readonly columns: ReadonlySet<string> = new Set(MEASURE_COLUMNS);

	constructor(
		readonly path: string,
		readonly sha256: string,
		private readonly derived: SourceRecord[],
	) {}

	get rows(): number {
		return this.derived.length;
	}

	columnNumber(column: string | null): number {
		return column === null ? 1 : MEASURE_COLUMNS.indexOf(column) + 1;
	}

	async *records(): AsyncIterable<SourceRecord> {
		yield* this.derived;
	}
}

/** A load with --annex-a: the extract's problems refuse it alone; else the files and the derived figures load together. */
export async function runAnnexLoad(options: LoadOptions & {annexA: AnnexOptions}): Promise<AnnexLoadResult> {
	const annex = options.annexA;
	const problems = new ProblemLog();
	const refuse = (): AnnexLoadResult => ({ok: false, errors: formatProblems(problems, options.db), total: problems.total});
	const fileProblem = (message: string) => problems.push({file: annex.file, fileIndex: DERIVED_INDEX, line: 1, column: 1, message});

	const from = parseIsoDay(annex.from);
	const to = parseIsoDay(annex.to);
	if (from === null || to === null || from > to) {
		fileProblem(`--from ${annex.from} and --to ${annex.to} must be days (YYYY-MM-DD), --from first`);
		return refuse();
	}
	const {indicators, aliases, convention} = await readCatalogue(options.db, options.files, problems);
	if (problems.total > 0) return refuse();
	if (indicators.length === 0) {
		fileProblem('no indicator names a derivation: give the catalogue (an indicators file with a derive column) in the same load');
		return refuse();
	}

	const read = await readAnnexA(annex.file, {from, to, aliases, derivations: new Set(indicators.map(indicator => indicator.derive))});
	for (const problem of read.problems) {
		if (problem.sheet === '') fileProblem(problem.message);
		else {
			const cell = problem.column === null ? {} : {cell: `${columnLetter(problem.column)}${problem.row}`};
			problems.push({file: annex.file, fileIndex: DERIVED_INDEX, line: problem.row, column: problem.column ?? 1, message: problem.message, sheet: problem.sheet, ...cell});
		}
	}
	if (problems.total > 0) return refuse();

	const derived = deriveAnnexA(read.extract, indicators, bankHolidaysOf(read.extract), {convention});
	const records: SourceRecord[] = derived.measures.map((measure, i) => ({
		line: i + 1,
		cells: {
			period: measure.period,
			indicator: measure.indicator,
			team: measure.team,
			numerator: measure.numerator,
			denominator: measure.denominator,
			value: null,
		},
	}));
	const sha256 = crypto.createHash('sha256').update(fs.readFileSync(annex.file)).digest('hex');
	const result = await runLoad({...options, sources: [...(options.sources ?? []), new DerivedSource(annex.file, sha256, records)]});
	const summary: AnnexSummary = {
		file: annex.file,
		from: isoDay(from),
		to: isoDay(to),
		lists: read.lists.map((list: ListSummary) => ({list: list.list, sheet: list.sheet, hidden: list.hidden, read: list.read, used: list.used, skipped: [...list.skipped]})),
		notUsed: read.notUsed,
		indicators: indicators.map(indicator => ({code: indicator.code, derive: indicator.derive, months: derived.months.get(indicator.code) ?? []})),
		convention,
		reReferrals: [...derived.reReferralSources].sort(([a], [b]) => a.localeCompare(b)),
		countIncludesReferral: derived.countIncludesReferral,
	};
	return {...result, annexA: summary};
}

type Catalogue = {indicators: DerivedIndicator[]; aliases: Map<string, string>; convention: WorkingDaysConvention};

/** The store's derived indicators, team aliases and convention (none, and the default, from an older or absent store). */
async function readStoredCatalogue(db: string): Promise<Catalogue> {
	const empty = {indicators: [], aliases: new Map<string, string>(), convention: DEFAULT_SETTINGS.working_days_convention};
	if (!fs.existsSync(db)) return empty;
	let connection: Connection | undefined;
	try {
		connection = await Connection.open(db, {readonly: true});
		// Nothing is read from a store whose schema the migrations did not make (the load then refuses it).
		await checkStore(connection);
		const reference = await readReference(connection);
		const indicators: DerivedIndicator[] = [];
		for (const {code, unit, derive} of reference.indicators) {
			if (derive && isOneOfDerivations(derive) && isOneOf(UNITS, unit) && UNITS_OF[derive].includes(unit)) indicators.push({code, derive, unit});
		}
		return {indicators, aliases: new Map(reference.aliases.map(alias => [alias.key, alias.team])), convention: settingsFrom(reference.settings).working_days_convention};
	} catch {
		// Not a store, or one made before schema 3: the loader says what is wrong with it.
		return empty;
	} finally {
		await connection?.close();
	}
}

/** Indicators with a `derive` value, the team aliases and the convention: the store's, then the load's files (CSV or sheets) over them. */
async function readCatalogue(db: string, files: readonly string[], problems: ProblemLog): Promise<Catalogue> {
	const stored = await readStoredCatalogue(db);
	let convention: WorkingDaysConvention | undefined;
	const fromFiles = new Set<string>();
	const indicators: DerivedIndicator[] = [];
	const aliases = new Map<string, string>();
	// Problems opening the files are the loader's to report, with everything else in them.
	const ignore = () => undefined;
	let index = 0;
	for (const file of files) {
		const sources = await openSources(file, index, ignore);
		index = Math.max(index + 1, ...sources.map(source => source.index + 1));
		for (const source of sources) {
			if (source.kind !== 'team_aliases' && source.kind !== 'settings' && !(source.kind === 'indicators' && source.columns.has('derive'))) continue;
			const report = (line: number, column: string, message: string) => {
				const problem: Problem = {file: source.path, fileIndex: source.index, line, column: source.columnNumber(column), message};
				const cell = source.cellRef?.(column, line);
				problems.push({...problem, ...(source.sheet === undefined ? {} : {sheet: source.sheet}), ...(cell === undefined ? {} : {cell})});
			};
			for await (const record of source.records(ignore)) {
				const field = (name: string) => fieldText(record.cells[name]).trim();
				if (source.kind === 'settings') {
					// The loader checks every setting; only a good convention is taken here.
					const parsed = parseSetting(field('setting'), field('value'));
					if (parsed.ok && parsed.name === 'working_days_convention') convention = parsed.value as WorkingDaysConvention;
					continue;
				}
				if (source.kind === 'indicators') {
					const derive = field('derive');
					if (derive === '') continue;
					const unit = field('unit');
					if (!isOneOfDerivations(derive)) report(record.line, 'derive', `derive "${printable(derive)}" is not one of ${DERIVATIONS.join(', ')}`);
					else if (!isOneOf(UNITS, unit) || !UNITS_OF[derive].includes(unit)) report(record.line, 'unit', `${derive} gives a ${UNITS_OF[derive].join(' or a ')} figure, not ${unit}`);
					else if (!fromFiles.has(field('code'))) {
						fromFiles.add(field('code'));
						indicators.push({code: field('code'), derive, unit});
					}
					continue;
				}
				const alias = aliasKey(field('alias'));
				const team = field('team');
				if (alias === '') report(record.line, 'alias', 'alias is empty');
				else if (team === '') report(record.line, 'team', 'team is empty');
				else if (aliases.has(alias) && aliases.get(alias) !== team) report(record.line, 'alias', `alias "${printable(field('alias'))}" is given two teams (${aliases.get(alias)} and ${team})`);
				else aliases.set(alias, team);
			}
		}
	}
	for (const indicator of stored.indicators) if (!fromFiles.has(indicator.code)) indicators.push(indicator);
	for (const [key, team] of stored.aliases) if (!aliases.has(key)) aliases.set(key, team);
	return {indicators, aliases, convention: convention ?? stored.convention};
}

const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

/** Per list, rows read and used and why any were skipped; per indicator, the months computed. */
export function formatAnnexSummary(summary: AnnexSummary): string {
	const lines = [`Annex A: ${summary.file}, ${summary.from} to ${summary.to}`];
	if (summary.indicators.some(indicator => indicator.derive === 'annex_a.assessments_45wd')) {
		const words =
			summary.convention === 'after_start'
				? `45 counted from the day after the start, the authorisation day included`
				: `the start day is day 1, as Data to Insight's CIN validator counts: authorised by the ${workingDayLimit(summary.convention)}th working day after the start`;
		lines.push(`  working days: ${summary.convention} (${words})`);
	}
	for (const list of summary.lists) {
		const skipped = list.skipped.map(([reason, count]) => `${grouped(count)} ${reason}`).join(', ');
		lines.push(`  ${list.list} [${list.sheet}]${list.hidden ? ' (a hidden sheet)' : ''}: ${grouped(list.read)} rows read, ${grouped(list.used)} used${skipped === '' ? '' : `; skipped: ${skipped}`}`);
	}
	if (summary.notUsed.length > 0) lines.push(`  not used: ${summary.notUsed.join(', ')}`);
	for (const indicator of summary.indicators) {
		const {months} = indicator;
		const span = months.length === 0 ? 'no complete month' : months.length === 1 ? months[0]! : `${months[0]} to ${months[months.length - 1]} (${months.length} months)`;
		lines.push(`  ${indicator.code} (${indicator.derive}): ${span}`);
		if (indicator.derive === 'annex_a.re_referrals_12m' && months.length > 0) lines.push(...reReferralLines(summary));
	}
	return lines.join('\n');
}

/** Which months' re-referrals came from List 3's count and which from referral dates, as runs of months. */
function reReferralLines(summary: AnnexSummary): string[] {
	const runs: Array<{source: ReReferralSource; first: string; last: string; count: number}> = [];
	for (const [month, source] of summary.reReferrals) {
		const run = runs.at(-1);
		if (run !== undefined && run.source === source) {
			run.last = month;
			run.count++;
		} else runs.push({source, first: month, last: month, count: 1});
	}
	const what = (source: ReReferralSource) =>
		source === 'dates'
			? 'from the referral dates'
			: `from List 3's "Number of Referrals in Last 12 Months" (the look-back is before the extract; read as ${summary.countIncludesReferral ? 'counting the referral itself: 2 or more is a re-referral' : 'counting earlier referrals: 1 or more is a re-referral'})`;
	return runs.map(run => `    ${run.count === 1 ? run.first : `${run.first} to ${run.last}`}: ${what(run.source)}`);
}
