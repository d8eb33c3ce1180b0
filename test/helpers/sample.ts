// The sample's facts, for tests that need them: its catalogue from its own generator
// (scripts/make-samples.ts), its figures from the files the generator wrote and the loader loads
// (data/samples), each made by the unit's arithmetic and written by the domain's own formatters.
// A change to the sample changes these, not every test that names them. Tests whose oracle is the
// December 2017 report itself use test/fixtures/seed-2017-12.ts instead. Verdicts that need the
// whole history (SPC) come from the domain's own rules on the same files; the agenda from the
// console's own read of a sample store. About 340 lines: one place for every fact a test names.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {INDICATORS, MONTHS, SAMPLES_DIR, TEAMS} from '../../scripts/make-samples.js';
import type {AgendaItem} from '../../source/domain/agenda.js';
import {COMPARISON_WORDS, compareWithBenchmark} from '../../source/domain/comparison.js';
import {addMonths, formatPeriod} from '../../source/domain/periods.js';
import {monthChange, rateRag, type Direction} from '../../source/domain/rag.js';
import {previousSix, spcOf} from '../../source/domain/scorecard.js';
import {DEFAULT_SERVICE_NAME} from '../../source/domain/scorecard-view.js';
import type {SpcResult} from '../../source/domain/spc.js';
import {VARIATION_LABELS, assuranceWords, describeLatestSignal, signalStretches, type SignalStretch} from '../../source/domain/spc-words.js';
import {DEFAULT_SETTINGS} from '../../source/domain/store-settings.js';
import {shortName} from '../../source/domain/text.js';
import {ALL_TEAM, BENCHMARK_LABELS, RAG_LABELS, type IndicatorDef, type MeasureRow, type Rag, type RebaseRow, type Trend, type Unit} from '../../source/domain/types.js';
import {deriveValue, formatChange, formatNumber, formatValue, unitDecimals} from '../../source/domain/units.js';
import {gridRequest, openStoreClient} from '../../source/store/client.js';

type Indicator = (typeof INDICATORS)[number];
type Record_ = Record<string, string>;

const latest = MONTHS.at(-1)!;
const last = INDICATORS.at(-1)!;

const read = (name: string): Record_[] => parse(fs.readFileSync(path.join(SAMPLES_DIR, name), 'utf8'), {columns: true}) as Record_[];
const measures = read('measures.csv');
const commentary = read('commentary.csv');
const benchmarks = read('benchmarks.csv');
const rebases: RebaseRow[] = read('rebases.csv').map(each => ({indicator: each['indicator']!, period: each['period']!, reason: each['reason']!, type: 'recalculate'}));

/** The first `words` words of a title: on screen, a grid row's title is cut after a few. */
const opening = (title: string, words: number) => title.split(' ').slice(0, words).join(' ');

export const SAMPLE = {
	/** The newest month, YYYY-MM, and as the console writes it ("Dec 2017"). */
	latest,
	latestMonth: formatPeriod(latest),
	/** The month before it, YYYY-MM, and as the console writes it. */
	previous: MONTHS.at(-2)!,
	previousMonth: formatPeriod(MONTHS.at(-2)!),
	/** The oldest month, YYYY-MM. */
	first: MONTHS[0]!,
	months: MONTHS,
	indicators: INDICATORS,
	teams: TEAMS,
	/** The header of the grid on the newest month: "Scorecard Dec 2017". */
	header: `Scorecard ${formatPeriod(latest)}`,
	/** The last indicator's title as far as the grid always shows it (its first three words): on screen, the grid is drawn. */
	lastTitle: opening(last.title, 3),
	lastIndicator: last,
};

/** An indicator of the sample by code. */
export function sampleIndicator(code: string): Indicator {
	const found = INDICATORS.find(indicator => indicator.code === code);
	if (!found) throw new Error(`no indicator ${code} in the sample`);
	return found;
}

/** An indicator of the sample by its number on the scorecard. */
export function indicatorNumbered(number: number): Indicator {
	const found = INDICATORS.find(indicator => indicator.number === number);
	if (!found) throw new Error(`no indicator numbered ${number} in the sample`);
	return found;
}

/** The first `words` words of an indicator's title (by code or number): "Family assessments". */
export function titleWords(indicator: string | number, words = 2): string {
	return opening((typeof indicator === 'number' ? indicatorNumbered(indicator) : sampleIndicator(indicator)).title, words);
}

/** "2 Re-referrals": an indicator's number and the first word of its title, as a grid row starts. */
export function rowStart(indicator: Indicator | number, words = 1): string {
	const found = typeof indicator === 'number' ? indicatorNumbered(indicator) : indicator;
	return `${found.number} ${opening(found.title, words)}`;
}

/** A team of the sample by code. */
export function sampleTeam(code: string): (typeof TEAMS)[number] {
	const found = TEAMS.find(team => team.code === code);
	if (!found) throw new Error(`no team ${code} in the sample`);
	return found;
}

/** A team's name as the detail's table, the matrix and the agenda write it: "Other citywide teams"; ALL: "Whole service" (the sample's teams file names no ALL). */
export function teamShortName(code: string): string {
	return code === ALL_TEAM ? DEFAULT_SERVICE_NAME : shortName(sampleTeam(code).name);
}

/** The text as a regular expression matches it literally. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
const re = escapeRegExp;

/** The months from `from` to `to` (YYYY-MM) as the console writes them, oldest first. */
export function monthsBack(count: number, from = latest): string[] {
	return Array.from({length: count}, (_, i) => formatPeriod(addMonths(from, -(i + 1))));
}

// RAG, trend and direction as the console draws them (glyphs of the Unicode theme).
const RAG_MARK: Record<Rag, string> = {red: 'R', amber: 'A', green: 'G', none: ' '};
const ARROW: Record<Direction, string> = {up: '↑', down: '↓', flat: '→'};
const JUDGEMENT: Record<Trend, string> = {improving: '+', worsening: '−', same: ' '};

/** One month's figure of an indicator for a team (ALL: the whole service), as the sample's files give it. */
export type SampleFigure = {
	indicator: string;
	team: string;
	period: string;
	unit: Unit;
	numerator: number;
	/** The file's denominator (a rate's: the population); null for a count. */
	denominator: number | null;
	value: number;
	/** "92%", "62.8 /10k", "146 days": the value as the console writes it. */
	shown: string;
	/** "92%", "62.8", "146": the value as a compact table cell writes it (a percentage keeps its sign). */
	compact: string;
	/** "923 / 1,001": the counts as the detail's team table writes them. */
	counts: string;
	target: number | null;
	/** "85%", "55.0 /10k". */
	targetShown: string;
	rag: Rag;
	/** The RAG's letter after its dot: "G", "A", "R". */
	mark: string;
	trend: Trend | null;
	direction: Direction | null;
	/** "↑+": the arrow against last month and whether that is better. */
	arrow: string;
	/** Last month's figure; null when the files have none. */
	before: SampleFigure | null;
	/** "+1 pts", "-15 pts": the change on last month in the unit's terms. */
	change: string;
	/** The six months before, pooled as the scorecard pools them; "90%". */
	previous6: number | null;
	previous6Shown: string;
};

function row(indicator: string, team: string, period: string): MeasureRow | null {
	const found = measures.find(each => each['indicator'] === indicator && each['team'] === team && each['period'] === period);
	if (!found) return null;
	const unit = sampleIndicator(indicator).unit as Unit;
	const numerator = Number(found['numerator']);
	const denominator = found['denominator'] === '' ? null : Number(found['denominator']);
	const value = deriveValue(unit, numerator, denominator);
	if (value === null) throw new Error(`no value for ${period} ${indicator} ${team} in the sample`);
	return {indicator, team, period, numerator, denominator, value};
}

/** Whether the sample's files have a figure for the indicator, team and month. */
export function hasFigure(indicator: string, options: {team?: string; period?: string} = {}): boolean {
	return row(indicator, options.team ?? ALL_TEAM, options.period ?? latest) !== null;
}

/** The sample's figure for an indicator, a team (default: the whole service) and a month (default: the newest). */
export function sampleFigure(indicator: string, options: {team?: string; period?: string} = {}): SampleFigure {
	const team = options.team ?? ALL_TEAM;
	const period = options.period ?? latest;
	const now = row(indicator, team, period);
	if (!now) throw new Error(`no figure for ${period} ${indicator} ${team} in the sample`);
	const def = sampleIndicator(indicator);
	const unit = def.unit as Unit;
	const polarity = def.polarity as 'higher' | 'lower' | 'none';
	const previousPeriod = addMonths(period, -1);
	const earlier = row(indicator, team, previousPeriod);
	const history = new Map<string, MeasureRow>();
	for (let i = 1; i <= 6; i++) {
		const each = row(indicator, team, addMonths(period, -i));
		if (each) history.set(each.period, each);
	}
	const previous6 = previousSix(unit, history, period);
	// Against last month at the precision shown, as every view says it (92.09% then 92.21%: the same).
	const {change, direction, trend} = monthChange(earlier?.value ?? null, now.value, polarity, unitDecimals(unit));
	const rag = rateRag(now.value, def.target, def.amber, polarity);
	return {
		indicator,
		team,
		period,
		unit,
		numerator: now.numerator!,
		denominator: now.denominator,
		value: now.value,
		shown: formatValue(unit, now.value),
		compact: formatValue(unit, now.value, {suffix: unit === 'percent'}),
		counts: now.denominator === null ? formatNumber(now.numerator!) : `${formatNumber(now.numerator!)} / ${formatNumber(now.denominator)}`,
		target: def.target,
		targetShown: formatValue(unit, def.target),
		rag,
		mark: RAG_MARK[rag],
		trend,
		direction,
		arrow: direction === null ? '' : `${ARROW[direction]}${trend === null ? ' ' : JUDGEMENT[trend]}`,
		before: earlier ? sampleFigure(indicator, {team, period: previousPeriod}) : null,
		change: formatChange(unit, change),
		previous6,
		previous6Shown: formatValue(unit, previous6),
	};
}

/** The detail's word for the trend: "improving", "worsening", "no change", or up / down for a figure with no polarity. */
export function trendWord(figure: Pick<SampleFigure, 'trend' | 'direction'>): string {
	if (figure.direction === null) return 'no figure for last month';
	if (figure.trend === 'improving' || figure.trend === 'worsening') return figure.trend;
	if (figure.trend === 'same' || figure.direction === 'flat') return 'no change';
	return figure.direction;
}

/** The detail's figures line, as a pattern: "Dec 2017  92%  ●G green  target 85%  ↑+ improving  ·  previous 6 months 90%". */
export function detailFiguresPattern(figure: SampleFigure): string {
	return [
		`${re(formatPeriod(figure.period))}\\s+${re(figure.shown)}\\s+●${figure.mark} ${RAG_LABELS[figure.rag]}`,
		`target ${re(figure.targetShown)}`,
		`${re(figure.arrow)} ${trendWord(figure)}\\s+·\\s+previous 6 months ${re(figure.previous6Shown)}`,
	].join('\\s+');
}

/** How a team's row starts in a table whose name column may cut a long name: its first 12 characters. */
export function teamRowStart(code: string): string {
	return teamShortName(code).slice(0, 12);
}

/** A team's name where a table may cut it: whole, or its first 12 characters and more up to an ellipsis. */
export function teamNamePattern(code: string): string {
	const name = teamShortName(code);
	return name.length <= 12 ? re(name) : `(?:${re(name)}|${re(name.slice(0, 12))}[^\\d…]*…)`;
}

/** A row of the detail's team table, as a pattern: "East  340 / 359  95%  ●G  +1 pts  92%". */
export function teamRowPattern(figure: SampleFigure): string {
	return `${teamNamePattern(figure.team)}\\s+${re(figure.counts)}\\s+${re(figure.shown)}\\s+●${figure.mark}\\s+${re(figure.change)}\\s+${re(figure.previous6Shown)}`;
}

/** The sample's commentary on an indicator for a month (default: the newest); null when it has none. */
export function sampleCommentary(indicator: string, period = latest): string | null {
	return commentary.find(each => each['indicator'] === indicator && each['period'] === period)?.['text'] ?? null;
}

/** The first `count` words of the sample's commentary on an indicator (default: the newest month). */
export function commentaryOpening(indicator: string, count: number, period = latest): string {
	const text = sampleCommentary(indicator, period);
	if (text === null) throw new Error(`no commentary on ${indicator} for ${period} in the sample`);
	return text.split(/\s+/).slice(0, count).join(' ');
}

/** The last `count` words of the sample's commentary on an indicator (default: the newest month). */
export function commentaryClosing(indicator: string, count: number, period = latest): string {
	const text = sampleCommentary(indicator, period);
	if (text === null) throw new Error(`no commentary on ${indicator} for ${period} in the sample`);
	return text.split(/\s+/).slice(-count).join(' ');
}

/** The sample's typed benchmark of an indicator for a month (default: the newest); null when it has none. */
export function sampleBenchmark(indicator: string, benchmark: 'national' | 'statistical_neighbours', period = latest): number | null {
	const found = benchmarks.find(each => each['indicator'] === indicator && each['benchmark'] === benchmark && each['period'] === period);
	return found ? Number(found['value']) : null;
}

/**
 * SPC on the sample's months up to `period` (default: the newest) for an indicator and a team
 * (default: the whole service), by the domain's own rules and the store's default settings: the
 * verdicts a test expects the console to show. Null where SPC does not apply.
 */
export function sampleSpc(indicator: string, options: {team?: string; period?: string} = {}): SpcResult | null {
	const team = options.team ?? ALL_TEAM;
	const period = options.period ?? latest;
	const found = sampleIndicator(indicator);
	const def: IndicatorDef = {
		code: found.code,
		number: found.number,
		title: found.title,
		unit: found.unit as Unit,
		polarity: found.polarity as IndicatorDef['polarity'],
		measure: found.measure as IndicatorDef['measure'],
		definition: found.definition,
		// The loader's target from the catalogue takes effect from the start.
		targets: [{effectiveFrom: '0000-00', target: found.target, amber: found.amber}],
	};
	const rows = MONTHS.filter(month => month <= period).flatMap(month => row(indicator, team, month) ?? []);
	return spcOf(def, rows, period, rebases.filter(rebase => rebase.indicator === indicator), DEFAULT_SETTINGS);
}

/**
 * The detail's SPC line for the sample's figure, as wide as `width` allows: "SPC: Common cause ·
 * Consistently passing"; the latest month's rule in words after the variation when it fits.
 */
export function spcLine(indicator: string, options: {team?: string; period?: string; width?: number} = {}): string {
	const spc = sampleSpc(indicator, options);
	if (!spc || spc.variation === null) throw new Error(`no SPC verdict for ${indicator} in the sample`);
	const variation = VARIATION_LABELS[spc.variation];
	const words = describeLatestSignal(spc);
	const assured = assuranceWords(spc);
	const after = assured ? ` · ${assured}` : spc.rebaseSuggested ? ' · limits stale: see below' : '';
	const full = `SPC: ${variation}${words ? `, ${words}` : ''}${after}`;
	return full.length <= (options.width ?? 80) ? full : `SPC: ${variation}${after}`;
}

/** The sample's special causes month by month, each stretch with its rule and words. */
export function sampleStretches(indicator: string, options: {team?: string; period?: string} = {}): SignalStretch[] {
	return signalStretches(sampleSpc(indicator, options)?.points ?? []);
}

/** The sample's special causes month by month as the detail words them: "Dec 2017: beyond the lower limit". */
export function specialCauses(indicator: string, options: {team?: string; period?: string} = {}): string[] {
	return sampleStretches(indicator, options).map(stretch => stretch.text);
}

/** The detail's line for a typed benchmark of the sample, as a pattern: "National average (England)  83%  service better". */
export function benchmarkPattern(indicator: string, benchmark: 'national' | 'statistical_neighbours', period = latest): string {
	const value = sampleBenchmark(indicator, benchmark, period);
	if (value === null) throw new Error(`no ${benchmark} benchmark for ${indicator} in ${period} in the sample`);
	const figure = sampleFigure(indicator, {period});
	const def = sampleIndicator(indicator);
	const verdict = compareWithBenchmark(figure.unit, def.polarity as IndicatorDef['polarity'], figure.value, value);
	return `${re(BENCHMARK_LABELS[benchmark])}\\s+${re(formatValue(figure.unit, value))}\\s+${re(COMPARISON_WORDS[verdict])}`;
}

/**
 * The stand-up agenda of a store built from the sample (default month: the newest), as the
 * console reads and builds it: what an agenda view on that store must show, item for item. Its
 * rules are tested on their own inputs (test/agenda.test.ts); this is the oracle for the views.
 */
export async function sampleAgenda(db: string, period?: string): Promise<AgendaItem[]> {
	const client = await openStoreClient(db);
	try {
		const read = await client.screen({...gridRequest(period), agenda: true});
		return read.agenda!.items;
	} finally {
		await client.close();
	}
}
