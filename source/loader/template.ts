// `--template DIR`: a start for a team new to the loader: an empty CSV per kind (its header; the
// settings file also its example row) and
// one workbook with a sheet per kind, its header and one example row that loads as it is.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {KIND_COLUMNS, KINDS, type TypedKind as Kind} from './kinds.js';

type Example = Record<string, string | number | Date | null>;

const month = new Date('2017-12-01T00:00:00Z');

const EXAMPLES: Record<Kind, Example> = {
	teams: {code: 'EAST', name: 'East', population: 107112},
	indicators: {
		code: 'FA45',
		number: 1,
		title: 'Family assessments completed in timescale',
		unit: 'percent',
		polarity: 'higher',
		target: 85,
		amber: 5,
		measure: 'monthly',
		definition: 'Assessments completed within 45 working days',
		effective_from: null,
		derive: null,
		published: null,
	},
	measures: {period: month, indicator: 'FA45', team: 'EAST', numerator: 340, denominator: 359, value: null},
	benchmarks: {period: month, indicator: 'FA45', benchmark: 'national', value: 83},
	commentary: {period: month, indicator: 'FA45', text: 'Above target for the third month.'},
	caseloads: {period: month, team: 'EAST', service: 'assessment', worker: 'W10234', fte: 0.8, caseload: 14},
	rebases: {period: month, indicator: 'FA45', reason: 'New front-door model', type: 'recalculate'},
	team_aliases: {alias: 'East Locality Team', team: 'EAST'},
	// The default, written out: loading it changes nothing a store did not already mean.
	settings: {setting: 'reporting_year_start', value: 4},
};

// Kinds whose CSV carries its example row too: a settings file is a few rows, each one a choice.
const CSV_EXAMPLES: ReadonlySet<Kind> = new Set(['settings']);

const csvField = (value: Example[string]): string => (value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 7) : String(value));

export const WORKBOOK_NAME = 'scorecard-template.xlsx';

const columnsOf = (kind: Kind): string[] => [...KIND_COLUMNS[kind].required, ...KIND_COLUMNS[kind].optional];

/** Anything at the path, a symbolic link that leads nowhere included (fs.existsSync follows links). */
function present(file: string): boolean {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

// 'wx': created here or not at all; a link planted at the name (even one leading nowhere) is never followed.
const create = (file: string, data: string | Buffer) => fs.writeFileSync(file, data, {flag: 'wx'});

/** The files to write, by name; refuses (returns the names already there, links included) rather than overwrite. */
export async function writeTemplates(dir: string): Promise<{written: string[]} | {existing: string[]}> {
	const names = [...KINDS.map(kind => `${kind}.csv`), WORKBOOK_NAME];
	const existing = names.filter(name => present(path.join(dir, name)));
	if (existing.length > 0) return {existing};
	fs.mkdirSync(dir, {recursive: true});
	try {
		for (const kind of KINDS) {
			const columns = columnsOf(kind);
			const example = CSV_EXAMPLES.has(kind) ? `${columns.map(column => csvField(EXAMPLES[kind][column] ?? null)).join(',')}\n` : '';
			create(path.join(dir, `${kind}.csv`), `${columns.join(',')}\n${example}`);
		}
	} catch (error) {
		// Made by someone else meanwhile: named, never overwritten.
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return {existing: names.filter(name => present(path.join(dir, name)))};
		throw error;
	}
	const workbook = new ExcelJS.Workbook();
	for (const kind of KINDS) {
		const sheet = workbook.addWorksheet(kind);
		const columns = columnsOf(kind);
		sheet.addRow(columns).font = {bold: true};
		const row = sheet.addRow(columns.map(column => EXAMPLES[kind][column] ?? null));
		columns.forEach((column, i) => {
			if (column === 'period') row.getCell(i + 1).numFmt = 'mmm-yy';
			sheet.getColumn(i + 1).width = Math.max(column.length + 2, 12);
		});
	}
	create(path.join(dir, WORKBOOK_NAME), Buffer.from(await workbook.xlsx.writeBuffer()));
	return {written: names};
}
