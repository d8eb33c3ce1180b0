import {describeCoverage, type MonthCoverage} from './coverage.js';
import {SMALL_DENOMINATOR, figureText, withCounts} from './figure-words.js';
import {addMonths, formatPeriod, monthsEnding} from './periods.js';
import {rateRag, ragWorsened, trendOf} from './rag.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './scorecard.js';
import {ratedTarget, targetAt, teamOrderOf} from './scorecard.js';
import {assuranceOf, type SpcResult} from './spc.js';
import {describeLatestSignal, describeStaleLimits, staleLimitsAction} from './spc-words.js';
import {ALL_TEAM, type MeasureRevision, type Polarity, type Rag, type TeamDef, type Unit} from './types.js';
import {shortName} from './text.js';
import {agendaLine} from './agenda-line.js';
import {formatValue} from './units.js';

// The stand-up agenda, by rule, in words read aloud to managers: every red figure (indicator or
// team, with or without SPC); ambers that got worse (rated or in value); new special causes and
// continuing concerns; assurance newly failing; target changes (RAG compared like for like);
// revisions (those that change a RAG ranked with the concerns or watch items); stale limits and
// missing figures as notes. A green common-cause figure that did not change is never on it.
// Analysts' instructions ("record a recalculation") are kept apart, for the detail and --json.
// Pure: the store gathers the input (store/read-scorecard.ts `readAgendaInput`), views draw items.
// About 370 lines: the rules, the item they make and the ranking are kept in one place on purpose.

export type AgendaInput = {
	period: string;
	/** The month shown, with team SPC. */
	current: Scorecard;
	/** The month before, with team SPC; null when the store has no figures for it. */
	previous: Scorecard | null;
	teams: TeamDef[];
	/** The whole service's name (the teams file's ALL row, else "Whole service"). */
	serviceName?: string;
	/** Measures the most recent load replaced, any month (only months up to `period` are raised). */
	revisions: MeasureRevision[];
	/** The month's coverage when it is a partial month: its missing figures are one note. */
	coverage?: MonthCoverage | null;
	/** The newest month, when it is partial and so not the month shown: the agenda says so. */
	newerPartial?: MonthCoverage | null;
	/** The first month of the reporting year (a cumulative count's revised months are rated pro rata). */
	reportingYearStart?: number;
};
export type {MeasureRevision};

/** The ranking's groups, in order. */
export type AgendaSeverity = 'concern' | 'watch' | 'improvement' | 'note';
export const SEVERITIES: AgendaSeverity[] = ['concern', 'watch', 'improvement', 'note'];

/** Which rule raised a reason; an item's kind is its most pressing reason's (this order). */
export type AgendaReasonKind =
	| 'red'
	| 'concern'
	| 'revised_red'
	| 'amber'
	| 'continuing'
	| 'revised_rag'
	| 'improvement'
	| 'target'
	| 'stale'
	| 'neutral'
	| 'revision'
	| 'missing'
	| 'partial';
const KIND_ORDER: AgendaReasonKind[] = ['red', 'concern', 'revised_red', 'amber', 'continuing', 'revised_rag', 'improvement', 'target', 'stale', 'neutral', 'revision', 'missing', 'partial'];
const KIND_SEVERITY: Record<AgendaReasonKind, AgendaSeverity> = {
	red: 'concern',
	concern: 'concern',
	revised_red: 'concern',
	amber: 'watch',
	continuing: 'watch',
	revised_rag: 'watch',
	improvement: 'improvement',
	target: 'note',
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
	/** What an analyst does about it (never read aloud: in the detail and --json). */
	analyst: string[];
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

type Figure = {value: number; rag: Rag; spc: SpcResult | null; numerator: number | null; denominator: number | null};
type Reason = {kind: AgendaReasonKind; text: string};

const teamFigure = (team: TeamFigure | undefined): Figure | null =>
	team ? {value: team.value, rag: team.rag, spc: team.spc ?? null, numerator: team.numerator, denominator: team.denominator} : null;
const serviceFigure = (indicator: IndicatorMonth | undefined): Figure | null =>
	indicator && indicator.value !== null ? {value: indicator.value, rag: indicator.rag, spc: indicator.spc, numerator: indicator.numerator, denominator: indicator.denominator} : null;

/** The target version in force (a cumulative count's annual target, not its pro-rata share). */
const versionTarget = (indicator: IndicatorMonth): number | null => indicator.proRata?.annual ?? indicator.target;

/** `target raised from 80% to 90% this month`, or null when it did not change. */
function targetChange(indicator: IndicatorMonth, earlier: IndicatorMonth | undefined): string | null {
	if (!earlier) return null;
	const was = versionTarget(earlier);
	const now = versionTarget(indicator);
	if (was === now) return null;
	const show = (value: number) => formatValue(indicator.unit, value);
	if (was === null) return `target set at ${show(now!)} this month`;
	if (now === null) return `target removed this month (was ${show(was)})`;
	return `target ${now > was ? 'raised' : 'lowered'} from ${show(was)} to ${show(now)} this month`;
}

/**
 * Last month's figure rated like for like: against this month's target version when the target
 * changed (a cumulative count's pro rata for last month's months), else as it was rated.
 */
function likeForLike(indicator: IndicatorMonth, earlier: IndicatorMonth | undefined, before: Figure | null): Rag | null {
	if (before === null) return null;
	if (!earlier || versionTarget(earlier) === versionTarget(indicator)) return before.rag;
	const amber = indicator.proRata && earlier.proRata && indicator.amber !== null ? (indicator.amber * earlier.proRata.months) / indicator.proRata.months : indicator.amber;
	const target = indicator.proRata && earlier.proRata ? (indicator.proRata.annual * earlier.proRata.months) / 12 : indicator.target;
	return rateRag(before.value, target, amber, indicator.polarity);
}

function ragReasons(indicator: IndicatorMonth, now: Figure, before: Figure | null, beforeRag: Rag | null, changed: boolean): Reason[] {
	const worse = beforeRag !== null && ragWorsened(beforeRag, now.rag);
	const against = changed ? ' by this target' : '';
	if (now.rag === 'red') {
		const was = worse ? `, worse than last month${against} (was ${beforeRag})` : beforeRag === 'red' ? `, also last month${against}` : '';
		return [{kind: 'red', text: `red against the ${formatValue(indicator.unit, indicator.target)} target${was}`}];
	}
	if (now.rag === 'amber' && worse) return [{kind: 'amber', text: `amber: worse than last month${against} (was ${beforeRag})`}];
	// Still amber, and the figure moved the wrong way: worth watching before it turns red.
	if (now.rag === 'amber' && beforeRag === 'amber' && before && trendOf(before.value, now.value, indicator.polarity) === 'worsening') {
		return [{kind: 'amber', text: `amber, and worse than last month (was ${figureText({...indicator, value: before.value, rag: 'amber'})})`}];
	}
	return [];
}

/** Special causes (new, or a concern that continues) and assurance newly failing, compared like for like. */
function spcReasons(indicator: IndicatorMonth, now: Figure, before: Figure | null): Reason[] {
	const reasons: Reason[] = [];
	const signal = now.spc?.latest ?? null;
	const words = now.spc ? describeLatestSignal(now.spc) : null;
	const earlier = before?.spc?.latest ?? null;
	if (signal && words) {
		if (signal.variation === 'concern' && earlier?.variation === 'concern') reasons.push({kind: 'continuing', text: `special cause concern continues: ${words}`});
		else if (signal.variation !== earlier?.variation) {
			if (signal.variation === 'concern') reasons.push({kind: 'concern', text: `new special cause concern: ${words}`});
			else if (signal.variation === 'improvement') reasons.push({kind: 'improvement', text: `new special cause improvement: ${words}`});
			else reasons.push({kind: 'neutral', text: `new special cause, neither good nor bad: ${words}`});
		}
	}
	// Last month's limits against this month's target: a target change alone is not "newly failing".
	const was = before?.spc && before.spc.assurance !== null ? assuranceOf(before.spc, indicator.target, indicator.polarity) : null;
	// A green figure under limits that say "failing" tells of stale limits, not of failure; with no
	// verdict last month (too few months), a first verdict is not news of failing.
	if (now.spc?.assurance === 'fail' && was !== null && was !== 'fail' && now.rag !== 'green') {
		const from = was === 'pass' ? ' (was consistently passing)' : ' (was hit and miss)';
		const months = signal ? ', judged on the months before this one' : '';
		reasons.push({kind: 'concern', text: `assurance newly failing: the target lies outside the process limits${from}${months}`});
	}
	return reasons;
}

/** A revision in words, and whether it changed the month's RAG (then it ranks with the concerns or watch items). */
function revisionReason(indicator: IndicatorMonth, revision: MeasureRevision, yearStart: number): Reason {
	const {unit, polarity} = indicator;
	const month = formatPeriod(revision.period);
	const version = targetAt(indicator.targets, revision.period);
	const rated = indicator.targets.length > 0 ? ratedTarget(indicator, version, revision.period, yearStart) : {target: indicator.target, amber: indicator.amber};
	const rag = (value: number | null) => rateRag(value, rated.target, rated.amber, polarity);
	const was = rag(revision.previous);
	const now = rag(revision.current);
	const show = (value: number | null, r: Rag) => (value === null ? 'no figure' : figureText({unit, polarity, value, rag: r, target: rated.target, amber: rated.amber}));
	if (was !== now && was !== 'none' && now !== 'none') {
		return {kind: now === 'red' ? 'revised_red' : 'revised_rag', text: `revised since the last load: ${month} was ${show(revision.previous, was)} (${was}), now ${show(revision.current, now)} (${now})`};
	}
	const before = formatValue(unit, revision.previous);
	const after = formatValue(unit, revision.current);
	// A recount that rounds to the same figure is still a revision worth a word.
	if (before === after) return {kind: 'revision', text: `revised since the last load: ${month} recounted, still ${after}`};
	return {kind: 'revision', text: `revised since the last load: ${month} was ${before}, now ${after}`};
}

/** What the agenda says about the month it shows, when it is not the newest: `Agenda for Nov 2017: Dec 2017 is partial (2 of 14 indicators have a whole-service figure)`. */
export function agendaNotice(input: Pick<AgendaInput, 'period' | 'newerPartial' | 'coverage'>): string | null {
	const newer = input.newerPartial;
	if (newer && newer.period !== input.period) {
		return `Agenda for ${formatPeriod(input.period)}: ${formatPeriod(newer.period)} is partial (${newer.indicators} of ${newer.of} indicators have a whole-service figure), so it is not shown yet`;
	}
	if (input.coverage) return `Agenda for ${formatPeriod(input.period)}, a partial month: ${input.coverage.indicators} of ${input.coverage.of} indicators have a whole-service figure`;
	return null;
}

export function buildAgenda(input: AgendaInput): AgendaItem[] {
	const {period, current, previous} = input;
	const names = new Map(input.teams.map(team => [team.code, team.name]));
	const service = input.serviceName ?? SERVICE_NAME;
	// One name for the whole service, in every view and line: the teams file's ALL row's, else "Whole service".
	const serviceLabel = service === SERVICE_NAME ? 'whole service' : service;
	const nameOf = (team: string) => (team === ALL_TEAM ? service : (names.get(team) ?? team));
	const before = new Map((previous?.indicators ?? []).map(indicator => [indicator.code, indicator]));
	const revisions = input.revisions.filter(revision => revision.period <= period);
	const lastMonth = formatPeriod(addMonths(period, -1));
	const yearStart = input.reportingYearStart ?? 4;
	const partial = input.coverage ?? null;
	const items: AgendaItem[] = [];
	const notLoaded: IndicatorMonth[] = [];

	for (const indicator of current.indicators) {
		const earlier = before.get(indicator.code);
		const reasons = new Map<string, Reason[]>();
		const analyst = new Map<string, string[]>();
		const add = (team: string, more: Reason[]) => {
			if (more.length > 0) reasons.set(team, [...(reasons.get(team) ?? []), ...more]);
		};
		const figures = new Map<string, Figure | null>();
		const earlierValues = new Map<string, number | null>([[ALL_TEAM, serviceFigure(earlier)?.value ?? null]]);
		for (const team of earlier?.teams ?? []) earlierValues.set(team.team, team.value);
		const change = targetChange(indicator, earlier);
		const raise = (now: Figure, then: Figure | null): Reason[] => [
			...ragReasons(indicator, now, then, likeForLike(indicator, earlier, then), change !== null),
			...spcReasons(indicator, now, then),
		];

		const service = serviceFigure(indicator);
		figures.set(ALL_TEAM, service);
		if (service) {
			add(ALL_TEAM, raise(service, serviceFigure(earlier)));
			// Stale limits: once, for the whole service, as a note; the analyst's instruction apart.
			const stale = service.spc ? describeStaleLimits(service.spc) : null;
			const action = service.spc ? staleLimitsAction(service.spc) : null;
			if (stale) add(ALL_TEAM, [{kind: 'stale', text: stale}]);
			if (action) analyst.set(ALL_TEAM, [action]);
		}
		if (change) add(ALL_TEAM, [{kind: 'target', text: change}]);

		const teamsNow = new Map(indicator.teams.map(team => [team.team, team]));
		for (const team of indicator.teams) {
			const now = teamFigure(team)!;
			figures.set(team.team, now);
			add(team.team, raise(now, teamFigure(earlier?.teams.find(t => t.team === team.team))));
		}

		// Missing figures: one note per indicator, naming who had a figure last month and has none now.
		const gone = [...(serviceFigure(earlier) && !service ? [ALL_TEAM] : []), ...(earlier?.teams ?? []).filter(t => !teamsNow.has(t.team)).map(t => t.team)];
		if (partial && !service) notLoaded.push(indicator);
		else if (gone.length > 0) {
			const who = gone.map(team => (team === ALL_TEAM ? serviceLabel : shortName(nameOf(team)))).join(', ');
			add(ALL_TEAM, [{kind: 'missing', text: `missing this month: ${who} (had figures in ${lastMonth})`}]);
		}

		for (const revision of revisions) {
			if (revision.indicator !== indicator.code) continue;
			if (!figures.has(revision.team)) figures.set(revision.team, teamFigure(teamsNow.get(revision.team)));
			add(revision.team, [revisionReason(indicator, revision, yearStart)]);
		}

		for (const [team, list] of reasons) {
			const sorted = [...list].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
			const kind = sorted[0]!.kind;
			const figure = figures.get(team) ?? null;
			const rag = figure?.rag ?? 'none';
			const texts = sorted.map(reason => reason.text);
			const label = team === ALL_TEAM ? serviceLabel : shortName(nameOf(team));
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
				analyst: analyst.get(team) ?? [],
				whose: label,
				figure: figureWords(indicator, figure),
				line: agendaLine({number: indicator.number, title: indicator.title, whose: label, figure: figureWords(indicator, figure), reasons: texts}),
				value: figure?.value ?? null,
				previousValue: earlierValues.get(team) ?? null,
				target: indicator.target,
				rag,
				last12: lastTwelve(period, seriesOf(period, indicator, team, earlier)),
			});
		}
	}

	if (partial && notLoaded.length > 0) items.push(partialNote(partial, notLoaded, service));

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

/** `84.9%, red`; a percentage of a small denominator with its counts: `60% (3 of 5), red`. */
function figureWords(indicator: IndicatorMonth, figure: Figure | null): string {
	if (figure === null) return 'no figure';
	const text = figureText({...indicator, value: figure.value, rag: figure.rag});
	const counted = figure.denominator !== null && figure.denominator <= SMALL_DENOMINATOR ? withCounts(text, indicator.unit, figure.numerator, figure.denominator) : text;
	return `${counted}${figure.rag === 'none' ? '' : `, ${figure.rag}`}`;
}

/** A partial month's missing figures, as one note. */
function partialNote(coverage: MonthCoverage, missing: IndicatorMonth[], service: string): AgendaItem {
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
		teamName: service,
		severity: 'note',
		kind: 'partial',
		reasons: [reason],
		analyst: [],
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
