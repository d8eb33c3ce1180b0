// The loader's --annex-a step: the catalogue's `derive` column and the team aliases (from the files
// of the same load), the extract read, and the figures derived, handed to the loader as one more
// measures source so they are checked, compared and stored like any other figures.
import crypto from 'node:crypto';
import fs from 'node:fs';
import {DERIVATIONS, UNITS_OF, deriveAnnexA, isOneOfDerivations, type Derivation, type DerivedIndicator} from '../domain/annex-a.js';
import {isOneOf, UNITS} from '../domain/types.js';
import {isoDay, parseIsoDay} from '../domain/working-days.js';
import type {CsvFile, CsvRow} from '../loader/csv-file.js';
import type {Problem} from '../loader/problems.js';
import type {SheetSource} from '../loader/workbook-file.js';
import {readAnnexA, type ListSummary} from './read-extract.js';

export type AnnexOptions = {file: string; from: string; to: string};

export type AnnexSummary = {
	file: string;
	from: string;
	to: string;
	lists: Array<{list: string; sheet: string; read: number; used: number; skipped: Array<[string, number]>}>;
	notUsed: string[];
	indicators: Array<{code: string; derive: Derivation; months: string[]}>;
};

export type AnnexStep = {
	/** The derived figures as a measures source, or null when there were problems. */
	source: CsvFile | null;
	summary: AnnexSummary | null;
	/** Problem locations by file index: the extract's sheets and the derived figures. */
	sheets: Map<number, SheetSource>;
	nextIndex: number;
};

const MEASURE_COLUMNS = new Map(['period', 'indicator', 'team', 'numerator', 'denominator', 'value'].map((name, i) => [name, i]));

/** Checks the dates and the catalogue, reads the extract, derives; problems go to `problems`. */
export async function annexStep(options: AnnexOptions, files: readonly CsvFile[], firstIndex: number, problems: Problem[]): Promise<AnnexStep> {
	const sheets = new Map<number, SheetSource>();
	const step: AnnexStep = {source: null, summary: null, sheets, nextIndex: firstIndex + 1};
	const fileProblem = (message: string) => problems.push({file: options.file, fileIndex: firstIndex, line: 1, column: 1, message});
	const before = problems.length;

	const indicators: DerivedIndicator[] = [];
	const aliases = new Map<string, string>();
	for (const file of files) {
		const report = (row: CsvRow, column: string, message: string) =>
			problems.push({file: file.path, fileIndex: file.index, line: row.line, column: (file.columns.get(column) ?? 0) + 1, message});
		const field = (row: CsvRow, name: string) => (row.fields[file.columns.get(name) ?? -1] ?? '').trim();
		if (file.kind === 'indicators' && file.columns.has('derive')) {
			for (const row of file.rows) {
				const derive = field(row, 'derive');
				if (derive === '') continue;
				const unit = field(row, 'unit');
				if (!isOneOfDerivations(derive)) report(row, 'derive', `derive "${derive.slice(0, 40)}" is not one of ${DERIVATIONS.join(', ')}`);
				else if (!isOneOf(UNITS, unit) || !UNITS_OF[derive].includes(unit)) report(row, 'unit', `${derive} gives a ${UNITS_OF[derive].join(' or a ')}, not a ${unit} figure`);
				else if (!indicators.some(indicator => indicator.code === field(row, 'code'))) indicators.push({code: field(row, 'code'), derive, unit});
			}
		}
		if (file.kind === 'team_aliases') {
			for (const row of file.rows) {
				const alias = field(row, 'alias').toLowerCase();
				const team = field(row, 'team');
				if (alias === '') report(row, 'alias', 'alias is empty');
				else if (team === '') report(row, 'team', 'team is empty');
				else if (aliases.has(alias) && aliases.get(alias) !== team) report(row, 'alias', `alias "${field(row, 'alias')}" is given two teams (${aliases.get(alias)} and ${team})`);
				else aliases.set(alias, team);
			}
		}
	}
	const from = parseIsoDay(options.from);
	const to = parseIsoDay(options.to);
	if (from === null || to === null || from > to) {
		fileProblem(`--from ${options.from} and --to ${options.to} must be days (YYYY-MM-DD), --from first`);
		return step;
	}
	if (indicators.length === 0) fileProblem('no indicator names a derivation: give the catalogue (an indicators file with a derive column) in the same load');
	if (problems.length > before) return step;

	const read = await readAnnexA(options.file, {from, to, aliases, derivations: new Set(indicators.map(indicator => indicator.derive))});
	const sheetIndex = new Map<string, number>();
	for (const problem of read.problems) {
		if (problem.sheet === '') {
			fileProblem(problem.message);
			continue;
		}
		let index = sheetIndex.get(problem.sheet);
		if (index === undefined) {
			index = firstIndex + 1 + sheetIndex.size;
			sheetIndex.set(problem.sheet, index);
			sheets.set(index, {workbook: options.file, sheet: problem.sheet, firstColumn: 1});
		}
		problems.push({file: options.file, fileIndex: index, line: problem.row, column: problem.column ?? 0, message: problem.message});
	}
	const derivedIndex = firstIndex + 1 + sheetIndex.size;
	step.nextIndex = derivedIndex + 1;
	if (problems.length > before) return step;

	const derived = deriveAnnexA(read.extract, indicators);
	// Rows are numbered from 1 so a refusal of a derived figure can say which one it was.
	const rows: CsvRow[] = derived.measures.map((measure, i) => ({
		line: i + 1,
		fields: [measure.period, measure.indicator, measure.team, String(measure.numerator), measure.denominator === null ? '' : String(measure.denominator), ''],
	}));
	sheets.set(derivedIndex, {workbook: options.file, sheet: 'derived figures', firstColumn: 1});
	step.source = {path: options.file, index: derivedIndex, kind: 'measures', columns: MEASURE_COLUMNS, sha256: sha256Of(options.file), rows};
	step.summary = {
		file: options.file,
		from: isoDay(from),
		to: isoDay(to),
		lists: read.lists.map((list: ListSummary) => ({list: list.list, sheet: list.sheet, read: list.read, used: list.used, skipped: [...list.skipped]})),
		notUsed: read.notUsed,
		indicators: indicators.map(indicator => ({code: indicator.code, derive: indicator.derive, months: derived.months.get(indicator.code) ?? []})),
	};
	return step;
}

function sha256Of(path: string): string {
	return crypto.createHash('sha256').update(fs.readFileSync(path)).digest('hex');
}

const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

/** Per list, rows read and used and why any were skipped; per indicator, the months computed. */
export function formatAnnexSummary(summary: AnnexSummary): string {
	const lines = [`Annex A: ${summary.file}, ${summary.from} to ${summary.to}`];
	for (const list of summary.lists) {
		const skipped = list.skipped.map(([reason, count]) => `${grouped(count)} ${reason}`).join(', ');
		lines.push(`  ${list.list} [${list.sheet}]: ${grouped(list.read)} rows read, ${grouped(list.used)} used${skipped === '' ? '' : `; skipped: ${skipped}`}`);
	}
	if (summary.notUsed.length > 0) lines.push(`  not used: ${summary.notUsed.join(', ')}`);
	for (const indicator of summary.indicators) {
		const {months} = indicator;
		const span = months.length === 0 ? 'no complete month' : months.length === 1 ? months[0]! : `${months[0]} to ${months[months.length - 1]} (${months.length} months)`;
		lines.push(`  ${indicator.code} (${indicator.derive}): ${span}`);
	}
	return lines.join('\n');
}
