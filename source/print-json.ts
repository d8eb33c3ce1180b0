import {Buffer} from 'node:buffer';
import type {AgendaItem} from './domain/agenda.js';
import {BENCHMARK_NAMES, type BenchmarkShown} from './domain/benchmarks.js';
import {neighbourCounts} from './domain/published-benchmarks.js';
import {publishedMeasure, yearEndDay} from './domain/published.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './domain/scorecard.js';
import type {SpcResult} from './domain/spc.js';
import {staleLimitsAction} from './domain/spc-words.js';

// The scorecard and the stand-up agenda as JSON (print.ts has their text forms): apart from the
// text's modules, so that --json loads none of the text layout (string-width's Unicode tables).
// Text from the store reaches here already made safe to show (store/untrusted.ts); the JSON
// escapes, as JSON may, every character a terminal could act on that JSON.stringify leaves as it
// is (DEL, C1 controls, line separators, bidirectional controls), so `--json` printed raw to a
// terminal is inert too.

// eslint-disable-next-line no-control-regex
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

// Every character escaped is DEL or beyond ASCII: text of plain ASCII without DEL (nearly all of
// --json's 11 MB) is told by two native scans, a quarter of the time of the regex finding nothing.
const plainAscii = (text: string): boolean => Buffer.byteLength(text, 'utf8') === text.length && !text.includes('\u007F');
const escapeJson = (text: string): string =>
	plainAscii(text) ? text : text.replace(JSON_UNSAFE, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function safeJson(value: unknown): string {
	return `${escapeJson(JSON.stringify(value, null, 2))}\n`;
}

function round(value: number | null | undefined, decimals = 2): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	return Number(value.toFixed(decimals));
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
	return [...scorecardJsonParts(scorecard)].join('');
}

/**
 * scorecardJson's text in parts, each made when the one before has been taken (written): an
 * indicator at a time, each as JSON.stringify lays it out inside the whole (two levels deep), so
 * the same text as the whole stringified at once; but each indicator's objects (every team's SPC
 * signals: most of the bytes) die young, and no one string holds all of it.
 */
export function* scorecardJsonParts(scorecard: Scorecard): Generator<string> {
	const [head, tail, ...rest] = safeJson({period: scorecard.period, settings: scorecard.settings, indicators: [ROW_MARK]}).split(ROW_MARK_TEXT);
	if (scorecard.indicators.length === 0 || tail === undefined || rest.length > 0) {
		yield safeJson({period: scorecard.period, settings: scorecard.settings, indicators: scorecard.indicators.map(indicatorJson)});
		return;
	}
	yield head!;
	for (const [i, row] of scorecard.indicators.entries()) {
		const text = escapeJson(JSON.stringify([[indicatorJson(row)]], null, 2));
		yield `${i === 0 ? '' : ',\n    '}${text.slice(NESTED_HEAD.length, text.length - NESTED_TAIL.length)}`;
	}
	yield tail;
}

// The mark left for the indicators: a string no store text can hold (text from the store has no
// control characters) and JSON writes as `"\u0000"`. Where it shows more than once, the whole is
// written at once.
const ROW_MARK = '\u0000';
const ROW_MARK_TEXT = '"\\u0000"';
// How JSON.stringify lays out a value two arrays deep, around it.
const NESTED_HEAD = '[\n  [\n    ';
const NESTED_TAIL = '\n  ]\n]';

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
