import type {Unit} from './types.js';

// DfE's published statistics, named once: each measure an indicator may be compared with (its
// `published` column), where its figure comes from, and how its years are dated and labelled.
// Figures are annual reference points: they are never monthly figures and never enter SPC.

/** How a publication's years run: children in need and looked after to 31 March; the workforce census at 30 September. */
export type Calendar = 'march' | 'september';

/**
 * `year` over the reporting year (re-referrals, subsequent plans, care leavers' activity): the
 * console's months of that year pool to a comparable figure; `snapshot` at the year's end date.
 */
export type PublishedKind = 'year' | 'snapshot';

/** A figure as one file publishes it, per area and year: its series. */
export type Series =
	| 'c1.rereferral_percent'
	| 'cla.rate_per_10000'
	| 'care_leavers.eet_17_18'
	| 'care_leavers.eet_19_21'
	| 'csww.caseload_fte'
	| 'csww.agency_rate_fte'
	| 'd3.cpp_subsequent_percent'
	| 'd5.cpp_at31'
	| 'b1.cin_at31'
	| 'ons.population_0_17';

export type PublishedMeasure = {
	id: string;
	title: string;
	/** The units an indicator compared with it may have. */
	units: readonly Unit[];
	calendar: Calendar;
	kind: PublishedKind;
	/** The figure as published (one series), or a rate made from a count and the previous year's population. */
	from: {series: Series} | {count: Series; population: Series};
	/** Where it comes from, in words (README, detail). */
	source: string;
};

export const PUBLISHED_MEASURES = [
	{
		id: 'dfe.rereferrals',
		title: 'Re-referrals within 12 months of a previous referral',
		units: ['percent'],
		calendar: 'march',
		kind: 'year',
		from: {series: 'c1.rereferral_percent'},
		source: 'c1 (children in need): rereferral_percent (Re_referrals_percent before the 2025 release)',
	},
	{
		id: 'dfe.cla_rate_per_10k',
		title: 'Children looked after on 31 March per 10,000 children',
		units: ['rate_per_10k'],
		calendar: 'march',
		kind: 'snapshot',
		from: {series: 'cla.rate_per_10000'},
		source: 'cla: rate_per_10000, children looked after on 31 March each year',
	},
	{
		id: 'dfe.care_leavers_eet_19_21',
		title: 'Care leavers aged 19 to 21 in education, employment or training',
		units: ['percent'],
		calendar: 'march',
		kind: 'year',
		from: {series: 'care_leavers.eet_19_21'},
		source: 'care leavers: care_leaver_percent, "Total in education, employment or training", 19 to 21 years',
	},
	{
		id: 'dfe.care_leavers_eet_17_18',
		title: 'Care leavers aged 17 to 18 in education, employment or training',
		units: ['percent'],
		calendar: 'march',
		kind: 'year',
		from: {series: 'care_leavers.eet_17_18'},
		source: 'care leavers: care_leaver_percent, "Total in education, employment or training", 17 to 18 years',
	},
	{
		id: 'dfe.sw_caseload',
		title: 'Average caseload of children and family social workers (FTE)',
		units: ['average'],
		calendar: 'september',
		kind: 'snapshot',
		from: {series: 'csww.caseload_fte'},
		source: 'csww (workforce): caseload_fte',
	},
	{
		id: 'dfe.agency_rate',
		title: 'Agency social workers as a percentage of all social workers (FTE)',
		units: ['percent'],
		calendar: 'september',
		kind: 'snapshot',
		from: {series: 'csww.agency_rate_fte'},
		source: 'csww (workforce): agency_rate_fte',
	},
	{
		id: 'dfe.cpp_subsequent',
		title: 'Child protection plans starting in the year that were a second or subsequent plan',
		units: ['percent'],
		calendar: 'march',
		kind: 'year',
		from: {series: 'd3.cpp_subsequent_percent'},
		source: 'd3 (children in need): CPP_subsequent_percent',
	},
	{
		id: 'dfe.cpp_rate_per_10k',
		title: 'Children on a child protection plan on 31 March per 10,000 children',
		units: ['rate_per_10k'],
		calendar: 'march',
		kind: 'snapshot',
		from: {count: 'd5.cpp_at31', population: 'ons.population_0_17'},
		source: "d5: CPP_At31 per 10,000 children aged 0-17 (ONS mid-year estimate of the year before, as DfE does)",
	},
	{
		id: 'dfe.cin_rate_per_10k',
		title: 'Children in need on 31 March per 10,000 children',
		units: ['rate_per_10k'],
		calendar: 'march',
		kind: 'snapshot',
		from: {count: 'b1.cin_at31', population: 'ons.population_0_17'},
		source: "b1: At31_episodes per 10,000 children aged 0-17 (ONS mid-year estimate of the year before, as DfE does)",
	},
] as const satisfies readonly PublishedMeasure[];

export type PublishedMeasureId = (typeof PUBLISHED_MEASURES)[number]['id'];

export const PUBLISHED_IDS: readonly string[] = PUBLISHED_MEASURES.map(measure => measure.id);

export function publishedMeasure(id: string): PublishedMeasure | undefined {
	return (PUBLISHED_MEASURES as readonly PublishedMeasure[]).find(measure => measure.id === id);
}

/** The series a measure's figures are made from. */
export function seriesOf(measure: PublishedMeasure): Series[] {
	return 'series' in measure.from ? [measure.from.series] : [measure.from.count, measure.from.population];
}

/** DfE's codes for a figure it does not publish: never a zero. `z` is "not applicable" (e.g. no such authority that year). */
export const SUPPRESSION_CODES = ['c', 'k', 'low', 'u', 'x', 'z'] as const;
export type SuppressionCode = (typeof SUPPRESSION_CODES)[number];

export const SUPPRESSION_WORDS: Record<SuppressionCode, string> = {
	c: 'c: confidential',
	k: 'k: under 0.5',
	low: 'low',
	u: 'u: low reliability',
	x: 'x: not available',
	z: 'z: not applicable',
};

/** `2024-25` for a children-in-need year ending March 2025; `Sep 2025` for the workforce census. */
export function yearLabel(calendar: Calendar, year: number): string {
	if (calendar === 'september') return `Sep ${year}`;
	return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/** The month a published year is dated at: its end (`2025-03`, `2025-09`). */
export function yearEndPeriod(calendar: Calendar, year: number): string {
	return `${String(year).padStart(4, '0')}-${calendar === 'september' ? '09' : '03'}`;
}

/** The year's end as a day, for `--json` (`2025-03-31`, `2025-09-30`). */
export function yearEndDay(calendar: Calendar, year: number): string {
	return `${String(year).padStart(4, '0')}-${calendar === 'september' ? '09-30' : '03-31'}`;
}

/** The twelve months a reporting year covers, oldest first (April to March for a March year). */
export function monthsOfYear(calendar: Calendar, year: number): string[] {
	const end = calendar === 'september' ? 9 : 3;
	const months: string[] = [];
	for (let i = 11; i >= 0; i--) {
		let m = end - i;
		let y = year;
		while (m < 1) {
			m += 12;
			y -= 1;
		}
		months.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
	}
	return months;
}
