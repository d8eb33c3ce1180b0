import {benchmarkRows, publishedYears, resolveAuthority, type Authority, type PublishedBenchmark} from '../domain/published-benchmarks.js';
import {publishedMeasure, seriesOf, type PublishedMeasure} from '../domain/published.js';
import type {Connection} from '../store/connection.js';
import {benchmarkValues, readNeighbourModel, readPublishedFigures, readStoredBenchmarkRows, writePublishedBenchmarks} from '../store/published.js';
import type {Stage} from '../store/staging.js';
import type {Value} from '../store/writes.js';
import {sameNumber} from './fields.js';
import type {Problem, ProblemLog} from './problems.js';

// The benchmarks a store keeps from DfE's statistics, made afresh by every load from what the
// store will hold once the load commits (its figures, neighbour model, indicators and la_code,
// this load's over the store's): a load that changes none of them changes none of these.

export type BenchmarkCounts = {added: number; changed: number; removed: number; unchanged: number};

export type PublishedPlan = {
	counts: BenchmarkCounts;
	/** The authority the benchmarks are for (null: no la_code, national figures only). */
	authority: Authority | null;
	/** Inside the load's transaction. */
	write: (loadId: number) => Promise<void>;
};

export type PublishedInput = {
	/** Every indicator the store will hold, with its published measure. */
	indicators: ReadonlyArray<{code: string; published: string | null}>;
	/** The store's authority: the load's settings row (with where to point a problem), else the store's. */
	laCode: {value: string; at: Omit<Problem, 'message'>; stored?: boolean} | null;
	staged: {published: Stage | undefined; neighbours: Stage | undefined};
};

const KEY_COLUMNS = 3;

/** Null when no indicator names a published measure and none are stored: nothing to do. */
export async function planPublishedBenchmarks(c: Connection, input: PublishedInput, problems: ProblemLog): Promise<PublishedPlan | null> {
	const compared: Array<{code: string; measure: PublishedMeasure}> = [];
	for (const indicator of input.indicators) {
		const measure = indicator.published === null ? undefined : publishedMeasure(indicator.published);
		if (measure !== undefined) compared.push({code: indicator.code, measure});
	}
	const stored = await readStoredBenchmarkRows(c);
	if (compared.length === 0 && stored.length === 0) return null;

	const series = [...new Set(compared.flatMap(({measure}) => seriesOf(measure)))];
	const figures = await readPublishedFigures(c, series, input.staged.published?.staged ?? null);
	const model = await readNeighbourModel(c, input.staged.neighbours?.staged ?? null);
	let authority: Authority | null = null;
	if (input.laCode !== null && (figures.length > 0 || model.length > 0)) {
		const resolved = resolveAuthority(input.laCode.value, figures, model);
		if ('error' in resolved) problems.push({...input.laCode.at, message: `${resolved.error}${input.laCode.stored ? " (the store's la_code setting: load a settings file to change it)" : ''}`});
		else authority = resolved;
	}

	const rows: PublishedBenchmark[] = compared.flatMap(({code, measure}) => benchmarkRows(code, measure, publishedYears(measure, authority, figures, model)));
	const keyOf = (values: readonly Value[]) => values.slice(0, KEY_COLUMNS).join('\u0000');
	const before = new Map(stored.map(row => {
		const values = [row.indicator, row.benchmark, row.period, row.year, row.label, row.value, row.measure, row.source, row.detail];
		return [keyOf(values), values] as const;
	}));
	const counts: BenchmarkCounts = {added: 0, changed: 0, removed: 0, unchanged: 0};
	const upserts: Value[][] = [];
	const history: Array<{key: string; previous: string}> = [];
	const keyJson = (values: readonly Value[]) => JSON.stringify({indicator: values[0], benchmark: values[1], period: values[2]});
	const previousJson = (values: readonly Value[]) =>
		JSON.stringify({year: values[3], label: values[4], value: values[5], measure: values[6], source: values[7], detail: values[8]});
	const seen = new Set<string>();
	for (const row of rows) {
		const values = benchmarkValues(row);
		const key = keyOf(values);
		seen.add(key);
		const old = before.get(key);
		if (old === undefined) {
			counts.added++;
			upserts.push(values);
		} else if (same(old, values)) counts.unchanged++;
		else {
			counts.changed++;
			upserts.push(values);
			history.push({key: keyJson(old), previous: previousJson(old)});
		}
	}
	const removals: Array<{indicator: string; benchmark: string; period: string}> = [];
	for (const [key, old] of before) {
		if (seen.has(key)) continue;
		counts.removed++;
		removals.push({indicator: String(old[0]), benchmark: String(old[1]), period: String(old[2])});
		history.push({key: keyJson(old), previous: previousJson(old)});
	}
	return {counts, authority, write: loadId => writePublishedBenchmarks(c, loadId, {upserts, removals, history})};
}

function same(a: readonly Value[], b: readonly Value[]): boolean {
	return a.every((value, i) => (typeof value === 'number' && typeof b[i] === 'number' ? sameNumber(value, b[i] as number) : value === b[i]));
}
