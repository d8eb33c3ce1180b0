import {SEVERITIES, type AgendaItem, type AgendaSeverity} from './domain/agenda.js';
import {formatPeriod} from './domain/periods.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './domain/scorecard.js';
import type {SpcResult} from './domain/spc.js';
import {staleLimitsAction} from './domain/spc-words.js';
import {formatValue} from './domain/units.js';
import {BENCHMARK_NAMES, benchmarkPhrase, reconciliationText, type BenchmarkShown} from './domain/benchmarks.js';
import {neighbourCounts} from './domain/published-benchmarks.js';
import {publishedMeasure, yearEndDay} from './domain/published.js';
import {displayText} from './domain/text.js';

// The scorecard and the stand-up agenda as plain text (one indicator or item a line) and as JSON.
// Text from the store reaches here already made safe to show (store/untrusted.ts); the plain text
// passes the display sanitiser once more as it is written, and the JSON escapes, as JSON may,
// every character a terminal could act on that JSON.stringify leaves as it is (DEL, C1 controls,
// line separators, bidirectional controls), so `--json` printed raw to a terminal is inert too.

// eslint-disable-next-line no-control-regex
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function safeJson(value: unknown): string {
	return `${JSON.stringify(value, null, 2).replace(JSON_UNSAFE, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function round(value: number | null | undefined, decimals = 2): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	return Number(value.toFixed(decimals));
}

function pad(text: string, width: number, right = false): string {
	const cut = text.length > width ? `${text.slice(0, width - 1)}~` : text;
	return right ? cut.padStart(width) : cut.padEnd(width);
}

const TREND_WORDS = {improving: 'improving', worsening: 'worsening', same: 'same'} as const;

export function scorecardText(scorecard: Scorecard): string {
	const lines = [`Scorecard ${formatPeriod(scorecard.period)}`, ''];
	lines.push(`${pad('#', 3, true)}  ${pad('Indicator', 44)} ${pad('Value', 11, true)} ${pad('Target', 11, true)}  ${pad('RAG', 5)} ${pad('Trend', 9)} ${pad('Prev 6', 11, true)}`);
	for (const row of scorecard.indicators) {
		lines.push(
			[
				pad(String(row.number), 3, true),
				' ',
				pad(row.title, 44),
				' ',
				pad(formatValue(row.unit, row.value), 11, true),
				' ',
				pad(formatValue(row.unit, row.target), 11, true),
				'  ',
				pad(row.rag === 'none' ? '-' : row.rag, 5),
				' ',
				pad(row.trend ? TREND_WORDS[row.trend] : '-', 9),
				' ',
				pad(formatValue(row.unit, row.previous6), 11, true),
			].join(''),
		);
	}
	const benchmarks = benchmarkLines(scorecard);
	if (benchmarks.length > 0) lines.push('', 'Benchmarks (typed for the month, or DfE\'s latest year on or before it)', ...benchmarks);
	return displayText(`${lines.join('\n')}\n`);
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

/** Each benchmark's year and source, by name beside `benchmarks`: `typed`, or the published measure with its year and files. */
function benchmarkSourcesJson(row: IndicatorMonth) {
	const out: Record<string, unknown> = {};
	for (const name of BENCHMARK_NAMES) {
		const shown = row.benchmarkInfo?.[name];
		if (shown === undefined) continue;
		const measure = publishedMeasure(shown.source);
		out[name] = {
			source: shown.source,
			year: shown.label,
			as_at: measure !== undefined && shown.year !== null ? yearEndDay(measure.calendar, shown.year) : null,
			period: shown.period,
			file: shown.file,
			...(name === 'regional' && shown.detail?.region ? {region: shown.detail.region} : {}),
			...(shown.detail?.neighbours ? {neighbours: neighbourCountsJson(shown)} : {}),
		};
	}
	return out;
}

function neighbourCountsJson(shown: BenchmarkShown) {
	const counts = neighbourCounts({neighbours: shown.detail?.neighbours ?? []});
	return {of: counts.of, published: counts.published, not_published: counts.notPublished, no_figure: counts.noFigure};
}

function spcJson(spc: SpcResult | null | undefined) {
	if (!spc) return null;
	const tooFew = spc.withheld?.reason === 'too_few' ? spc.withheld : null;
	return {
		mean: round(spc.mean, 4),
		// Null with too few points for limits (tooFew says how many there are and are needed).
		upper: round(spc.upper, 4),
		lower: round(spc.lower, 4),
		// xmr, or rare: a count below 2 a month, judged by Poisson limits and runs.
		method: spc.method,
		variation: spc.variation,
		assurance: spc.assurance,
		too_few: tooFew ? {points: tooFew.points, needed: tooFew.needed} : null,
		// Zero-width limits (every month the same): nothing flagged, nothing judged.
		flat: spc.withheld?.reason === 'flat',
		// The first month of a shift that began after the months the limits describe: they are stale.
		rebase_suggested: spc.rebaseSuggested,
		// What an analyst does about it (the agenda, read to managers, leaves it out).
		action: staleLimitsAction(spc),
		signals: spc.signals.map(signal => ({period: signal.period, rule: signal.rule, side: signal.side, variation: signal.variation})),
	};
}

function teamJson(team: TeamFigure) {
	return {
		team: team.team,
		value: round(team.value),
		numerator: team.numerator,
		denominator: team.denominator,
		rag: team.rag,
		trend: team.trend,
		...(team.spc === undefined ? {} : {spc: spcJson(team.spc)}),
	};
}

function indicatorJson(row: IndicatorMonth) {
	return {
		code: row.code,
		number: row.number,
		title: row.title,
		unit: row.unit,
		polarity: row.polarity,
		measure: row.measure,
		value: round(row.value),
		numerator: row.numerator,
		denominator: row.denominator,
		target: row.target,
		// A cumulative count's annual target, when `target` is its pro-rata share for the months of the reporting year.
		annual_target: row.proRata?.annual ?? null,
		amber: row.amber,
		rag: row.rag,
		trend: row.trend,
		previous6: round(row.previous6),
		benchmarks: Object.fromEntries(Object.entries(row.benchmarks).map(([name, value]) => [name, round(value, 4)])),
		benchmark_sources: benchmarkSourcesJson(row),
		reconciliation: row.reconciliation
			? {
					year: row.reconciliation.label,
					published: row.reconciliation.published,
					console: round(row.reconciliation.console, 4),
					how: row.reconciliation.how,
					months: row.reconciliation.months,
					of: row.reconciliation.of,
				}
			: null,
		commentary: row.commentary,
		teams: row.teams.map(teamJson),
		spc: spcJson(row.spc),
	};
}

export function scorecardJson(scorecard: Scorecard): string {
	return safeJson({period: scorecard.period, settings: scorecard.settings, indicators: scorecard.indicators.map(indicatorJson)});
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

/** The agenda for scripts: `{period, notice, items: [{rank, severity, indicator, number, title, team, rag, value, reasons, analyst, text}]}`. */
export function agendaJson(period: string, items: AgendaItem[], notice: string | null = null): string {
	const json = items.map((item, i) => ({
		rank: i + 1,
		severity: item.severity,
		indicator: item.indicator === '' ? null : item.indicator,
		number: item.indicator === '' ? null : item.number,
		title: item.title,
		// null is the whole service.
		team: item.team === 'ALL' ? null : item.team,
		rag: item.rag,
		value: round(item.value),
		reasons: item.reasons,
		// What an analyst does about it: never in the words read aloud.
		analyst: item.analyst,
		text: item.line,
	}));
	return safeJson({period, notice, items: json});
}
