// Ofsted Annex A lists turned into the month's figures: pure, no I/O. Rows arrive already read
// (days as numbers, teams as codes); the figures leave as measures rows, whole service and teams.
import type {WorkingDaysConvention} from './store-settings.js';
import {ALL_TEAM, type Unit} from './types.js';
import {dayOf, isoDay, WorkingDays, type Day} from './working-days.js';

export const DERIVATIONS = [
	'annex_a.assessments_45wd',
	'annex_a.seen_at_assessment',
	'annex_a.re_referrals_12m',
	'annex_a.cp_plans',
	'annex_a.children_in_care',
	'annex_a.children_in_care_excl_uasc',
] as const;
export type Derivation = (typeof DERIVATIONS)[number];

export type AnnexList = 'List 3' | 'List 4' | 'List 7' | 'List 8';

export const LIST_OF: Record<Derivation, AnnexList> = {
	'annex_a.assessments_45wd': 'List 4',
	'annex_a.seen_at_assessment': 'List 4',
	'annex_a.re_referrals_12m': 'List 3',
	'annex_a.cp_plans': 'List 7',
	'annex_a.children_in_care': 'List 8',
	'annex_a.children_in_care_excl_uasc': 'List 8',
};

/** The units each derivation can give: a proportion, or a count that may be put per 10,000 children. */
export const UNITS_OF: Record<Derivation, readonly Unit[]> = {
	'annex_a.assessments_45wd': ['percent'],
	'annex_a.seen_at_assessment': ['percent'],
	'annex_a.re_referrals_12m': ['percent'],
	'annex_a.cp_plans': ['count', 'rate_per_10k'],
	'annex_a.children_in_care': ['count', 'rate_per_10k'],
	'annex_a.children_in_care_excl_uasc': ['count', 'rate_per_10k'],
};

/**
 * `team`: a team code, or null for a blank team (counted for the whole service only). `count`:
 * List 3's "Number of Referrals in Last 12 Months" when the list has the column (null: blank).
 */
export type Referral = {child: string; referred: Day; team: string | null; count?: number | null};
export type Assessment = {start: Day; authorised: Day | null; seen: boolean; team: string | null};
export type Plan = {start: Day; end: Day | null; team: string | null};
export type LookedAfter = {start: Day; end: Day | null; uasc: boolean; team: string | null};

export type Extract = {
	/** The extract's period, first and last day included. */
	from: Day;
	to: Day;
	referrals: Referral[];
	assessments: Assessment[];
	plans: Plan[];
	lookedAfter: LookedAfter[];
	/** Every team the lists name: counts are given for each of them, zeros included. */
	teams: string[];
};

export type DerivedIndicator = {code: string; derive: Derivation; unit: Unit};

/** A measures row; a blank denominator of a rate takes the team's population in the loader. */
export type DerivedMeasure = {period: string; indicator: string; team: string; numerator: number; denominator: number | null};

export type Month = {period: string; first: Day; last: Day};

/** Every calendar month wholly inside from..to. */
export function completeMonths(from: Day, to: Day): Month[] {
	const months: Month[] = [];
	let [year, month] = isoDay(from).slice(0, 7).split('-').map(Number) as [number, number];
	if (dayOf(year, month, 1) < from) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
	for (;;) {
		const first = dayOf(year, month, 1);
		const last = dayOf(year, month + 1, 1) - 1;
		if (last > to) return months;
		months.push({period: `${year}-${String(month).padStart(2, '0')}`, first, last});
		[year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
	}
}

/** The same date a year earlier (29 February looks back to 28 February). */
export function yearBefore(day: Day): Day {
	const [year, month, date] = isoDay(day).split('-').map(Number) as [number, number, number];
	return month === 2 && date === 29 ? dayOf(year - 1, 2, 28) : dayOf(year - 1, month, date);
}

/** Tallies per team and for the whole service. */
class Tally {
	readonly numerators = new Map<string, number>();
	readonly denominators = new Map<string, number>();

	add(team: string | null, inNumerator: boolean): void {
		for (const key of team === null ? [ALL_TEAM] : [ALL_TEAM, team]) {
			this.denominators.set(key, (this.denominators.get(key) ?? 0) + 1);
			if (inNumerator) this.numerators.set(key, (this.numerators.get(key) ?? 0) + 1);
		}
	}
}

/** Where a month's re-referrals came from: the referral dates in the extract, or List 3's own count. */
export type ReReferralSource = 'dates' | 'count';

export type Derived = {
	measures: DerivedMeasure[];
	months: Map<string, string[]>;
	/** Per month computed, where its re-referrals came from. */
	reReferralSources: Map<string, ReReferralSource>;
	/** How List 3's count was read: including the referral itself (a first referral is 1) or not (0). */
	countIncludesReferral: boolean;
};

export type DeriveOptions = {
	/** How the 45 working days are counted (the store's working_days_convention setting). */
	convention: WorkingDaysConvention;
};

/**
 * The figures of every derived indicator for every complete month the extract allows. `holidays`: the
 * bank holidays of every year the extract's days touch (annex-a/bank-holidays.ts looks them up).
 */
export function deriveAnnexA(extract: Extract, indicators: readonly DerivedIndicator[], holidays: ReadonlySet<Day>, options: DeriveOptions = {convention: 'after_start'}): Derived {
	const months = completeMonths(extract.from, extract.to);
	const measures: DerivedMeasure[] = [];
	const computed = new Map<string, string[]>();
	const needs = new Set(indicators.map(indicator => indicator.derive));
	const timely = needs.has('annex_a.assessments_45wd') ? timelyAssessments(extract.assessments, holidays, options.convention) : undefined;
	const reReferred = needs.has('annex_a.re_referrals_12m') ? reReferrals(extract.referrals) : undefined;
	// A count of 0 anywhere means the column counts earlier referrals only; else it includes the referral itself.
	const countIncludesReferral = !extract.referrals.some(referral => referral.count === 0);
	const byCount = extract.referrals.map(referral => (referral.count === undefined || referral.count === null ? null : referral.count >= (countIncludesReferral ? 2 : 1)));
	const hasCount = extract.referrals.some(referral => referral.count !== undefined);
	const reReferralSources = new Map<string, ReReferralSource>();

	for (const indicator of indicators) {
		const done: string[] = [];
		for (const month of months) {
			const tally = tallyMonth(indicator.derive, month, extract, timely, reReferred, hasCount ? byCount : null, reReferralSources);
			if (tally === null) continue;
			done.push(month.period);
			const proportion = UNITS_OF[indicator.derive].includes('percent');
			const teams = proportion ? [...tally.denominators.keys()] : [ALL_TEAM, ...extract.teams];
			for (const team of teams.sort()) {
				const numerator = tally.numerators.get(team) ?? 0;
				if (proportion) measures.push({period: month.period, indicator: indicator.code, team, numerator, denominator: tally.denominators.get(team)!});
				else measures.push({period: month.period, indicator: indicator.code, team, numerator, denominator: null});
			}
		}
		computed.set(indicator.code, done);
	}
	return {measures, months: computed, reReferralSources, countIncludesReferral};
}

function tallyMonth(
	derive: Derivation,
	month: Month,
	extract: Extract,
	timely: boolean[] | undefined,
	reReferred: boolean[] | undefined,
	/** Null when List 3 has no count column. */
	byCount: Array<boolean | null> | null,
	sources: Map<string, ReReferralSource>,
): Tally | null {
	const tally = new Tally();
	const openAtEnd = (start: Day, end: Day | null) => start <= month.last && (end === null || end > month.last);
	switch (derive) {
		case 'annex_a.assessments_45wd':
		case 'annex_a.seen_at_assessment':
			extract.assessments.forEach((assessment, i) => {
				if (assessment.authorised === null || assessment.authorised < month.first || assessment.authorised > month.last) return;
				tally.add(assessment.team, derive === 'annex_a.seen_at_assessment' ? assessment.seen : timely![i]!);
			});
			return tally;
		case 'annex_a.re_referrals_12m': {
			const inMonth = extract.referrals.flatMap((referral, i) => (referral.referred >= month.first && referral.referred <= month.last ? [i] : []));
			// The dates tell when the look-back of the month's first referral lies inside the extract;
			// before that, List 3's own count does, when every referral of the month has one.
			let source: ReReferralSource;
			if (yearBefore(month.first) >= extract.from) source = 'dates';
			else if (byCount !== null && inMonth.every(i => byCount[i] !== null)) source = 'count';
			else return null;
			sources.set(month.period, source);
			for (const i of inMonth) tally.add(extract.referrals[i]!.team, source === 'dates' ? reReferred![i]! : byCount![i]!);
			return tally;
		}
		case 'annex_a.cp_plans':
			for (const plan of extract.plans) if (openAtEnd(plan.start, plan.end)) tally.add(plan.team, true);
			return tally;
		case 'annex_a.children_in_care':
		case 'annex_a.children_in_care_excl_uasc':
			for (const child of extract.lookedAfter) {
				if (derive === 'annex_a.children_in_care_excl_uasc' && child.uasc) continue;
				if (openAtEnd(child.start, child.end)) tally.add(child.team, true);
			}
			return tally;
	}
}

/**
 * The working days an assessment may take and be in time. `after_start`: 45 counted from the day
 * after the start up to and including the authorisation day. `start_is_day_1` (Data to Insight's
 * CIN validator: the start day is day 1, its deadline pandas' start + 44 working days): the
 * authorisation day is at most the 44th working day after the start day, whatever day that is
 * (as pandas adds working days to a weekend day).
 */
export function workingDayLimit(convention: WorkingDaysConvention): number {
	return convention === 'after_start' ? 45 : 44;
}

/** Each assessment authorised within 45 working days of its start, by the convention given. */
export function timelyAssessments(assessments: readonly Assessment[], holidays: ReadonlySet<Day>, convention: WorkingDaysConvention = 'after_start'): boolean[] {
	const limit = workingDayLimit(convention);
	let first = Infinity;
	let last = -Infinity;
	for (const {start, authorised} of assessments) {
		if (authorised === null) continue;
		first = Math.min(first, start, authorised);
		last = Math.max(last, start, authorised);
	}
	if (first > last) return assessments.map(() => false);
	const calendar = new WorkingDays(first, last, holidays);
	return assessments.map(({start, authorised}) => authorised !== null && authorised >= start && calendar.between(start, authorised) <= limit);
}

/** Each referral of a child with another referral dated on or after the same date a year earlier, and before this one. */
export function reReferrals(referrals: readonly Referral[]): boolean[] {
	const byChild = new Map<string, number[]>();
	referrals.forEach((referral, i) => {
		const list = byChild.get(referral.child);
		if (list === undefined) byChild.set(referral.child, [i]);
		else list.push(i);
	});
	const result = new Array<boolean>(referrals.length).fill(false);
	for (const indexes of byChild.values()) {
		if (indexes.length < 2) continue;
		indexes.sort((a, b) => referrals[a]!.referred - referrals[b]!.referred);
		let previous: Day | null = null;
		for (let k = 0; k < indexes.length; k++) {
			const day = referrals[indexes[k]!]!.referred;
			// The latest earlier date (same-day referrals are not before one another).
			if (k > 0 && referrals[indexes[k - 1]!]!.referred < day) previous = referrals[indexes[k - 1]!]!.referred;
			result[indexes[k]!] = previous !== null && previous >= yearBefore(day);
		}
	}
	return result;
}

export function isOneOfDerivations(text: string): text is Derivation {
	return (DERIVATIONS as readonly string[]).includes(text);
}
