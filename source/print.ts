import {SEVERITIES, type AgendaItem, type AgendaSeverity} from './domain/agenda.js';
import {formatPeriod} from './domain/periods.js';
import {ragSummary} from './domain/red-amber.js';
import type {IndicatorMonth, Scorecard} from './domain/scorecard.js';
import {displayLine, displayText} from './domain/text.js';
import {RAG_LABELS} from './domain/types.js';
import type {ScorecardView} from './domain/scorecard-view.js';
import {formatValue} from './domain/units.js';
import {spcVerdictWords} from './domain/verdict.js';
import {cellWidth} from './text-layout/text-fit.js';
import {BENCHMARK_NAMES, benchmarkPhrase, reconciliationText, type BenchmarkShown} from './domain/benchmarks.js';
import {neighbourCounts} from './domain/published-benchmarks.js';

export {agendaJson, safeJson, scorecardJson} from './print-json.js';

// The scorecard and the stand-up agenda as plain text (one indicator or item a line); their JSON
// forms are in print-json.ts (re-exported here), which --json loads without this module's text
// layout. The two share their words and must change together.
// Text from the store reaches here already made safe to show (store/untrusted.ts); the plain text
// passes the display sanitiser once more as it is written.

function pad(text: string, width: number, right = false): string {
	return right ? text.padStart(width) : text.padEnd(width);
}

const TREND_WORDS = {improving: 'improving', worsening: 'worsening', same: 'same'} as const;

export type PrintOptions = {
	/** Each indicator's commentary for the month, after the table. */
	commentary?: boolean;
};

/** A figure, or the word for its absence: a missing figure is "missing", never a dash. */
function figure(row: IndicatorMonth, value: number | null): string {
	return value === null ? 'missing' : formatValue(row.unit, value);
}

function ragWord(row: IndicatorMonth): string {
	if (row.value === null) return 'missing';
	return RAG_LABELS[row.rag];
}

function trendWord(row: IndicatorMonth): string {
	if (row.value === null) return '-';
	if (row.trend) return TREND_WORDS[row.trend];
	if (row.direction === null) return 'no figure last month';
	return row.direction === 'flat' ? 'same' : row.direction;
}

/**
 * The scorecard for minutes: what month, the RAG counts, a word on partial months, then one
 * indicator a line with full titles (print has no width to cut to) and each SPC verdict in
 * words; with `commentary`, each indicator's commentary after the table.
 */
export function scorecardText(input: ScorecardView | Scorecard, options: PrintOptions = {}): string {
	// A scorecard alone (no read around it) prints without the words on newer and partial months.
	const view: Pick<ScorecardView, 'scorecard' | 'latest' | 'coverage' | 'newerPartial'> = 'scorecard' in input ? input : {scorecard: input, latest: input.period};
	const {scorecard} = view;
	const month = formatPeriod(scorecard.period);
	const lines = [`Scorecard ${month}`, ragSummary(scorecard.indicators, '·')];
	if (view.coverage) lines.push(`${month} is partial: ${view.coverage.indicators} of ${view.coverage.of} indicators have a figure so far.`);
	if (view.newerPartial) {
		const newer = view.newerPartial;
		lines.push(
			`${formatPeriod(newer.period)} is partial (${newer.indicators} of ${newer.of} indicators so far): these are ${month}'s figures; --month ${newer.period} prints ${formatPeriod(newer.period)}.`,
		);
	} else if (scorecard.period < view.latest) lines.push(`Newer figures exist: ${formatPeriod(view.latest)} (--month ${view.latest}).`);
	lines.push('');
	const rows = scorecard.indicators.map(row => ({
		number: String(row.number),
		title: displayLine(row.title),
		value: figure(row, row.value),
		target: row.target === null ? 'none' : formatValue(row.unit, row.target),
		rag: ragWord(row),
		trend: trendWord(row),
		previous6: figure(row, row.previous6),
		spc: spcVerdictWords(row),
	}));
	const heading = {number: '#', title: 'Indicator', value: 'Value', target: 'Target', rag: 'RAG', trend: 'Trend', previous6: 'Previous 6 months', spc: 'SPC'};
	const width = (key: keyof typeof heading) => Math.max(cellWidth(heading[key]), ...rows.map(row => cellWidth(row[key])));
	const widths = {number: width('number'), title: width('title'), value: width('value'), target: width('target'), rag: width('rag'), trend: width('trend'), previous6: width('previous6')};
	const line = (row: typeof heading) =>
		[
			pad(row.number, widths.number, true),
			padCells(row.title, widths.title),
			pad(row.value, widths.value, true),
			pad(row.target, widths.target, true),
			pad(row.rag, widths.rag),
			pad(row.trend, widths.trend),
			pad(row.previous6, widths.previous6, true),
			row.spc,
		].join('  ');
	lines.push(line(heading));
	for (const row of rows) lines.push(line(row));
	if (options.commentary) {
		lines.push('', `Commentary, ${month}`);
		for (const row of scorecard.indicators) {
			const text = row.commentary === null ? 'none' : displayText(row.commentary).trim().replace(/\n+/g, ' ');
			lines.push(`${pad(String(row.number), widths.number, true)}  ${displayLine(row.title)}: ${text}`);
		}
	}
	const benchmarks = benchmarkLines(scorecard);
	if (benchmarks.length > 0) lines.push('', 'Benchmarks (typed for the month, or DfE\'s latest year on or before it)', ...benchmarks);
	return displayText(`${lines.map(text => text.trimEnd()).join('\n')}\n`);
}

/** Pads to a width in terminal cells (a CJK character is two). */
function padCells(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}

/** One line per indicator with benchmarks, each labelled with its year (or "typed"); then the reconciliation. */
function benchmarkLines(scorecard: Scorecard): string[] {
	const lines: string[] = [];
	for (const row of scorecard.indicators) {
		const info = row.benchmarkInfo ?? {};
		const parts = BENCHMARK_NAMES.flatMap(name => {
			const shown = info[name];
			if (shown === undefined) return [];
			const phrase = benchmarkPhrase(name, row.unit, shown);
			const region = name === 'regional' && shown.detail?.region ? ` ${shown.detail.region.name}` : '';
			const counts = name === 'statistical_neighbours' && shown.detail?.neighbours ? neighbourWords(shown) : '';
			return [`${phrase.replace(/^regional/, `regional${region}`)}${counts}`];
		});
		if (parts.length === 0) continue;
		// `2.`, not the table's `  2 `: a script counting the table's rows counts only those.
		lines.push(`${pad(`${row.number}.`, 4, true)} ${row.title}: ${parts.join('; ')}`);
		if (row.reconciliation && row.reconciliation.console !== null) lines.push(`     ${reconciliationText(row.reconciliation, row.unit)}`);
	}
	return lines;
}

function neighbourWords(shown: BenchmarkShown): string {
	const counts = neighbourCounts({neighbours: shown.detail?.neighbours ?? []});
	const missing = counts.notPublished + counts.noFigure;
	return missing === 0 ? '' : ` [${counts.published} of ${counts.of} published]`;
}

const SEVERITY_WORDS: Record<AgendaSeverity, [string, string]> = {
	concern: ['concern', 'concerns'],
	watch: ['to watch', 'to watch'],
	improvement: ['improvement', 'improvements'],
	note: ['note', 'notes'],
};

/** The agenda for minutes: a summary line (and why this month, when it is not the newest), then one numbered item a line, as the console ranks them. */
export function agendaText(period: string, items: AgendaItem[], notice: string | null = null): string {
	const counts = SEVERITIES.flatMap(severity => {
		const n = items.filter(item => item.severity === severity).length;
		return n === 0 ? [] : [`${n} ${SEVERITY_WORDS[severity][n === 1 ? 0 : 1]}`];
	});
	const month = formatPeriod(period);
	const head = notice === null ? [] : [notice];
	if (items.length === 0) return displayText(`${[...head, `Stand-up agenda ${month}: nothing to raise`].join('\n')}\n`);
	const lines = [...head, `Stand-up agenda ${month}: ${items.length} to raise (${counts.join(', ')})`, ''];
	const width = String(items.length).length;
	items.forEach((item, i) => lines.push(`${String(i + 1).padStart(width)}. ${item.severity.padEnd(11)} ${item.line}`));
	return displayText(`${lines.join('\n')}\n`);
}
