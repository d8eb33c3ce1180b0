import {absenceLine, absenceOf, type Absence} from './authority-changes.js';
import type {Level} from './dfe-files.js';
import {yearEndPeriod, yearLabel, type PublishedMeasure, type Series} from './published.js';
import {median} from './statistics.js';

// The national picture for one authority: from DfE's figures as published (every area, every
// year) and the statistical-neighbour model, each published year's national, regional,
// neighbours' mean and median, and the authority's own figure. Pure. About 320 lines: the
// year's figures, the authority's (boundary changes and combined rows included) and the
// neighbours' are resolved together, each needing the others.

/** A figure as the store keeps it (`value` null: not published, `code` says why). */
export type PublishedFigure = {
	series: Series;
	year: number;
	level: Level;
	/** `E92000001`, a region's code, an LA's 3-digit code, or `940 / 941` (a combined row). */
	area: string;
	name: string;
	/** An LA's region code. */
	region: string | null;
	newCode: string | null;
	value: number | null;
	code: string | null;
	/** The file it came from. */
	source: string;
};

export type NeighbourLink = {la: string; rank: number; neighbour: string; closeness: string | null; name: string | null; region: string | null};

export const PUBLISHED_BENCHMARKS = ['national', 'regional', 'statistical_neighbours', 'statistical_neighbours_median', 'published'] as const;
export type PublishedBenchmarkName = (typeof PUBLISHED_BENCHMARKS)[number];

export type NeighbourStatus = 'published' | 'not published' | 'no figure';

export type NeighbourFigure = {
	rank: number;
	code: string;
	name: string;
	value: number | null;
	status: NeighbourStatus;
	/** DfE's code for a figure not published (`blank` for an empty cell); null otherwise. */
	suppression: string | null;
	/** The combined row a neighbour's figure comes from (`940 / 941`), else null. */
	combined: string | null;
};

export type PublishedYear = {
	year: number;
	label: string;
	/** The month it is dated at: its year's end. */
	period: string;
	national: number | null;
	regional: {value: number | null; code: string; name: string} | null;
	own: {value: number | null; code: string | null; combined: string | null} | null;
	neighbours: NeighbourFigure[];
	mean: number | null;
	median: number | null;
	/** Lines that say what is missing and why, each absent authority named once: the authority's own, and its neighbours'. */
	notes: {own: string[]; neighbours: string[]};
	/** The files each part's figures came from. */
	sources: Record<'national' | 'regional' | 'neighbours' | 'own', string[]>;
};

const ENGLAND = 'E92000001';
const LONDON = 'E12000007';

/** An area's figure for a measure in a year: published, not published (with DfE's code) or absent. */
type AreaValue = {value: number | null; code: string | null; name: string; region: string | null; sources: string[]};

/** Figures of one measure: year -> area -> value (rates made from a count and the previous year's population). */
function measureFigures(measure: PublishedMeasure, figures: readonly PublishedFigure[]): Map<number, Map<string, AreaValue>> {
	const bySeries = new Map<Series, Map<number, Map<string, PublishedFigure>>>();
	for (const figure of figures) {
		let years = bySeries.get(figure.series);
		if (!years) bySeries.set(figure.series, (years = new Map()));
		let areas = years.get(figure.year);
		if (!areas) years.set(figure.year, (areas = new Map()));
		areas.set(figure.area, figure);
	}
	const out = new Map<number, Map<string, AreaValue>>();
	if ('series' in measure.from) {
		for (const [year, areas] of bySeries.get(measure.from.series) ?? []) {
			const values = new Map<string, AreaValue>();
			for (const [area, f] of areas) values.set(area, {value: f.value, code: f.code, name: f.name, region: f.region, sources: [f.source]});
			out.set(year, values);
		}
		return out;
	}
	// A rate per 10,000: the count at 31 March of year N over the mid-year population of N-1.
	const populations = bySeries.get(measure.from.population) ?? new Map<number, Map<string, PublishedFigure>>();
	for (const [year, areas] of bySeries.get(measure.from.count) ?? []) {
		const values = new Map<string, AreaValue>();
		const before = populations.get(year - 1);
		for (const [area, count] of areas) {
			const population = before?.get(area);
			const sources = population ? [count.source, population.source] : [count.source];
			if (count.value === null) values.set(area, {value: null, code: count.code, name: count.name, region: count.region, sources});
			else if (population === undefined || population.value === null || population.value <= 0) {
				// No population for the year before (an authority that did not exist then): no rate.
				values.set(area, {value: null, code: population?.code ?? 'z', name: count.name, region: count.region, sources});
			} else values.set(area, {value: (10_000 * count.value) / population.value, code: null, name: count.name, region: count.region, sources});
		}
		out.set(year, values);
	}
	return out;
}

export type Authority = {code: string; name: string};

/** `908` or `E06000052` to the authority's 3-digit code and name; null when the code is in none of the files. */
export function resolveAuthority(laCode: string, figures: readonly PublishedFigure[], model: readonly NeighbourLink[]): Authority | {error: string} {
	const text = laCode.trim();
	let code: string | undefined;
	if (/^\d{3}$/.test(text)) {
		const known = model.some(link => link.la === text || link.neighbour === text) || figures.some(f => f.level === 'la' && f.area.split(' / ').includes(text));
		if (known) code = text;
	} else if (/^E\d{8}$/i.test(text)) {
		const upper = text.toUpperCase();
		for (const f of figures) {
			if (f.level !== 'la' || f.newCode === null) continue;
			const codes = f.newCode.split(' / ').map(c => c.trim());
			const areas = f.area.split(' / ');
			const at = codes.indexOf(upper);
			if (at >= 0 && areas.length === codes.length) {
				code = areas[at];
				break;
			}
		}
	} else {
		return {error: `la_code "${text.slice(0, 20)}" is not a local authority code (the 3-digit code, e.g. 908, or the ONS code, e.g. E06000052)`};
	}
	if (code === undefined) return {error: `la_code ${text} is not a local authority in the loaded DfE files or the statistical-neighbour model`};
	return {code, name: nameOf(code, figures, model)};
}

/** An authority's name: the model's, else its latest published row's. */
function nameOf(code: string, figures: readonly PublishedFigure[], model: readonly NeighbourLink[]): string {
	const own = model.find(link => link.la === code && link.name !== null);
	if (own?.name) return own.name;
	let latest: PublishedFigure | undefined;
	for (const f of figures) if (f.level === 'la' && f.area === code && (latest === undefined || f.year > latest.year)) latest = f;
	return latest?.name ?? code;
}

/** An LA's figure in a year: its own row, else the combined row it is part of. */
function lookup(areas: ReadonlyMap<string, AreaValue> | undefined, code: string): {value: AreaValue; combined: string | null} | null {
	if (!areas) return null;
	const own = areas.get(code);
	if (own) return {value: own, combined: null};
	for (const [area, value] of areas) if (area.includes(' / ') && area.split(' / ').includes(code)) return {value, combined: area};
	return null;
}

export function mean(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * Every published year of a measure for an authority (null: none set, national only), oldest
 * first. The neighbours are the model's ten, each counted once: its own figure, else the
 * combined row it is published in; one not published is left out of the mean and median and
 * counted; one with no figure because it split or merged is named in one line.
 */
export function publishedYears(measure: PublishedMeasure, authority: Authority | null, figures: readonly PublishedFigure[], model: readonly NeighbourLink[]): PublishedYear[] {
	const byYear = measureFigures(measure, figures);
	const calendar = measure.calendar;
	const links = authority === null ? [] : model.filter(link => link.la === authority.code).sort((a, b) => a.rank - b.rank);
	const names = new Map<string, string>();
	for (const link of model) if (link.name) names.set(link.la, link.name);
	const nameOfCode = (code: string, fallback?: string): string => names.get(code) ?? fallback ?? code;

	// The authority's region as its rows name it: the latest, for years it has no row.
	let homeRegion: string | null = null;
	if (authority !== null) {
		for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
			const found = lookup(byYear.get(year), authority.code);
			if (found?.value.region) homeRegion = found.value.region;
		}
	}

	const years: PublishedYear[] = [];
	for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
		const areas = byYear.get(year)!;
		const sources = {national: new Set<string>(), regional: new Set<string>(), neighbours: new Set<string>(), own: new Set<string>()};
		const used = (part: keyof typeof sources, value: AreaValue | undefined) => value?.sources.forEach(source => sources[part].add(source));
		const nationalValue = areas.get(ENGLAND);
		used('national', nationalValue);
		const notes: PublishedYear['notes'] = {own: [], neighbours: []};
		const result: PublishedYear = {
			year,
			label: yearLabel(calendar, year),
			period: yearEndPeriod(calendar, year),
			national: nationalValue?.value ?? null,
			regional: null,
			own: null,
			neighbours: [],
			mean: null,
			median: null,
			notes,
			sources: {national: [], regional: [], neighbours: [], own: []},
		};
		if (authority !== null) {
			const own = lookup(areas, authority.code);
			const absence = absenceOf(authority.code, calendar, year);
			if (own && !(own.value.value === null && own.value.code === 'z' && absence)) {
				used('own', own.value);
				result.own = {value: own.value.value, code: own.value.code, combined: own.combined};
				if (own.value.value === null) notes.own.push(`${authority.name}'s own figure for ${result.label} is not published (${own.value.code ?? 'blank'})`);
				else if (own.combined) notes.own.push(`${authority.name}'s own figure is published with ${list(own.combined.split(' / ').filter(c => c !== authority.code).map(c => `${nameOfCode(c)} (${c})`))} as one (${own.combined})`);
			} else if (absence) notes.own.push(absenceLine([{code: authority.code, name: authority.name}], absence, calendar, year));
			else notes.own.push(`${authority.name} (${authority.code}): no figure for ${result.label}`);

			// London boroughs are in Inner or Outer London; an older file without those rows has London's.
			const regionCode = own?.value.region ?? homeRegion;
			if (regionCode !== null) {
				const code = areas.has(regionCode) || !regionCode.startsWith('E13') ? regionCode : LONDON;
				const region = areas.get(code);
				if (region) {
					used('regional', region);
					result.regional = {value: region.value, code, name: region.name};
				}
			}

			const absent = new Map<AuthorityChangeKey, {absence: Absence; who: Array<{code: string; name: string}>}>();
			const shared = new Map<string, string[]>();
			for (const link of links) {
				const found = lookup(areas, link.neighbour);
				const name = nameOfCode(link.neighbour, found?.value.name);
				const absence = absenceOf(link.neighbour, calendar, year);
				if (found === null || (found.value.value === null && (found.value.code === 'z' || found.value.code === 'blank') && absence)) {
					result.neighbours.push({rank: link.rank, code: link.neighbour, name, value: null, status: 'no figure', suppression: null, combined: null});
					if (absence) {
						const key = absence.change.on;
						const entry = absent.get(key) ?? {absence, who: []};
						entry.who.push({code: link.neighbour, name});
						absent.set(key, entry);
					} else notes.neighbours.push(`${name} (${link.neighbour}): no figure for ${result.label}`);
					continue;
				}
				used('neighbours', found.value);
				if (found.combined) shared.set(found.combined, [...(shared.get(found.combined) ?? []), `${name} (${link.neighbour})`]);
				if (found.value.value === null) {
					result.neighbours.push({rank: link.rank, code: link.neighbour, name, value: null, status: 'not published', suppression: found.value.code ?? 'blank', combined: found.combined});
				} else {
					result.neighbours.push({rank: link.rank, code: link.neighbour, name, value: found.value.value, status: 'published', suppression: null, combined: found.combined});
				}
			}
			for (const {absence, who} of absent.values()) notes.neighbours.push(absenceLine(who, absence, calendar, year));
			for (const [combined, who] of shared) notes.neighbours.push(`${list(who)}: published as one row (${combined}); ${who.length === 1 ? "that row's figure is used" : 'each takes that figure'}`);
			const values = result.neighbours.filter(n => n.status === 'published').map(n => n.value!);
			result.mean = mean(values);
			result.median = median(values);
			const notPublished = result.neighbours.filter(n => n.status === 'not published');
			if (notPublished.length > 0) {
				notes.neighbours.push(`not published: ${list(notPublished.map(n => `${n.name} (${n.suppression})`))}; left out of the neighbours' mean and median`);
			}
		}
		const sorted = (set: Set<string>) => [...set].sort();
		result.sources = {national: sorted(sources.national), regional: sorted(sources.regional), neighbours: sorted(sources.neighbours), own: sorted(sources.own)};
		years.push(result);
	}
	return years;
}

type AuthorityChangeKey = string;

/** The neighbours line: "8 of 10 neighbours published; 1 not published; 1 no figure". */
export function neighbourCounts(year: Pick<PublishedYear, 'neighbours'>): {published: number; notPublished: number; noFigure: number; of: number} {
	const count = (status: NeighbourStatus) => year.neighbours.filter(n => n.status === status).length;
	return {published: count('published'), notPublished: count('not published'), noFigure: count('no figure'), of: year.neighbours.length};
}

/** A published benchmark as the store keeps it: one name, one indicator, one year. */
export type PublishedBenchmark = {
	indicator: string;
	benchmark: PublishedBenchmarkName;
	/** The year's end month (`2025-03`). */
	period: string;
	year: number;
	label: string;
	value: number;
	measure: string;
	/** The files its figures came from. */
	source: string;
	/** What the figure stands on: the region, the neighbours and their figures, the notes. */
	detail: BenchmarkDetail;
};

export type BenchmarkDetail = {
	region?: {code: string; name: string};
	neighbours?: NeighbourFigure[];
	combined?: string;
	notes?: string[];
};

/** The rows to store for one indicator: each name of each year that has a figure. */
export function benchmarkRows(indicator: string, measure: PublishedMeasure, years: readonly PublishedYear[]): PublishedBenchmark[] {
	const rows: PublishedBenchmark[] = [];
	for (const y of years) {
		const base = {indicator, period: y.period, year: y.year, label: y.label, measure: measure.id};
		const from = (part: keyof PublishedYear['sources']) => ({source: y.sources[part].join(', ')});
		const notes = (lines: string[]) => (lines.length > 0 ? {notes: lines} : {});
		const own = y.own !== null && y.own.value !== null ? y.own : null;
		// With no figure of its own, why not is said beside the national figure of that year.
		if (y.national !== null) rows.push({...base, ...from('national'), benchmark: 'national', value: y.national, detail: own === null ? notes(y.notes.own) : {}});
		if (y.regional !== null && y.regional.value !== null) {
			rows.push({...base, ...from('regional'), benchmark: 'regional', value: y.regional.value, detail: {region: {code: y.regional.code, name: y.regional.name}}});
		}
		if (y.mean !== null) rows.push({...base, ...from('neighbours'), benchmark: 'statistical_neighbours', value: y.mean, detail: {neighbours: y.neighbours, ...notes(y.notes.neighbours)}});
		if (y.median !== null) rows.push({...base, ...from('neighbours'), benchmark: 'statistical_neighbours_median', value: y.median, detail: {neighbours: y.neighbours, ...notes(y.notes.neighbours)}});
		if (own !== null) {
			rows.push({...base, ...from('own'), benchmark: 'published', value: own.value!, detail: {...(own.combined ? {combined: own.combined} : {}), ...notes(y.notes.own)}});
		}
	}
	return rows;
}
