import {monthsOfYear, publishedMeasure, yearEndPeriod, yearLabel, type PublishedMeasure} from './published.js';
import {PUBLISHED_BENCHMARKS, type BenchmarkDetail, type PublishedBenchmark, type PublishedBenchmarkName} from './published-benchmarks.js';
import {formatPeriod} from './periods.js';
import type {BenchmarkRow, Measure, MeasureRow, Unit} from './types.js';
import {formatBenchmark, formatValue, pooledValue} from './units.js';

// What an indicator is compared with in a month: benchmarks typed in a benchmarks file for that
// month, or DfE's published figures of the latest year on or before it (annual reference points,
// labelled with their year; never monthly figures, never in SPC).

export type BenchmarkName = PublishedBenchmarkName;
export const BENCHMARK_NAMES: readonly BenchmarkName[] = PUBLISHED_BENCHMARKS;

export const BENCHMARK_NAME_LABELS: Record<BenchmarkName, string> = {
	national: 'National (England)',
	regional: 'Regional',
	statistical_neighbours: 'Statistical neighbours (mean)',
	statistical_neighbours_median: 'Statistical neighbours (median)',
	published: 'Published (this authority)',
};

/** A benchmark shown for a month and where it comes from. */
export type BenchmarkShown = {
	value: number;
	/** `typed`: a benchmarks file's row for this month; else the published measure's id (`dfe.rereferrals`). */
	source: string;
	/** The month it is dated at (a typed row's month; a published year's end). */
	period: string;
	/** The published year (`2024-25`, `Sep 2025`); null when typed. */
	label: string | null;
	year: number | null;
	/** The files its figures came from; null when typed. */
	file: string | null;
	detail: BenchmarkDetail | null;
};

export type IndicatorBenchmarks = {
	values: Partial<Record<BenchmarkName, number>>;
	shown: Partial<Record<BenchmarkName, BenchmarkShown>>;
};

/**
 * Each name's benchmark for a month: a typed row for the month wins (someone chose it for this
 * month), else the published year dated on or before the month, the latest.
 */
export function benchmarksFor(code: string, period: string, typed: readonly BenchmarkRow[], published: readonly PublishedBenchmark[]): IndicatorBenchmarks {
	const shown: Partial<Record<BenchmarkName, BenchmarkShown>> = {};
	for (const row of published) {
		if (row.indicator !== code || row.period > period) continue;
		const before = shown[row.benchmark];
		if (before !== undefined && before.period >= row.period) continue;
		shown[row.benchmark] = {value: row.value, source: row.measure, period: row.period, label: row.label, year: row.year, file: row.source, detail: row.detail};
	}
	for (const row of typed) {
		if (row.indicator !== code || row.period !== period) continue;
		shown[row.benchmark] = {value: row.value, source: 'typed', period: row.period, label: null, year: null, file: null, detail: null};
	}
	const values: Partial<Record<BenchmarkName, number>> = {};
	for (const name of BENCHMARK_NAMES) if (shown[name] !== undefined) values[name] = shown[name].value;
	return {values, shown};
}

/** A benchmark's figure: a typed one as typed figures read (`22%`), a published one as DfE prints it (`22.6%`). */
export function benchmarkValueText(unit: Unit, benchmark: BenchmarkShown | undefined): string {
	if (benchmark === undefined) return formatValue(unit, null);
	return benchmark.source === 'typed' ? formatValue(unit, benchmark.value) : formatBenchmark(unit, benchmark.value);
}

/** `national 22.6% (2024-25)`; a typed one says so: `national 22% (typed)`. */
export function benchmarkPhrase(name: BenchmarkName, unit: Unit, benchmark: BenchmarkShown): string {
	const words = name.replace(/_/g, ' ');
	return `${words} ${benchmarkValueText(unit, benchmark)} (${benchmark.label ?? 'typed'})`;
}

/** The authority's published figure beside what this console's months of that year make. */
export type Reconciliation = {
	label: string;
	published: number;
	/** The console's figure for the year; null when it has none of the year's months. */
	console: number | null;
	/** `pooled`: the year's months pooled (Σnumerator/Σdenominator, else their mean); `month`: the year-end month's figure. */
	how: 'pooled' | 'month';
	months: number;
	of: number;
	/** The month whose figure is compared (`month`), or the year's last month. */
	month: string;
};

/**
 * A year counted over its months (re-referrals, subsequent plans) compares with this console's
 * monthly figures of those months pooled; a count at the year's end, or a figure the console
 * itself keeps cumulative or rolling, compares with the year-end month's figure.
 */
export function reconcile(measureId: string, published: {year: number; value: number}, unit: Unit, measure: Measure, rows: ReadonlyMap<string, MeasureRow>): Reconciliation | null {
	const def: PublishedMeasure | undefined = publishedMeasure(measureId);
	if (def === undefined) return null;
	const label = yearLabel(def.calendar, published.year);
	const end = yearEndPeriod(def.calendar, published.year);
	if (def.kind === 'year' && measure === 'monthly') {
		const months = monthsOfYear(def.calendar, published.year);
		const found = months.map(month => rows.get(month)).filter((row): row is MeasureRow => row !== undefined);
		let value: number | null = null;
		if (found.length > 0) {
			const poolable = unit !== 'count' && found.every(row => row.numerator !== null && row.denominator !== null);
			value = poolable ? pooledValue(unit, found.map(row => row.numerator!), found.map(row => row.denominator!)) : found.reduce((sum, row) => sum + row.value, 0) / found.length;
		}
		return {label, published: published.value, console: value, how: 'pooled', months: found.length, of: months.length, month: end};
	}
	const row = rows.get(end);
	return {label, published: published.value, console: row?.value ?? null, how: 'month', months: row ? 1 : 0, of: 1, month: end};
}

/** "published for 2024-25: 24.2%; this console's months of that year pool to 24.0%" */
export function reconciliationText(r: Reconciliation, unit: Unit): string {
	const published = `published for ${r.label}: ${formatBenchmark(unit, r.published)}`;
	if (r.console === null) {
		return r.how === 'pooled' ? `${published}; this console has none of that year's months` : `${published}; this console has no figure for ${formatPeriod(r.month)}`;
	}
	if (r.how === 'month') return `${published}; this console's ${formatPeriod(r.month)} figure is ${formatBenchmark(unit, r.console)}`;
	const partial = r.months < r.of ? ` (${r.months} of its ${r.of} months)` : '';
	return `${published}; this console's months of that year pool to ${formatBenchmark(unit, r.console)}${partial}`;
}
