// The bench's workbook section: 100,000 measure rows from an .xlsx against the same rows from CSV
// (time and peak RSS), and an Annex A extract of a large authority (about 20,000 rows, four lists).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {parse} from 'csv-parse/sync';
import {dayOf} from '../../source/domain/working-days.js';
import {fixZipTimes, makeExtract, writeExtract} from '../annex-a-data.js';
import type {BigFiles} from './data.js';
import {infoResult, maxResult, ratioResult, type Result} from './report.js';
import {ROOT, timed} from './setup.js';

const LOAD = path.join(ROOT, 'dist/load.js');
const TIME = '/usr/bin/time';

/** The CSVs as one workbook, a sheet per file; periods as real date cells, as Excel keeps them. */
async function csvsToWorkbook(files: string[], file: string): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: true, useStyles: true});
	for (const csv of files) {
		const rows = parse(fs.readFileSync(csv), {bom: true}) as string[][];
		const sheet = workbook.addWorksheet(path.basename(csv, '.csv'));
		const header = rows[0]!;
		const period = header.indexOf('period');
		sheet.addRow(header).commit();
		for (const row of rows.slice(1)) {
			const cells: Array<string | number | Date | null> = row.map((text, i) => {
				if (i === period && /^\d{4}-\d{2}$/.test(text)) return new Date(`${text}-01T00:00:00Z`);
				return text !== '' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === '' ? null : text;
			});
			const added = sheet.addRow(cells);
			if (period >= 0) added.getCell(period + 1).numFmt = 'mmm-yy';
			added.commit();
		}
		sheet.commit();
	}
	await workbook.commit();
	fixZipTimes(file);
}

type Run = {ms: number; rssMiB: number | null};

async function loadRun(db: string, args: string[]): Promise<Run> {
	const withTime = fs.existsSync(TIME);
	const result = withTime ? await timed(TIME, ['-f', 'maxrss %M', process.execPath, LOAD, '--db', db, ...args], {timeoutMs: 120_000}) : await timed(process.execPath, [LOAD, '--db', db, ...args], {timeoutMs: 120_000});
	if (result.code !== 0) throw new Error(`node dist/load.js failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().split('\n').slice(0, 4).join('\n')}`);
	const rss = /maxrss (\d+)/.exec(result.stderr);
	return {ms: result.ms, rssMiB: rss ? Number(rss[1]) / 1024 : null};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const WORKBOOK_TARGETS = ['workbook: 100,000 measure rows', 'workbook: peak RSS', 'Annex A: ~20,000 rows, 4 lists'];

export async function benchWorkbooks(tmp: string, files: BigFiles, results: Result[], details: Record<string, unknown>): Promise<void> {
	const dir = path.join(tmp, 'workbooks');
	fs.mkdirSync(dir, {recursive: true});
	const workbook = path.join(dir, 'figures.xlsx');
	await csvsToWorkbook([files.teams, files.indicators, files.measures], workbook);
	const csv: Run[] = [];
	const xlsx: Run[] = [];
	for (let i = 0; i < 3; i++) {
		csv.push(await loadRun(path.join(dir, `csv-${i}.db`), [files.teams, files.indicators, files.measures]));
		xlsx.push(await loadRun(path.join(dir, `xlsx-${i}.db`), [workbook]));
	}
	details['workbooks'] = {csv, xlsx, rows: files.rows, bytes: fs.statSync(workbook).size};
	results.push(ratioResult(WORKBOOK_TARGETS[0]!, 's', median(xlsx.map(r => r.ms)) / 1000, median(csv.map(r => r.ms)) / 1000, 5, 'the same rows as one .xlsx (a sheet per kind) vs as CSV files; median of 3'));
	const rss = (runs: Run[]) => (runs.every(r => r.rssMiB !== null) ? median(runs.map(r => r.rssMiB!)) : null);
	results.push(infoResult(WORKBOOK_TARGETS[1]!, 'MiB', rss(xlsx), rss(csv), 'peak RSS of the load (/usr/bin/time), workbook vs CSV'));

	const annex = path.join(dir, 'annex-a.xlsx');
	const aliases = [
		{alias: 'East Locality Team', team: 'T01'},
		{alias: 'North West and Central', team: 'T02'},
		{alias: 'South Locality Team', team: 'T03'},
	];
	const lists = makeExtract({children: 13_000, from: dayOf(2017, 1, 1), to: dayOf(2017, 12, 31), seed: 11, aliases});
	await writeExtract(annex, lists);
	const rows = (['List 3', 'List 4', 'List 7', 'List 8'] as const).reduce((sum, list) => sum + lists[list].rows.length, 0);
	const catalogue = path.join(dir, 'annex-indicators.csv');
	fs.writeFileSync(
		catalogue,
		[
			'code,number,title,unit,polarity,target,amber,measure,definition,derive',
			'AFA45,1,Assessments in 45 working days,percent,higher,85,5,monthly,List 4,annex_a.assessments_45wd',
			'ASEEN,2,Seen at assessment,percent,higher,90,5,monthly,List 4,annex_a.seen_at_assessment',
			'AREREF,3,Re-referrals,percent,lower,24,2,monthly,List 3,annex_a.re_referrals_12m',
			'ACPP,4,CP plans per 10k,rate_per_10k,none,,,snapshot,List 7,annex_a.cp_plans',
			'ACLA,5,Children in care,count,none,,,snapshot,List 8,annex_a.children_in_care',
			'ACLAX,6,Children in care excl UASC,count,none,,,snapshot,List 8,annex_a.children_in_care_excl_uasc',
		].join('\n'),
	);
	const aliasFile = path.join(dir, 'team_aliases.csv');
	fs.writeFileSync(aliasFile, `alias,team\n${aliases.map(a => `${a.alias},${a.team}`).join('\n')}\n`);
	const annexRuns: Run[] = [];
	for (let i = 0; i < 3; i++) {
		annexRuns.push(await loadRun(path.join(dir, `annex-${i}.db`), ['--annex-a', annex, '--from', '2017-01-01', '--to', '2017-12-31', files.teams, catalogue, aliasFile]));
	}
	details['annexA'] = {runs: annexRuns, rows};
	results.push(maxResult(WORKBOOK_TARGETS[2]!, 's', median(annexRuns.map(r => r.ms)) / 1000, 5, null, `${rows.toLocaleString('en-GB')} rows over Lists 3, 4, 7, 8 (and List 1 read past), a new store; median of 3`));
}
