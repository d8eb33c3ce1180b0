// Reads an Annex A workbook into the rows the derivations need, and nothing else: no child-level
// detail leaves this module except a child's ID (for re-referrals) and dates. Problems name sheet,
// row and cell, never a value from a child's row (not even a team name: a misfilled Allocated
// Team cell may hold a worker's name or a child's ID).
import {displayLine} from '../../domain/text.js';
import {LIST_OF, type AnnexList, type Assessment, type Derivation, type Extract, type LookedAfter, type Plan, type Referral} from '../../domain/annex-a.js';
import {dayOf, validDay, type Day} from '../../domain/working-days.js';
import {cellsByColumn, columnLetter, readWorkbook, WorkbookError, type Cell} from '../workbook.js';
import {COLUMNS, matchHeader, type Field} from './columns.js';

export type AnnexProblem = {sheet: string; row: number; column: number | null; message: string};

export type ListSummary = {list: AnnexList; sheet: string; hidden: boolean; read: number; used: number; skipped: Map<string, number>};

export type ReadResult = {
	extract: Extract;
	lists: ListSummary[];
	/** Sheets that are not one of the lists used (other lists, notes). */
	notUsed: string[];
	problems: AnnexProblem[];
};

export type ReadOptions = {
	from: Day;
	to: Day;
	/** Alias, trimmed and lower-case, to team code. */
	aliases: ReadonlyMap<string, string>;
	/** The derivations the catalogue asks for: their lists must be in the workbook. */
	derivations: ReadonlySet<Derivation>;
};

/** `List 4`, `list4`, `List 4 - Assessments`, `LIST_04` are List 4. */
export function listOfSheet(name: string): AnnexList | null {
	const match = /^\s*list\s*[-_ ]?\s*0*(\d+)(?!\d)/i.exec(name);
	if (!match) return null;
	const list = `List ${match[1]}`;
	return list === 'List 3' || list === 'List 4' || list === 'List 7' || list === 'List 8' ? list : null;
}

export async function readAnnexA(path: string, options: ReadOptions): Promise<ReadResult> {
	const needed = new Set([...options.derivations].map(derive => LIST_OF[derive]));
	const extract: Extract = {from: options.from, to: options.to, referrals: [], assessments: [], plans: [], lookedAfter: [], teams: []};
	const result: ReadResult = {extract, lists: [], notUsed: [], problems: []};
	const teams = new Set<string>();
	const unmapped = new Set<string>();
	try {
		for await (const sheet of readWorkbook(path)) {
			const list = listOfSheet(sheet.name);
			if (list === null || !needed.has(list) || result.lists.some(seen => seen.list === list)) {
				result.notUsed.push(sheet.name);
				continue;
			}
			const summary: ListSummary = {list, sheet: sheet.name, hidden: sheet.hidden, read: 0, used: 0, skipped: new Map()};
			result.lists.push(summary);
			const problem = (row: number, column: number | null, message: string) => result.problems.push({sheet: sheet.name, row, column, message});
			let fields: Map<Field, number> | undefined;
			// Formula cells the lists' columns hold with no saved result: refused once, at the first.
			let unsaved: {row: number; column: number; count: number} | null = null;
			for await (const row of sheet.rows) {
				if (fields === undefined) {
					const names = new Array<string>(row.cells[row.cells.length - 1]!.column).fill('');
					for (const {column, cell} of row.cells) if (cell.kind === 'text') names[column - 1] = cell.text;
					const header = matchHeader(list, names);
					if (!header.ok) {
						problem(row.number, null, header.message);
						break;
					}
					fields = header.fields;
					continue;
				}
				summary.read++;
				const at = fields;
				const cells = cellsByColumn(row);
				const cell = (field: Field): Cell => cells.get((at.get(field) ?? -2) + 1) ?? {kind: 'empty'};
				let failed = false;
				for (const field of at.keys()) {
					if (cell(field).kind !== 'unsaved') continue;
					unsaved ??= {row: row.number, column: at.get(field)! + 1, count: 0};
					unsaved.count++;
					failed = true;
				}
				if (failed) continue;
				const date = (field: Field): Day | null => {
					const parsed = parseDate(cell(field));
					if (parsed === undefined) {
						problem(row.number, at.get(field)! + 1, `${COLUMNS[field].title} is not a date (an Excel date or dd/mm/yyyy)`);
						failed = true;
						return null;
					}
					return parsed;
				};
				const yes = (field: Field): boolean => {
					const parsed = parseYesNo(cell(field));
					if (parsed === undefined) {
						problem(row.number, at.get(field)! + 1, `${COLUMNS[field].title} is not yes or no (Yes, Y, a) Yes, No, N, b) No)`);
						failed = true;
						return false;
					}
					return parsed ?? false;
				};
				const team = (): string | null => {
					const name = textOf(cell('team'));
					if (name === '') return null;
					const code = options.aliases.get(name.toLowerCase());
					if (code !== undefined) {
						teams.add(code);
						return code;
					}
					if (!unmapped.has(name.toLowerCase())) {
						unmapped.add(name.toLowerCase());
						// The cell is named, never quoted: a misfilled Allocated Team may hold a worker's name or a child's ID.
						problem(row.number, at.get('team')! + 1, `Allocated Team names a team that is not in the team aliases: add that name to team aliases (the name is not shown here: it is from a child's row)`);
					}
					failed = true;
					return null;
				};
				const skip = (reason: string) => summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + 1);
				const count = (): number | null | 'absent' | undefined => {
					if (!at.has('referralCount')) return 'absent';
					const value = cell('referralCount');
					if (value.kind === 'empty') return null;
					const number = value.kind === 'number' ? value.value : value.kind === 'text' && /^\d+$/.test(value.text.trim()) ? Number(value.text.trim()) : NaN;
					if (Number.isInteger(number) && number >= 0 && number < 1000) return number;
					problem(row.number, at.get('referralCount')! + 1, `${COLUMNS.referralCount.title} is not a whole number`);
					failed = true;
					return undefined;
				};
				const used = readRow(list, {count, cell, date, yes, team, skip, extract, options});
				if (failed) continue;
				if (used) summary.used++;
			}
			if (unsaved !== null) {
				const more = unsaved.count > 1 ? ` (and ${unsaved.count - 1} more in this sheet)` : '';
				problem(unsaved.row, unsaved.column, `formula with no saved value${more}: open and save the file in Excel or LibreOffice, or save values`);
			}
		}
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		result.problems.push({sheet: '', row: 0, column: null, message: `cannot read the workbook: ${error.message}`});
		return result;
	}
	for (const list of needed) {
		if (result.lists.some(seen => seen.list === list)) continue;
		const uses = [...options.derivations].filter(derive => LIST_OF[derive] === list).join(', ');
		result.problems.push({sheet: '', row: 0, column: null, message: `the workbook has no ${list} sheet, which ${uses} needs`});
	}
	extract.teams = [...teams].sort();
	return result;
}

type RowContext = {
	/** List 3's count of referrals in the last 12 months: 'absent' without the column, null when blank, undefined when not a count (reported). */
	count: () => number | null | 'absent' | undefined;
	cell: (field: Field) => Cell;
	date: (field: Field) => Day | null;
	yes: (field: Field) => boolean;
	team: () => string | null;
	skip: (reason: string) => void;
	extract: Extract;
	options: ReadOptions;
};

/** One row into the extract; false when skipped (the reason counted). */
function readRow(list: AnnexList, row: RowContext): boolean {
	const {from, to} = row.options;
	const team = row.team();
	switch (list) {
		case 'List 3': {
			const child = textOf(row.cell('child'));
			const referred = row.date('referred');
			if (referred === null) return skipped(row, 'no date of referral');
			if (child === '') return skipped(row, 'no Child Unique ID');
			if (referred < from || referred > to) return skipped(row, "referred outside the extract's period");
			const count = row.count();
			if (count === undefined) return false;
			row.extract.referrals.push({child, referred, team, ...(count === 'absent' ? {} : {count})} satisfies Referral);
			return true;
		}
		case 'List 4': {
			const start = row.date('assessmentStart');
			const authorised = row.date('authorised');
			const seen = row.yes('seen');
			if (start === null) return skipped(row, 'no start date');
			if (authorised === null) return skipped(row, 'open (no authorisation date)');
			if (authorised < start) return skipped(row, 'authorised before it started');
			if (authorised < from || authorised > to) return skipped(row, "authorised outside the extract's period");
			row.extract.assessments.push({start, authorised, seen, team} satisfies Assessment);
			return true;
		}
		case 'List 7': {
			const start = row.date('planStart');
			const end = row.date('planEnd');
			if (start === null) return skipped(row, 'no plan start date');
			if (end !== null && end < start) return skipped(row, 'ends before it starts');
			row.extract.plans.push({start, end, team} satisfies Plan);
			return true;
		}
		case 'List 8': {
			const start = row.date('careStart');
			const end = row.date('careEnd');
			const uasc = row.yes('uasc');
			if (start === null) return skipped(row, 'no date started to be looked after');
			if (end !== null && end < start) return skipped(row, 'ceased before it started');
			row.extract.lookedAfter.push({start, end, uasc, team} satisfies LookedAfter);
			return true;
		}
	}
}

function skipped(row: RowContext, reason: string): false {
	row.skip(reason);
	return false;
}

function textOf(cell: Cell): string {
	if (cell.kind === 'text') return cell.text;
	if (cell.kind === 'number') return String(cell.value);
	return '';
}

const EXCEL_EPOCH = dayOf(1899, 12, 30);

/** null for a blank cell, undefined for one that is not a date. */
export function parseDate(cell: Cell): Day | null | undefined {
	switch (cell.kind) {
		case 'empty':
			return null;
		case 'date':
			return Math.floor(cell.date.getTime() / 86_400_000);
		case 'number':
			// A date serial without a date format.
			return cell.value >= 1 && cell.value < 2_958_466 ? EXCEL_EPOCH + Math.floor(cell.value) : undefined;
		case 'text': {
			const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(cell.text);
			if (uk) return validDay(Number(uk[3]), Number(uk[2]), Number(uk[1])) ?? undefined;
			const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(cell.text);
			if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? undefined;
			return undefined;
		}
		default:
			return undefined;
	}
}

const YES = new Set(['yes', 'y', 'a) yes', 'a)yes', 'true', '1']);
const NO = new Set(['no', 'n', 'b) no', 'b)no', 'false', '0']);

/** null for a blank cell, undefined for neither yes nor no. */
export function parseYesNo(cell: Cell): boolean | null | undefined {
	if (cell.kind === 'empty') return null;
	if (cell.kind === 'boolean') return cell.value;
	const text = textOf(cell).trim().toLowerCase().replace(/\s+/g, ' ');
	if (YES.has(text)) return true;
	if (NO.has(text)) return false;
	return undefined;
}

/** `annex.xlsx [List 4] row 12 (C12)`, or the workbook alone for a problem with the whole file. */
export function formatAnnexProblem(path: string, problem: AnnexProblem): string {
	const clean = (text: string) => displayLine(text);
	if (problem.sheet === '') return clean(`${path}: ${problem.message}`);
	const cell = problem.column === null ? '' : ` (${columnLetter(problem.column)}${problem.row})`;
	return clean(`${path} [${problem.sheet}] row ${problem.row}${cell}: ${problem.message}`);
}
