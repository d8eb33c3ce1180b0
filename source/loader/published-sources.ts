import nodePath from 'node:path';
import {datasetSpec, readDfeRow, readNeighbourRow} from '../domain/dfe-files.js';
import type {PublishedDataKind, Stage} from '../store/staging.js';
import type {ProblemLog} from './problems.js';
import {problemAt} from './row-reader.js';
import {fieldText, type RowSource} from './row-source.js';
import {reporter} from './validate.js';

// DfE's files into the load's stage as they are published: every area's figure for every year,
// a code where DfE publishes one (never a 0), and the statistical-neighbour model's rows.

export const PUBLISHED_RULES: Record<PublishedDataKind, {rule: string; label: (key: Record<string, string>) => string}> = {
	published: {
		rule: 'one figure per series, year and area: give one release of each file',
		label: key => `${key['series']} ${key['year']} for area ${key['area']}`,
	},
	neighbours: {rule: 'one row per authority in the neighbour model', label: key => `statistical neighbour ${key['rank']} of ${key['la_code']}`},
};

/** What a load read from one DfE file, for its summary. */
export type PublishedFileSummary = {
	path: string;
	/** The publication (`c1`, `csww`, ...) or `neighbours`. */
	dataset: string;
	title: string;
	/** The newest year in the file: its release. */
	release: number | null;
	first: number | null;
	rows: number;
	/** Figures (or neighbour links) taken; rows of other breakdowns and levels are not read. */
	figures: number;
	notRead: number;
};

/** One source's rows staged; `base` is its first place (index·2^32). */
export async function stagePublishedSource(stage: Stage, source: RowSource, base: number, problems: ProblemLog): Promise<PublishedFileSummary> {
	const file = nodePath.basename(source.path) + (source.sheet === undefined ? '' : ` [${source.sheet}]`);
	const summary: PublishedFileSummary = {path: source.path, dataset: source.dataset ?? 'neighbours', title: '', release: null, first: null, rows: 0, figures: 0, notRead: 0};
	const report = reporter(source, problems);
	if (source.kind === 'neighbours') {
		summary.title = 'statistical-neighbour model';
		for await (const record of source.records(report)) {
			summary.rows++;
			const read = readNeighbourRow(name => (source.columns.has(name) ? fieldText(record.cells[name]) : undefined));
			if (!read.ok) {
				problems.push(problemAt(source, record.line, read.column, read.message));
				continue;
			}
			const {la, name, region, neighbours} = read.row;
			for (const n of neighbours) {
				await stage.add(base + record.line, true, [la, n.rank, n.code, n.closeness, name, region]);
				summary.figures++;
			}
		}
		return summary;
	}
	const dataset = source.dataset!;
	summary.title = datasetSpec(dataset).title;
	for await (const record of source.records(report)) {
		summary.rows++;
		const read = readDfeRow(dataset, name => (source.columns.has(name) ? fieldText(record.cells[name]) : undefined));
		if (!read.ok) {
			problems.push(problemAt(source, record.line, read.column, read.message));
			continue;
		}
		if (read.row === null) {
			summary.notRead++;
			continue;
		}
		const row = read.row;
		summary.release = Math.max(summary.release ?? row.year, row.year);
		summary.first = Math.min(summary.first ?? row.year, row.year);
		for (const {series, figure} of row.figures) {
			// The release is the file's newest year, known once it is read through (set below).
			await stage.add(base + record.line, true, [series, row.year, row.area, figure.value, figure.code, row.level, row.name, row.region, row.newCode, null, file]);
			summary.figures++;
		}
	}
	if (summary.release !== null) await stage.setValue('release', summary.release, base, base + 2 ** 32);
	return summary;
}
