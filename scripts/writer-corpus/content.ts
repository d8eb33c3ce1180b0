// The one content every writer in the corpus writes (scripts/writer-corpus/make.ts): the project's
// own sample rows as typed cells, the same with formulas, the same with three bad cells, and a small
// synthetic Annex A extract. The corpus test builds its CSV side from here too. The rows are a copy
// of the sample's (data/samples) as they were when the corpus was made, kept beside it in
// test/corpus/content: the corpus is a fixture of writers' files, so a change to the sample does not
// make forty workbooks stale (make.ts copies the sample's rows afresh when it remakes them).
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {dayOf, isoDay} from '../../source/domain/working-days.js';
import {makeExtract} from '../annex-a-data.js';

/** A cell as the writers are told it: text, a number, a day, a formatted number, or a formula with the result a spreadsheet would save. */
export type JsonCell =
	| null
	| string
	| number
	| {date: string; format: string}
	| {number: number; format: string}
	| {formula: string; value: number};

export type Sheet = {name: string; rows: JsonCell[][]};
export type Book = {sheets: Sheet[]};
export type Content = Record<'values' | 'formulas' | 'bad' | 'annex-a', Book>;

const SAMPLES = path.resolve(import.meta.dirname, '../../data/samples');
const CONTENT = path.resolve(import.meta.dirname, '../../test/corpus/content');

/** The sample's CSV files the corpus holds, in sheet order (caseloads: December 2017's only, to keep the files small). */
export const KINDS = ['teams', 'indicators', 'measures', 'benchmarks', 'commentary', 'rebases', 'caseloads'] as const;

const NUMERIC = new Set(['population', 'number', 'target', 'amber', 'numerator', 'denominator', 'value', 'fte', 'caseload']);

/** The CSV text of a kind, as the corpus holds it (test/corpus/content). */
export function corpusCsv(kind: (typeof KINDS)[number]): string {
	return fs.readFileSync(path.join(CONTENT, `${kind}.csv`), 'utf8');
}

/** Copies the sample's rows into the corpus's content, as make.ts does before it writes: caseloads of the newest month only. */
export function copySampleContent(): void {
	fs.mkdirSync(CONTENT, {recursive: true});
	for (const kind of KINDS) {
		let text = fs.readFileSync(path.join(SAMPLES, `${kind}.csv`), 'utf8');
		if (kind === 'caseloads') {
			const [header, ...rows] = text.split('\n').filter(Boolean);
			const newest = rows.map(line => line.slice(0, 7)).sort().at(-1);
			text = [header, ...rows.filter(line => line.startsWith(`${newest},`))].join('\n') + '\n';
		}
		fs.writeFileSync(path.join(CONTENT, `${kind}.csv`), text);
	}
}

/** The bad cells: [sheet, row (1 is the header), column name, text]. The CSV side gets the same text. */
export const BAD_CELLS: Array<[string, number, string, string]> = [
	['measures', 5, 'numerator', 'n/a'],
	['measures', 9, 'team', 'east'],
	['benchmarks', 4, 'value', '12..5'],
];

function rowsOf(kind: (typeof KINDS)[number]): {header: string[]; records: string[][]} {
	const [header, ...records] = parse(corpusCsv(kind)) as string[][];
	return {header: header!, records};
}

function typed(kind: string, header: string[], record: string[], units: Map<string, string>, formulas: boolean): JsonCell[] {
	return record.map((text, i) => {
		const column = header[i]!;
		if (text === '') return null;
		if (column === 'period' && /^\d{4}-\d{2}$/.test(text)) return {date: `${text}-01`, format: 'mmm-yy'};
		if (!NUMERIC.has(column) || !/^-?\d+(\.\d+)?$/.test(text)) return text;
		const number = Number(text);
		// A percent indicator's target as Excel users type it: 85% is the fraction 0.85, shown as a percentage.
		if (kind === 'indicators' && column === 'target' && record[header.indexOf('unit')] === 'percent') return {number: Number((number / 100).toPrecision(12)), format: '0%'};
		// Counts summed by a formula, as team sheets total their rows: its saved result is the figure (0 included).
		if (formulas && kind === 'measures' && column === 'numerator' && units.get(record[header.indexOf('indicator')]!) === 'count') return {formula: `ROUND(${number},0)`, value: number};
		return number;
	});
}

function scorecard(formulas: boolean, bad: boolean): Book {
	const units = new Map(rowsOf('indicators').records.map(record => [record[0]!, record[3]!]));
	return {
		sheets: KINDS.map(kind => {
			const {header, records} = rowsOf(kind);
			const rows: JsonCell[][] = [header, ...records.map(record => typed(kind, header, record, units, formulas))];
			if (bad) {
				for (const [sheet, row, column, text] of BAD_CELLS) if (sheet === kind) rows[row - 1]![header.indexOf(column)] = text;
			}
			return {name: kind, rows};
		}),
	};
}

/** The Annex A sample's lists for 2016-2017, smaller (200 children), with dates as Excel dates. */
function annexA(): Book {
	const lists = makeExtract({children: 200, from: dayOf(2016, 1, 1), to: dayOf(2017, 12, 31), seed: 2017});
	const names: Record<string, string> = {'List 1': 'List 1', 'List 3': 'List 3 - Referrals', 'List 4': 'list4', 'List 7': 'List 7 - CP plans', 'List 8': 'List 8'};
	return {
		sheets: Object.entries(lists).map(([list, {header, rows}]) => ({
			name: names[list]!,
			rows: [header, ...rows.map(row => row.map(cell => (cell instanceof Date ? {date: cell.toISOString().slice(0, 10), format: 'dd/mm/yyyy'} : cell)))],
		})),
	};
}

export function corpusContent(): Content {
	return {values: scorecard(false, false), formulas: scorecard(true, false), bad: scorecard(false, true), 'annex-a': annexA()};
}

/** The Annex A content's period, for --from and --to. */
export const ANNEX_FROM = isoDay(dayOf(2016, 1, 1));
export const ANNEX_TO = isoDay(dayOf(2017, 12, 31));

// Characters Excel users type that are not ASCII, but are in Windows-1252: a pound sign, curly quotes, an en dash.
const PLAIN = 'Re-referrals are in line with the previous six months.';
const TYPED = 'Re-referrals are in line with the previous six months \u2013 \u201crepeat\u201d work cost \u00a312k less.';

/** The corpus's CSV as the Excel CSV files hold it, in UTF-8 with YYYY-MM periods: what their load must equal. */
export function referenceCsv(kind: (typeof KINDS)[number]): string {
	const text = corpusCsv(kind);
	if (kind === 'commentary' && !text.includes(PLAIN)) throw new Error('the corpus commentary changed: update content.ts');
	return kind === 'commentary' ? text.replace(PLAIN, TYPED) : text;
}

/** The same as Excel's "Save as CSV" writes it from a sheet with real dates: periods dd/mm/yyyy (UK), CRLF line ends. */
export function excelCsvText(kind: (typeof KINDS)[number]): string {
	return referenceCsv(kind)
		.replace(/^(\d{4})-(\d{2}),/gm, (_, year: string, month: string) => `01/${month}/${year},`)
		.replace(/\n/g, '\r\n');
}
