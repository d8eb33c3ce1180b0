import {describeCoverage, type MonthCoverage} from './coverage.js';
import {addMonths, formatPeriod, monthsEnding} from './periods.js';
import {ragWorsened} from './rag.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './scorecard.js';
import {teamOrderOf} from './scorecard.js';
import type {SpcResult, Variation} from './spc.js';
import {describeSignal, describeStaleLimits} from './spc-words.js';
import {ALL_TEAM, type MeasureRevision, type Polarity, type Rag, type TeamDef, type Unit} from './types.js';
import {shortName} from './text.js';
import {agendaLine} from './agenda-line.js';
import {formatValue} from './units.js';

// The stand-up agenda, by rule: every red figure (indicator or team, with or without SPC), ambers
// that got worse, new special-cause signals, assurance newly failing, stale limits, revisions and
// missing figures. A green common-cause figure that did not change is never on it. Pure: the
// store gathers the input (store/read-scorecard.ts `readAgendaInput`), the views draw the items.
// About 280 lines: the rules, the item they make and the ranking are kept in one place on purpose.

export type AgendaInput = {
	period: string;
	/** The month shown, with team SPC. */
	current: Scorecard;
	/** The month before, with team SPC; null when the store has no figures for it. */
	previous: Scorecard | null;
	teams: TeamDef[];
	/** Measures the most recent load replaced, any month (only months up to `period` are raised). */
	revisions: MeasureRevision[];
	/** The month's coverage when it is a partial month: its missing figures are one note. */
	coverage?: MonthCoverage | null;
};
export type {MeasureRevision};

/** The ranking's groups, in order. */
export type AgendaSeverity = 'concern' | 'watch' | 'improvement' | 'note';
export const SEVERITIES: AgendaSeverity[] = ['concern', 'watch', 'improvement', 'note'];

/** Which rule raised a reason; an item's kind is its most pressing reason's (this order). */
export type AgendaReasonKind = 'red' | 'concern' | 'amber' | 'improvement' | 'stale' | 'neutral' | 'revision' | 'missing' | 'partial';
const KIND_ORDER: AgendaReasonKind[] = ['red', 'concern', 'amber', 'improvement', 'stale', 'neutral', 'revision', 'missing', 'partial'];
const KIND_SEVERITY: Record<AgendaReasonKind, AgendaSeverity> = {
	red: 'concern',
	concern: 'concern',
	amber: 'watch',
	improvement: 'improvement',
	stale: 'note',
	neutral: 'note',
	revision: 'note',
	missing: 'note',
	partial: 'note',
};
const RAG_RANK: Record<Rag, number> = {red: 0, amber: 1, green: 2, none: 3};

export type AgendaItem = {
	/** `${indicator}/${team}`: stable across reloads, for selection. */
	key: string;
	/** The indicator's code ('' for the note on a partial month). */
	indicator: string;
	number: number;
	title: string;
	unit: Unit;
	polarity: Polarity;
	/** ALL for the whole service. */
	team: string;
	/** Full team name ('Whole service' for ALL). */
	teamName: string;
	severity: AgendaSeverity;
	/** The most pressing reason's rule. */
	kind: AgendaReasonKind;
	reasons: string[];
	/** Whose figure, as the line says it: 'whole service' or the team's short name ('' for the note on a partial month). */
	whose: string;
	/** The figure, as the line says it: `62.8 /10k, red`, `12` (not rated), 'no figure' ('' for the note on a partial month). */
	figure: string;
	/**
	 * One line that says why: `7 Children in care, whole service: 62.8 /10k, red; above the 55.0
	 * /10k target ...`. The views and `--standup --print` show these words (agendaLine).
	 */
	line: string;
	value: number | null;
	/** Last month's figure, when there was one. */
	previousValue: number | null;
	target: number | null;
	rag: Rag;
	/** The last 12 months ending with the month shown, oldest first; null where there is no figure. */
	last12: Array<number | null>;
};

export const SERVICE_NAME = 'Whole service';

type Figure = {value: number; rag: Rag; spc: SpcResult | null};
type Reason = {kind: AgendaReasonKind; text: string};

const teamFigure = (team: TeamFigure | undefined): Figure | null => (team ? {value: team.value, rag: team.rag, spc: team.spc ?? null} : null);
const serviceFigure = (indicator: IndicatorMonth | undefined): Figure | null =>
	indicator && indicator.value !== null ? {value: indicator.value, rag: indicator.rag, spc: indicator.spc} : null;

/** The latest point's special cause, if it has one. */
function latestSignal(spc: SpcResult | null): {variation: Variation; words: string} | null {
	const last = spc?.points.at(-1);
	if (!spc || !last || last.rule === null || last.side === null) return null;
	return {variation: spc.variation, words: describeSignal(last.rule, last.side)};
}

function ragReasons(indicator: IndicatorMonth, now: Figure, before: Figure | null): Reason[] {
	const worse = before !== null && ragWorsened(before.rag, now.rag);
	if (now.rag === 'red') {
		const side = indicator.polarity === 'higher' ? 'below' : 'above';
		const band = indicator.amber === null ? '' : ` by more than its amber band (${formatValue(indicator.unit, indicator.amber)})`;
		const was = worse ? `, worse than last month (was ${before!.rag})` : before?.rag === 'red' ? ', also last month' : '';
		return [{kind: 'red', text: `red against the ${formatValue(indicator.unit, indicator.target)} target${was}`}];
	}
	if (now.rag === 'amber' && worse) return [{kind: 'amber', text: `amber: worse than last month (was ${before!.rag})`}];
	return [];
}

/** New special-cause signals (not there last month, or the other way) and assurance newly failing. */
function spcReasons(now: Figure, before: Figure | null): Reason[] {
	const reasons: Reason[] = [];
	const signal = latestSignal(now.spc);
	const earlier = latestSignal(before?.spc ?? null);
	if (signal && signal.variation !== earlier?.variation) {
		if (signal.variation === 'concern') reasons.push({kind: 'concern', text: `new special cause concern: ${signal.words}`});
		else if (signal.variation === 'improvement') reasons.push({kind: 'improvement', text: `new special cause improvement: ${signal.words}`});
		else reasons.push({kind: 'neutral', text: `new special cause, neither good nor bad: ${signal.words}`});
	}
	const assurance = before?.spc?.assurance ?? null;
	// A green figure under limits that say "failing" tells of stale limits, not of failure.
	if (now.spc?.assurance === 'fail' && assurance !== 'fail' && now.rag !== 'green') {
		const was = assurance === 'pass' ? ' (was consistently passing)' : assurance === 'hit_and_miss' ? ' (was hit and miss)' : '';
		reasons.push({kind: 'concern', text: `assurance newly failing: the target lies outside the process limits${was}`});
	}
	return reasons;
}

function revisionText(unit: Unit, revision: MeasureRevision): string {
	const month = formatPeriod(revision.period);
	const was = formatValue(unit, revision.previous);
	const now = formatValue(unit, revision.current);
	// A recount that rounds to the same figure is still a revision worth a word.
	if (was === now) return `revised since the last load: ${month} recounted, still ${now}`;
	return `revised since the last load: ${month} was ${was}, now ${now}`;
}

export function buildAgenda(input: AgendaInput): AgendaItem[] {
	const {period, current, previous} = input;
	const names = new Map(input.teams.map(team => [team.code, team.name]));
	const nameOf = (team: string) => (team === ALL_TEAM ? SERVICE_NAME : (names.get(team) ?? team));
	const before = new Map((previous?.indicators ?? []).map(indicator => [indicator.code, indicator]));
	const revisions = input.revisions.filter(revision => revision.period <= period);
	const lastMonth = formatPeriod(addMonths(period, -1));
	const partial = input.coverage ?? null;
	const items: AgendaItem[] = [];
	const notLoaded: IndicatorMonth[] = [];

	for (const indicator of current.indicators) {
		const earlier = before.get(indicator.code);
		const reasons = new Map<string, Reason[]>();
		const add = (team: string, more: Reason[]) => {
			if (more.length > 0) reasons.set(team, [...(reasons.get(team) ?? []), ...more]);
		};
		const figures = new Map<string, Figure | null>();
		const earlierValues = new Map<string, number | null>([[ALL_TEAM, serviceFigure(earlier)?.value ?? null]]);
		for (const team of earlier?.teams ?? []) earlierValues.set(team.team, team.value);

		const service = serviceFigure(indicator);
		figures.set(ALL_TEAM, service);
		if (service) {
			const serviceBefore = serviceFigure(earlier);
			add(ALL_TEAM, ragReasons(indicator, service, serviceBefore));
			add(ALL_TEAM, spcReasons(service, serviceBefore));
			// Stale limits: once, for the whole service, as a note for the analyst.
			const stale = service.spc ? describeStaleLimits(service.spc) : null;
			if (stale) add(ALL_TEAM, [{kind: 'stale', text: stale}]);
		}

		const teamsNow = new Map(indicator.teams.map(team => [team.team, team]));
		for (const team of indicator.teams) {
			const now = teamFigure(team)!;
			const then = teamFigure(earlier?.teams.find(t => t.team === team.team));
			figures.set(team.team, now);
			add(team.team, ragReasons(indicator, now, then));
			add(team.team, spcReasons(now, then));
		}

		// Missing figures: one note per indicator, naming who had a figure last month and has none now.
		const gone = [...(serviceFigure(earlier) && !service ? [ALL_TEAM] : []), ...(earlier?.teams ?? []).filter(t => !teamsNow.has(t.team)).map(t => t.team)];
		if (partial && !service) notLoaded.push(indicator);
		else if (gone.length > 0) {
			const who = gone.map(team => (team === ALL_TEAM ? 'whole service' : shortName(nameOf(team)))).join(', ');
			add(ALL_TEAM, [{kind: 'missing', text: `missing this month: ${who} (had figures in ${lastMonth})`}]);
		}

		for (const revision of revisions) {
			if (revision.indicator !== indicator.code) continue;
			if (!figures.has(revision.team)) figures.set(revision.team, teamFigure(teamsNow.get(revision.team)));
			add(revision.team, [{kind: 'revision', text: revisionText(indicator.unit, revision)}]);
		}

		for (const [team, list] of reasons) {
			const sorted = [...list].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
			const kind = sorted[0]!.kind;
			const figure = figures.get(team) ?? null;
			const rag = figure?.rag ?? 'none';
			const texts = sorted.map(reason => reason.text);
			const label = team === ALL_TEAM ? 'whole service' : shortName(nameOf(team));
			const shown = figure === null ? 'no figure' : `${formatValue(indicator.unit, figure.value)}${rag === 'none' ? '' : `, ${rag}`}`;
			items.push({
				key: `${indicator.code}/${team}`,
				indicator: indicator.code,
				number: indicator.number,
				title: indicator.title,
				unit: indicator.unit,
				polarity: indicator.polarity,
				team,
				teamName: nameOf(team),
				severity: KIND_SEVERITY[kind],
				kind,
				reasons: texts,
				whose: label,
				figure: shown,
				line: agendaLine({number: indicator.number, title: indicator.title, whose: label, figure: shown, reasons: texts}),
				value: figure?.value ?? null,
				previousValue: earlierValues.get(team) ?? null,
				target: indicator.target,
				rag,
				last12: lastTwelve(period, seriesOf(period, indicator, team, earlier)),
			});
		}
	}

	if (partial && notLoaded.length > 0) items.push(partialNote(partial, notLoaded));

	const order = teamOrderOf(input.teams);
	const rankTeam = (team: string) => (team === ALL_TEAM ? -1 : order(team));
	return items.sort(
		(a, b) =>
			SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
			RAG_RANK[a.rag] - RAG_RANK[b.rag] ||
			KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
			a.number - b.number ||
			a.indicator.localeCompare(b.indicator) ||
			rankTeam(a.team) - rankTeam(b.team) ||
			a.team.localeCompare(b.team),
	);
}

/** A partial month's missing figures, as one note. */
function partialNote(coverage: MonthCoverage, missing: IndicatorMonth[]): AgendaItem {
	const title = describeCoverage(coverage);
	const reason = `no whole-service figure yet for ${missing.map(indicator => indicator.number).join(', ')}`;
	return {
		key: `partial/${coverage.period}`,
		indicator: '',
		number: 0,
		title,
		unit: 'count',
		polarity: 'none',
		team: ALL_TEAM,
		teamName: SERVICE_NAME,
		severity: 'note',
		kind: 'partial',
		reasons: [reason],
		whose: '',
		figure: '',
		line: agendaLine({number: 0, title, whose: '', figure: '', reasons: [reason]}),
		value: null,
		previousValue: null,
		target: null,
		rag: 'none',
		last12: Array.from({length: 12}, () => null),
	};
}

type Point = {period: string; value: number};

/** The service's whole series; a team's from its SPC points (monthly figures), else the two months we hold. */
function seriesOf(period: string, indicator: IndicatorMonth, team: string, earlier: IndicatorMonth | undefined): Point[] {
	if (team === ALL_TEAM) return indicator.series;
	const now = indicator.teams.find(t => t.team === team);
	const then = earlier?.teams.find(t => t.team === team);
	const points = now?.spc?.points ?? then?.spc?.points;
	if (points) return points;
	const known: Point[] = [];
	if (then) known.push({period: addMonths(period, -1), value: then.value});
	if (now) known.push({period, value: now.value});
	return known;
}

function lastTwelve(period: string, points: Point[]): Array<number | null> {
	const byPeriod = new Map(points.map(point => [point.period, point.value]));
	return monthsEnding(period, 12).map(month => byPeriod.get(month) ?? null);
}
