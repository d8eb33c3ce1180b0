import type {Segment} from '../../components/fitted-line.js';
import {BENCHMARK_NAMES, BENCHMARK_NAME_LABELS, reconciliationText, type BenchmarkName, type BenchmarkShown} from '../../domain/benchmarks.js';
import {COMPARISON_WORDS, compareWithBenchmark, type Comparison} from '../../domain/comparison.js';
import {neighbourCounts} from '../../domain/published-benchmarks.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {BENCHMARK_LABELS, isOneOf, BENCHMARKS} from '../../domain/types.js';
import {formatBenchmark, formatValue} from '../../domain/units.js';
import {wrapText} from '../../text-layout/text-fit.js';
import type {Theme, Token} from '../../theme.js';
import {screenText} from './screen-text.js';

// The detail's benchmark lines: each benchmark with the service against it and where it comes
// from (typed for the month, or DfE's year); for DfE's neighbours, each neighbour's figure and how
// many were not published; what is missing and why; the authority's own figure reconciled with
// this console's months of that year.

const COMPARISON_TOKENS: Record<Comparison, Token> = {
	none: 'text.dim',
	level: 'trend.none',
	above: 'trend.none',
	below: 'trend.none',
	better: 'trend.good',
	worse: 'trend.bad',
};

function labelOf(name: BenchmarkName, shown: BenchmarkShown): string {
	// Typed benchmarks keep the names they have always had.
	if (shown.source === 'typed' && isOneOf(BENCHMARKS, name)) return BENCHMARK_LABELS[name];
	if (name === 'regional' && shown.detail?.region) return `Regional (${shown.detail.region.name})`;
	return BENCHMARK_NAME_LABELS[name];
}

/** The lines, as segments: at most `width` cells each once fitted. */
export function benchmarkLines(service: IndicatorMonth, month: string, width: number, theme: Theme): Segment[][] {
	const {unit} = service;
	const show = (text: string) => screenText(text, theme);
	const rows: Segment[][] = [[{text: 'Benchmarks', token: 'text.heading'}]];
	const info = service.benchmarkInfo ?? {};
	const names = BENCHMARK_NAMES.filter(name => info[name] !== undefined);
	if (names.length === 0) {
		rows.push([{text: `  none for ${month}`, token: 'text.dim'}]);
		return rows;
	}
	const labels = new Map(names.map(name => [name, show(labelOf(name, info[name]!))]));
	const labelWidth = Math.max(...[...labels.values()].map(label => label.length));
	for (const name of names) {
		const shown = info[name]!;
		const value = shown.source === 'typed' ? formatValue(unit, shown.value) : formatBenchmark(unit, shown.value);
		// The authority's own figure is not a yardstick for its month: the reconciliation says how they compare.
		const verdict = name === 'published' ? null : compareWithBenchmark(unit, service.polarity, service.value, shown.value);
		rows.push([
			{text: `  ${labels.get(name)!.padEnd(labelWidth)}  `},
			{text: value.padStart(9), token: 'text.title'},
			{text: '  '},
			...(verdict === null ? [] : [{text: COMPARISON_WORDS[verdict], token: COMPARISON_TOKENS[verdict]}, {text: '  '}]),
			{text: shown.source === 'typed' ? 'typed' : show(shown.label ?? ''), token: 'text.dim'},
		]);
	}
	const paragraph = (text: string, token: Token = 'text.dim') => {
		for (const [i, row] of wrapText(show(text), width - 4).entries()) rows.push([{text: `${i === 0 ? '  ' : '    '}${row}`, token}]);
	};
	const neighbours = info.statistical_neighbours ?? info.statistical_neighbours_median;
	if (neighbours?.detail?.neighbours !== undefined && neighbours.source !== 'typed') {
		const counts = neighbourCounts({neighbours: neighbours.detail.neighbours});
		const each = neighbours.detail.neighbours.map(n => `${n.name} ${n.value === null ? (n.status === 'no figure' ? 'no figure' : `not published (${n.suppression})`) : formatBenchmark(unit, n.value)}`);
		const missing = counts.of - counts.published;
		paragraph(`Neighbours, ${neighbours.label}: ${each.join(', ')}; ${counts.published} of ${counts.of} published${missing === 0 ? '' : `, ${missing} left out`}`);
		for (const note of neighbours.detail.notes ?? []) paragraph(note);
	}
	const own = info.published ?? info.national;
	for (const note of own?.source === 'typed' ? [] : (own?.detail?.notes ?? [])) paragraph(note);
	if (service.reconciliation) paragraph(reconciliationText(service.reconciliation, unit), 'text.normal');
	return rows;
}
