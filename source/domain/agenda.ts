import type {MonthCoverage} from './coverage.js';
import {addMonths, formatPeriod, monthsEnding} from './periods.js';
import {ragWorsened} from './rag.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './scorecard.js';
import {teamOrderOf} from './scorecard.js';
import {ASSURANCE_LABELS, describeSignal, type SpcResult, type Variation} from './spc.js';
import {ALL_TEAM, type MeasureRevision, type Polarity, type Rag, type TeamDef, type Unit} from './types.js';
import {shortName} from './text.js';
import {formatValue} from './units.js';

// The stand-up agenda: what changed this month that the meeting should talk about. Pure: the
// store gathers the input (store/client.ts `agenda`), the view draws the items.

export type {MeasureRevision};

export type AgendaInput = {
	period: string;
	/** The month shown, with team SPC (`fullScorecard`). */
	current: Scorecard;
	/** The month before, with team SPC; null when the store has no figures for it. */
	previous: Scorecard | null;
	teams: TeamDef[];
	/** Measures the most recent load replaced, any month (only months up to `period` are raised). */
	revisions: MeasureRevision[];
	/** The month's coverage when it is a partial month. */
	coverage?: MonthCoverage | null;
};

export type AgendaSeverity = 'concern' | 'watch' | 'info' | 'improvement';

/** Why an item is raised; also its place in the ranking (this order). */
export type AgendaReasonKind = 'concern' | 'amber' | 'revision' | 'missing' | 'ongoing' | 'neutral' | 'improvement' | 'sustained';
const KIND_ORDER: AgendaReasonKind[] = ['concern', 'amber', 'revision', 'missing', 'ongoing', 'neutral', 'improvement', 'sustained'];
const KIND_SEVERITY: Record<AgendaReasonKind, AgendaSeverity> = {
	concern: 'concern',
	amber: 'watch',
	revision: 'info',
	missing: 'info',
	ongoing: 'watch',
	neutral: 'info',
	improvement: 'improvement',
	sustained: 'improvement',
};

export type AgendaItem = {
	/** `${indicator}/${team}`: stable across reloads, for selection. */
	key: string;
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
	/** The most pressing reason's kind: the item's group in the ranking. */
	kind: AgendaReasonKind;
	reasons: string[];
	/** One line that says why: `FA45 Other citywide teams: 63%, red, special cause concern: ...`. */
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


type Figure = {value: number | null; rag: Rag; spc: SpcResult | null};

function teamFigure(team: TeamFigure | undefined): Figure | null {
	return team ? {value: team.value, rag: team.rag, spc: team.spc ?? null} : null;
}

function serviceFigure(indicator: IndicatorMonth | undefined): Figure | null {
	return indicator && indicator.value !== null ? {value: indicator.value, rag: indicator.rag, spc: indicator.spc} : null;
}

/** The latest point's special cause, if it has one. */
function latestSignal(spc: SpcResult | null): {variation: Variation; words: string} | null {
	const last = spc?.points.at(-1);
	if (!spc || !last || last.rule === null || last.side === null) return null;
	return {variation: spc.variation, words: describeSignal(last.rule, last.side)};
}

type Reason = {kind: AgendaReasonKind; text: string};

/**
 * SPC news for a figure. `ongoing` also raises what carries on from last month (a concern still
 * signalling, a target still consistently failed, an improvement sustained), after the news: the
 * whole service's persistent problems stay in front of the meeting, not only this month's changes.
 */
function spcReasons(now: Figure, before: Figure | null, ongoing = false): Reason[] {
	const reasons: Reason[] = [];
	const signal = latestSignal(now.spc);
	const earlier = latestSignal(before?.spc ?? null);
	// New: not flagged last month, or flagged the other way (an improvement that turned into a concern).
	if (signal && signal.variation !== earlier?.variation) {
		if (signal.variation === 'concern') reasons.push({kind: 'concern', text: `special cause concern: ${signal.words}`});
		else if (signal.variation === 'improvement') reasons.push({kind: 'improvement', text: `special cause improvement: ${signal.words}`});
		else reasons.push({kind: 'neutral', text: `special cause, neither good nor bad: ${signal.words}`});
	}
	if (ongoing && signal && signal.variation === earlier?.variation) {
		if (signal.variation === 'concern') reasons.push({kind: 'ongoing', text: `special cause concern continues: ${signal.words}`});
		else if (signal.variation === 'improvement') reasons.push({kind: 'sustained', text: `improvement sustained: ${signal.words}`});
	}
	const assurance = before?.spc?.assurance ?? null;
	if (now.spc?.assurance === 'fail' && assurance !== 'fail') {
		const was = assurance ? ` (was ${ASSURANCE_LABELS[assurance].toLowerCase()})` : '';
		reasons.push({kind: 'concern', text: `now consistently failing the target${was}`});
	} else if (ongoing && now.spc?.assurance === 'fail' && (now.rag === 'red' || now.rag === 'amber')) {
		// Only while the figure is still off target: a green month under limits drawn before a
		// sustained improvement says the limits are out of date, not that the service is failing.
		reasons.push({kind: 'ongoing', text: 'consistently failing the target (it lies outside the process limits)'});
	}
	return reasons;
}

function ragReasons(now: Figure, before: Figure | null): Reason[] {
	if (!before || !ragWorsened(before.rag, now.rag)) return [];
	return [{kind: now.rag === 'red' ? 'concern' : 'amber', text: `worse than last month (was ${before.rag})`}];
}

function revisionText(unit: Unit, revision: MeasureRevision): string {
	const month = formatPeriod(revision.period);
	const was = formatValue(unit, revision.previous);
	const now = formatValue(unit, revision.current);
	// A recount that rounds to the same figure is still a revision worth a word.
	if (was === now) return `revised: ${month} recounted, still ${now}`;
	return `revised: ${month} was ${was} now ${now}`;
}

function ragWord(rag: Rag): string {
	return rag === 'none' ? '' : `, ${rag}`;
}

export function buildAgenda(input: AgendaInput): AgendaItem[] {
	const {period, current, previous} = input;
	const names = new Map(input.teams.map(team => [team.code, team.name]));
	const nameOf = (team: string) => (team === ALL_TEAM ? SERVICE_NAME : (names.get(team) ?? team));
	const before = new Map((previous?.indicators ?? []).map(indicator => [indicator.code, indicator]));
	const revisions = input.revisions.filter(revision => revision.period <= period);
	const items: AgendaItem[] = [];

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
		const serviceBefore = serviceFigure(earlier);
		figures.set(ALL_TEAM, service);
		if (service) {
			add(ALL_TEAM, spcReasons(service, serviceBefore, true));
			add(ALL_TEAM, ragReasons(service, serviceBefore));
		} else if (serviceBefore) {
			add(ALL_TEAM, [{kind: 'missing', text: `missing this month (${formatPeriod(addMonths(period, -1))}: ${formatValue(indicator.unit, serviceBefore.value)})`}]);
		}

		const teamsNow = new Map(indicator.teams.map(team => [team.team, team]));
		const teamsBefore = new Map((earlier?.teams ?? []).map(team => [team.team, team]));
		for (const [code, team] of teamsNow) {
			const now = teamFigure(team)!;
			const then = teamFigure(teamsBefore.get(code));
			figures.set(code, now);
			add(code, spcReasons(now, then));
			add(code, ragReasons(now, then));
		}
		for (const [code, team] of teamsBefore) {
			if (teamsNow.has(code)) continue;
			figures.set(code, null);
			add(code, [{kind: 'missing', text: `missing this month (${formatPeriod(addMonths(period, -1))}: ${formatValue(indicator.unit, team.value)})`}]);
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
			const value = figure?.value ?? null;
			const rag = figure?.rag ?? 'none';
			const label = team === ALL_TEAM ? 'whole service' : shortName(nameOf(team));
			const texts = sorted.map(reason => reason.text);
			const shown = value === null ? 'no figure' : `${formatValue(indicator.unit, value)}${ragWord(rag)}`;
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
				line: `${indicator.code} ${label}: ${shown}, ${texts.join('; ')}`,
				value,
				previousValue: earlierValues.get(team) ?? null,
				target: indicator.target,
				rag,
				last12: lastTwelve(period, seriesOf(period, indicator, team, earlier)),
			});
		}
	}

	const order = teamOrderOf(input.teams);
	const rankTeam = (team: string) => (team === ALL_TEAM ? -1 : order(team));
	return items.sort(
		(a, b) =>
			KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
			a.number - b.number ||
			a.indicator.localeCompare(b.indicator) ||
			rankTeam(a.team) - rankTeam(b.team) ||
			a.team.localeCompare(b.team),
	);
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
