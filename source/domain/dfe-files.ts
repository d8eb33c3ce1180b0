import {TEXT_LIMITS} from './limits.js';
import {SUPPRESSION_CODES, type Calendar, type Series, type SuppressionCode} from './published.js';

// DfE's open-data files as Explore Education Statistics publishes them, read by column name
// (columns move between files and are renamed between vintages): which publication a header is,
// and what one row says. Pure: the loader hands in the header and each row's cells.

export type Dataset = 'c1' | 'cla' | 'care_leavers' | 'csww' | 'd3' | 'd5' | 'b1' | 'ons';

type SeriesSpec = {
	series: Series;
	/** The figure's column, by any of its names across vintages (lower case). */
	column: readonly string[];
	/** Only rows whose columns hold these values (compared trimmed, ignoring case). */
	where?: Readonly<Record<string, string>>;
};

type DatasetSpec = {
	id: Dataset;
	title: string;
	calendar: Calendar;
	/** Columns that say the file is this publication: one name of each group. */
	marks: ReadonlyArray<readonly string[]>;
	series: readonly SeriesSpec[];
};

const LOOKED_AFTER_31_MARCH = 'Children looked after on 31 March each year';
const EET = 'Total in education, employment or training';

export const DATASETS: readonly DatasetSpec[] = [
	{
		id: 'c1',
		title: 'children in need: referrals and re-referrals (c1)',
		calendar: 'march',
		marks: [['rereferral_percent', 're_referrals_percent']],
		series: [{series: 'c1.rereferral_percent', column: ['rereferral_percent', 're_referrals_percent']}],
	},
	{
		id: 'cla',
		title: 'children looked after: numbers and rates per 10,000 (cla)',
		calendar: 'march',
		marks: [['population_type'], ['rate_per_10000']],
		series: [{series: 'cla.rate_per_10000', column: ['rate_per_10000'], where: {population_type: LOOKED_AFTER_31_MARCH}}],
	},
	{
		id: 'care_leavers',
		title: "care leavers' activity",
		calendar: 'march',
		marks: [['care_leaver_age'], ['breakdown'], ['care_leaver_percent']],
		series: [
			{series: 'care_leavers.eet_17_18', column: ['care_leaver_percent'], where: {care_leaver_age: '17 to 18 years', breakdown: EET}},
			{series: 'care_leavers.eet_19_21', column: ['care_leaver_percent'], where: {care_leaver_age: '19 to 21 years', breakdown: EET}},
		],
	},
	{
		id: 'csww',
		title: "children's social work workforce (csww)",
		calendar: 'september',
		marks: [['caseload_fte'], ['agency_rate_fte']],
		series: [
			{series: 'csww.caseload_fte', column: ['caseload_fte']},
			{series: 'csww.agency_rate_fte', column: ['agency_rate_fte']},
		],
	},
	{
		id: 'd3',
		title: 'child protection plans: second or subsequent plans (d3)',
		calendar: 'march',
		marks: [['cpp_subsequent_percent']],
		series: [{series: 'd3.cpp_subsequent_percent', column: ['cpp_subsequent_percent']}],
	},
	{
		id: 'd5',
		title: 'child protection plans at 31 March by duration (d5)',
		calendar: 'march',
		marks: [['cpp_at31']],
		series: [{series: 'd5.cpp_at31', column: ['cpp_at31']}],
	},
	{
		id: 'b1',
		title: 'children in need (b1)',
		calendar: 'march',
		marks: [['at31_episodes']],
		series: [{series: 'b1.cin_at31', column: ['at31_episodes']}],
	},
	{
		id: 'ons',
		title: 'ONS mid-year population estimates, children aged 0 to 17',
		calendar: 'march',
		marks: [['age_group'], ['population_estimate']],
		series: [{series: 'ons.population_0_17', column: ['population_estimate'], where: {age_group: 'Children aged 0 to 17 years'}}],
	},
];

/** The columns every open-data file has that this reads (EES's standard geography columns). */
const REQUIRED = ['time_period', 'geographic_level', 'old_la_code'] as const;

export type HeaderMatch =
	| {ok: true; dataset: Dataset; title: string}
	/** An open-data file, but not one this reads, or one missing a column it needs. */
	| {ok: false; column: string | null; message: string}
	/** Not an open-data file at all. */
	| null;

/** Lower-case header names in, the publication out. */
export function recogniseDfeHeader(names: readonly string[]): HeaderMatch {
	const has = new Set(names);
	if (!has.has('time_period') || !has.has('geographic_level')) return null;
	for (const column of REQUIRED) {
		if (!has.has(column)) return {ok: false, column: null, message: `a DfE open-data file without an "${column}" column: the loader needs it to know each row's area`};
	}
	// The most specific publication first: a file with more of a publication's marks is that one.
	const matches = DATASETS.filter(spec => spec.marks.every(group => group.some(name => has.has(name))));
	const chosen = matches.sort((a, b) => b.marks.length - a.marks.length)[0];
	if (chosen === undefined) {
		const known = DATASETS.map(spec => spec.id).join(', ');
		return {ok: false, column: null, message: `a DfE open-data file of a publication this scorecard does not read (it reads ${known}: see the README's "DfE's published statistics")`};
	}
	return {ok: true, dataset: chosen.id, title: chosen.title};
}

export function datasetSpec(dataset: Dataset): DatasetSpec {
	return DATASETS.find(spec => spec.id === dataset)!;
}

export type Level = 'national' | 'regional' | 'la';

/** One published figure: a number, or not published (a DfE code, or a blank cell). */
export type Figure = {value: number; code: null} | {value: null; code: SuppressionCode | 'blank'};

export type RowFigures = {
	year: number;
	level: Level;
	/** `E92000001` (England), a region's code, or a 3-digit LA code (`940 / 941` for a combined row). */
	area: string;
	name: string;
	/** The region a local authority is in (Inner and Outer London for London boroughs). */
	region: string | null;
	regionName: string | null;
	/** The ONS code (`E06000052`), for an authority named by it. */
	newCode: string | null;
	figures: Array<{series: Series; figure: Figure}>;
};

export type RowResult =
	| {ok: true; row: RowFigures | null}
	/** `column` is the header name to point at. */
	| {ok: false; column: string; message: string};

const LEVELS: Record<string, Level> = {national: 'national', regional: 'regional', 'local authority': 'la'};
const ENGLAND = 'E92000001';

/** A figure cell: a plain number, or one of DfE's codes (never read as 0). */
export function parseFigure(text: string): Figure | undefined {
	const raw = text.trim();
	if (raw === '') return {value: null, code: 'blank'};
	const lower = raw.toLowerCase();
	if ((SUPPRESSION_CODES as readonly string[]).includes(lower)) return {value: null, code: lower as SuppressionCode};
	if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? {value, code: null} : undefined;
}

/** `2025`, or a two-year `202425` (the year it ends). */
export function parseYear(text: string): number | undefined {
	const raw = text.trim();
	if (/^\d{4}$/.test(raw)) return Number(raw);
	const split = /^(\d{4})(\d{2})$/.exec(raw);
	if (split && (Number(split[1]) + 1) % 100 === Number(split[2])) return Number(split[1]) + 1;
	return undefined;
}

/**
 * What one row says: its year, area and the figures of this publication it holds. `row` is null
 * for a row this does not read (another breakdown, or another geographic level). `lookup` gives
 * a cell by lower-case column name, undefined for a column the file does not have.
 */
export function readDfeRow(dataset: Dataset, lookup: (name: string) => string | undefined): RowResult {
	const spec = datasetSpec(dataset);
	const cell = (name: string): string => lookup(name) ?? '';
	const wanted = spec.series.filter(s => Object.entries(s.where ?? {}).every(([column, value]) => cell(column).trim().toLowerCase() === value.toLowerCase()));
	if (wanted.length === 0) return {ok: true, row: null};
	const level = LEVELS[cell('geographic_level').trim().toLowerCase()];
	if (level === undefined) return {ok: true, row: null};
	const year = parseYear(cell('time_period'));
	if (year === undefined) return {ok: false, column: 'time_period', message: `time_period "${clip(cell('time_period'))}" is not a year (e.g. 2025)`};
	let area: string;
	if (level === 'national') area = cell('country_code').trim() || ENGLAND;
	else if (level === 'regional') {
		area = cell('region_code').trim();
		if (area === '') return {ok: false, column: 'region_code', message: 'a Regional row without a region_code'};
	} else {
		area = cell('old_la_code').trim().replace(/\s*\/\s*/g, ' / ');
		if (!/^\d{3}( \/ \d{3})*$/.test(area)) return {ok: false, column: 'old_la_code', message: `old_la_code "${clip(cell('old_la_code'))}" is not a local authority code (e.g. 908, or 940 / 941 for a combined row)`};
	}
	const nameColumn = level === 'national' ? 'country_name' : level === 'regional' ? 'region_name' : 'la_name';
	const name = cell(nameColumn).trim().replace(/\s+/g, ' ');
	if (name.length > TEXT_LIMITS.name) return {ok: false, column: nameColumn, message: `${nameColumn} is longer than ${TEXT_LIMITS.name} characters`};
	const figures: RowFigures['figures'] = [];
	for (const s of wanted) {
		// A renamed column: whichever of its names this vintage has.
		const column = s.column.find(c => lookup(c) !== undefined) ?? s.column[0]!;
		const figure = parseFigure(cell(column));
		if (figure === undefined) {
			return {ok: false, column, message: `${column} "${clip(cell(column))}" is neither a number nor one of DfE's codes (${SUPPRESSION_CODES.join(', ')})`};
		}
		figures.push({series: s.series, figure});
	}
	const region = level === 'la' ? cell('region_code').trim() || null : level === 'regional' ? area : null;
	const regionName = level === 'national' ? null : cell('region_name').trim() || null;
	const newCode = level === 'la' ? cell('new_la_code').trim() || null : null;
	return {ok: true, row: {year, level, area, name: name || (level === 'national' ? 'England' : area), region, regionName, newCode, figures}};
}

const clip = (text: string): string => {
	// eslint-disable-next-line no-control-regex
	const clean = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
	return clean.length > 30 ? `${clean.slice(0, 29)}…` : clean;
};

/** The statistical-neighbour model: `old_la_code` and `SN_1` to `SN_10` (lower case). */
export function isNeighbourHeader(names: readonly string[]): boolean {
	const has = new Set(names);
	if (!has.has('old_la_code')) return false;
	for (let rank = 1; rank <= NEIGHBOURS; rank++) if (!has.has(`sn_${rank}`)) return false;
	return true;
}

export const NEIGHBOURS = 10;

export type NeighbourRow = {
	la: string;
	name: string | null;
	region: string | null;
	neighbours: Array<{rank: number; code: string; closeness: string | null}>;
};

/** One authority's ten neighbours, in rank order. */
export function readNeighbourRow(lookup: (name: string) => string | undefined): {ok: true; row: NeighbourRow} | {ok: false; column: string; message: string} {
	const cell = (name: string): string => lookup(name) ?? '';
	const la = cell('old_la_code').trim();
	if (!/^\d{3}$/.test(la)) return {ok: false, column: 'old_la_code', message: `old_la_code "${clip(cell('old_la_code'))}" is not a local authority code (e.g. 908)`};
	const neighbours: NeighbourRow['neighbours'] = [];
	for (let rank = 1; rank <= NEIGHBOURS; rank++) {
		const column = `sn_${rank}`;
		const code = cell(column).trim();
		if (!/^\d{3}$/.test(code)) return {ok: false, column, message: `${column.toUpperCase()} "${clip(cell(column))}" is not a local authority code (e.g. 908)`};
		if (code === la) return {ok: false, column, message: `${column.toUpperCase()} names the authority itself (${la})`};
		const earlier = neighbours.find(n => n.code === code);
		if (earlier) return {ok: false, column, message: `${column.toUpperCase()} names ${code} again (it is SN_${earlier.rank} too)`};
		const closeness = cell(`sn_${rank}p`).trim();
		neighbours.push({rank, code, closeness: closeness === '' ? null : closeness});
	}
	const name = cell('la_name').trim();
	const region = cell('region_name').trim();
	for (const [column, text] of [['la_name', name], ['region_name', region]] as const) {
		if (text.length > TEXT_LIMITS.name) return {ok: false, column, message: `${column} is longer than ${TEXT_LIMITS.name} characters`};
	}
	return {ok: true, row: {la, name: name === '' ? null : name, region: region === '' ? null : region, neighbours}};
}
