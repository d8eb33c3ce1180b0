import type {Level} from '../domain/dfe-files.js';
import type {TextField} from '../domain/limits.js';
import {PUBLISHED_BENCHMARKS, type BenchmarkDetail, type NeighbourLink, type NeighbourStatus, type PublishedBenchmark, type PublishedFigure} from '../domain/published-benchmarks.js';
import {PUBLISHED_IDS, type Series} from '../domain/published.js';
import type {Connection} from './connection.js';
import {capped, shownLine, storedMonth, storedNumber} from './untrusted.js';
import {insertBatched, type Value} from './writes.js';

// DfE's published statistics in the store: the figures as published, the neighbour model, and
// the benchmarks made from them for the store's authority. A load reads its own staged rows over
// the store's (`staged`), so what it computes is what the store will hold once it commits.

type FigureRow = {series: string; year: number; level: string; area: string; name: string; region: string | null; new_code: string | null; value: number | null; code: string | null; source: string};

const FIGURE_COLUMNS = 'series, year, level, area, name, region, new_code, value, code, source';

async function hasTable(c: Connection, name: string): Promise<boolean> {
	return (await c.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [name])) !== undefined;
}

// A staged row the store does not hold as it is: new, or a different figure. An unchanged row stays
// as stored (its first release and file), so what is read here is what the store will hold.
const SAME_FIGURE = `(s.code IS t.code AND (s.value IS t.value OR abs(s.value - t.value) <= 1e-9 * max(abs(s.value), abs(t.value))))`;

/** The store's figures of these series, with a load's staged rows (`staged`: its temp table) over them. */
export async function readPublishedFigures(c: Connection, series: readonly string[], staged: string | null): Promise<PublishedFigure[]> {
	if (series.length === 0) return [];
	const wanted = JSON.stringify(series);
	const stored = `SELECT ${FIGURE_COLUMNS} FROM main.published_figures t WHERE t.series IN (SELECT value FROM json_each(?))`;
	const on = 's.series = t.series AND s.year = t.year AND s.area = t.area';
	const rows =
		staged === null
			? await c.all<FigureRow>(stored, [wanted])
			: await c.all<FigureRow>(
					`SELECT ${FIGURE_COLUMNS.split(', ').map(column => `s.${column}`).join(', ')} FROM ${staged} s LEFT JOIN main.published_figures t ON ${on}
					WHERE s.ok AND s.series IN (SELECT value FROM json_each(?)) AND (t.series IS NULL OR NOT ${SAME_FIGURE})
					UNION ALL ${stored} AND NOT EXISTS (SELECT 1 FROM ${staged} s WHERE s.ok AND ${on} AND NOT ${SAME_FIGURE})`,
					[wanted, wanted],
				);
	return rows.map(row => ({
		series: row.series as Series,
		year: row.year,
		level: row.level as Level,
		area: row.area,
		name: row.name,
		region: row.region,
		newCode: row.new_code,
		value: row.value,
		code: row.code,
		source: row.source,
	}));
}

type LinkRow = {la_code: string; rank: number; neighbour: string; closeness: string | null; name: string | null; region: string | null};

/** The statistical-neighbour model, with a load's staged rows over the store's. */
export async function readNeighbourModel(c: Connection, staged: string | null): Promise<NeighbourLink[]> {
	const columns = 'la_code, rank, neighbour, closeness, name, region';
	const stored = `SELECT ${columns} FROM main.statistical_neighbours t`;
	const on = 's.la_code = t.la_code AND s.rank = t.rank';
	const same = 's.neighbour IS t.neighbour AND s.closeness IS t.closeness';
	const rows =
		staged === null
			? await c.all<LinkRow>(stored)
			: await c.all<LinkRow>(
					`SELECT ${columns.split(', ').map(column => `s.${column}`).join(', ')} FROM ${staged} s LEFT JOIN main.statistical_neighbours t ON ${on} WHERE s.ok AND (t.la_code IS NULL OR NOT (${same}))
					UNION ALL ${stored} WHERE NOT EXISTS (SELECT 1 FROM ${staged} s WHERE s.ok AND ${on} AND NOT (${same}))`,
				);
	return rows.map(row => ({la: row.la_code, rank: row.rank, neighbour: row.neighbour, closeness: row.closeness, name: row.name, region: row.region}));
}

const BENCHMARK_COLUMNS = ['indicator', 'benchmark', 'period', 'year', 'label', 'value', 'measure', 'source', 'detail'] as const;

// Read as untrusted input like every store text (store/untrusted.ts): each text cut and made safe
// to show, numbers and months checked; a row this version cannot read is left out.
const DETAIL_LIMIT = 50_000;
const STATUSES: readonly NeighbourStatus[] = ['published', 'not published', 'no figure'];

const lineOrNull = (value: unknown, field: TextField): string | null => (value === null || value === undefined ? null : shownLine(value, field));

function shownDetail(text: unknown): BenchmarkDetail {
	let raw: unknown;
	try {
		raw = JSON.parse(typeof text === 'string' ? text : '{}');
	} catch {
		// A detail this version cannot read: the figure stands without it.
		return {};
	}
	if (typeof raw !== 'object' || raw === null) return {};
	const record = raw as Record<string, unknown>;
	const detail: BenchmarkDetail = {};
	const region = record['region'] as Record<string, unknown> | undefined;
	if (typeof region === 'object' && region !== null) detail.region = {code: shownLine(region['code'], 'code'), name: shownLine(region['name'], 'name')};
	if (Array.isArray(record['neighbours'])) {
		detail.neighbours = (record['neighbours'] as Array<Record<string, unknown>>).slice(0, 20).map(n => ({
			rank: storedNumber(n?.['rank']) ?? 0,
			code: shownLine(n?.['code'], 'code'),
			name: shownLine(n?.['name'], 'name'),
			value: storedNumber(n?.['value']),
			status: STATUSES.find(status => status === n?.['status']) ?? 'no figure',
			suppression: lineOrNull(n?.['suppression'], 'code'),
			combined: lineOrNull(n?.['combined'], 'code'),
		}));
	}
	if (typeof record['combined'] === 'string') detail.combined = shownLine(record['combined'], 'code');
	if (Array.isArray(record['notes'])) detail.notes = (record['notes'] as unknown[]).slice(0, 20).map(note => shownLine(note, 'definition'));
	return detail;
}

function toBenchmark(path: string, row: Record<string, unknown>): PublishedBenchmark | null {
	const benchmark = PUBLISHED_BENCHMARKS.find(name => name === row['benchmark']);
	const measure = typeof row['measure'] === 'string' && PUBLISHED_IDS.includes(row['measure']) ? row['measure'] : undefined;
	const value = storedNumber(row['value']);
	const year = storedNumber(row['year']);
	if (benchmark === undefined || measure === undefined || value === null || year === null) return null;
	return {
		indicator: shownLine(row['indicator'], 'code'),
		benchmark,
		period: storedMonth(path, row['period']),
		year,
		label: shownLine(row['label'], 'code'),
		value,
		measure,
		source: shownLine(row['source'], 'title'),
		detail: shownDetail(row['detail']),
	};
}

/**
 * Published benchmarks dated up to a month (every year: the domain picks the latest on or before
 * the month shown). None from a store made before DfE's tables.
 */
export async function readPublishedBenchmarks(c: Connection, upTo?: string): Promise<PublishedBenchmark[]> {
	if (!(await hasTable(c, 'published_benchmarks'))) return [];
	const columns = [capped('indicator', 'code'), 'benchmark', 'period', 'year', capped('label', 'code'), 'value', 'measure', capped('source', 'title'), `substr(detail, 1, ${DETAIL_LIMIT}) AS detail`].join(', ');
	const rows =
		upTo === undefined
			? await c.all<Record<string, unknown>>(`SELECT ${columns} FROM published_benchmarks ORDER BY indicator, benchmark, period`)
			: await c.all<Record<string, unknown>>(`SELECT ${columns} FROM published_benchmarks WHERE period <= ? ORDER BY indicator, benchmark, period`, [upTo]);
	return rows.map(row => toBenchmark(c.path, row)).filter((row): row is PublishedBenchmark => row !== null);
}

/** The stored benchmarks as rows (detail as its JSON text), for a load to compare with. */
export async function readStoredBenchmarkRows(c: Connection): Promise<Array<Record<(typeof BENCHMARK_COLUMNS)[number], Value>>> {
	return c.all(`SELECT ${BENCHMARK_COLUMNS.join(', ')} FROM published_benchmarks ORDER BY indicator, benchmark, period`);
}

export const benchmarkValues = (row: PublishedBenchmark): Value[] => [
	row.indicator,
	row.benchmark,
	row.period,
	row.year,
	row.label,
	row.value,
	row.measure,
	row.source,
	JSON.stringify(row.detail),
];

/**
 * Inside the load's transaction: the previous rows of what changes or goes to history, then the
 * rows that go removed and the new and changed ones written.
 */
export async function writePublishedBenchmarks(
	c: Connection,
	loadId: number,
	plan: {upserts: Value[][]; removals: Array<{indicator: string; benchmark: string; period: string}>; history: Array<{key: string; previous: string}>},
): Promise<void> {
	await insertBatched(c, 'history', ['load_id', 'kind', 'key', 'previous'], [], plan.history.map(h => [loadId, 'published_benchmarks', h.key, h.previous]));
	for (const gone of plan.removals) {
		await c.run('DELETE FROM published_benchmarks WHERE indicator = ? AND benchmark = ? AND period = ?', [gone.indicator, gone.benchmark, gone.period]);
	}
	await insertBatched(c, 'published_benchmarks', [...BENCHMARK_COLUMNS], ['indicator', 'benchmark', 'period'], plan.upserts);
}
