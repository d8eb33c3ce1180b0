import {yearLabel, type Calendar} from './published.js';

// Local authorities that split or merged: DfE publishes no figure for the new ones before they
// existed, and none for the old ones after. A neighbour (or the store's own authority) with no
// figure for a year because of one of these is named in one line, not counted as "not published".

export type AuthorityChange = {
	/** The authorities that ended, with their names. */
	before: ReadonlyArray<{code: string; name: string}>;
	/** The authorities that began. */
	after: ReadonlyArray<{code: string; name: string}>;
	/** The day the new ones began. */
	on: string;
	/**
	 * The first published year of the new authorities: children in need and looked after years
	 * end 31 March after the change; the workforce census is taken the 30 September after it.
	 */
	firstYear: Record<Calendar, number>;
};

export const AUTHORITY_CHANGES: readonly AuthorityChange[] = [
	{
		before: [
			{code: '835', name: 'Dorset (county)'},
			{code: '836', name: 'Poole'},
			{code: '837', name: 'Bournemouth'},
		],
		after: [
			{code: '838', name: 'Dorset'},
			{code: '839', name: 'Bournemouth, Christchurch and Poole'},
		],
		on: '1 April 2019',
		firstYear: {march: 2020, september: 2019},
	},
	{
		before: [{code: '928', name: 'Northamptonshire'}],
		after: [
			{code: '940', name: 'North Northamptonshire'},
			{code: '941', name: 'West Northamptonshire'},
		],
		on: '1 April 2021',
		firstYear: {march: 2022, september: 2021},
	},
	{
		before: [{code: '909', name: 'Cumbria'}],
		after: [
			{code: '942', name: 'Cumberland'},
			{code: '943', name: 'Westmorland and Furness'},
		],
		on: '1 April 2023',
		firstYear: {march: 2024, september: 2023},
	},
];

export type Absence = {change: AuthorityChange; side: 'before' | 'after'};

/** Why an authority has no figure for a year, when a split or merger explains it; else null. */
export function absenceOf(code: string, calendar: Calendar, year: number): Absence | null {
	for (const change of AUTHORITY_CHANGES) {
		const first = change.firstYear[calendar];
		if (change.after.some(a => a.code === code) && year < first) return {change, side: 'after'};
		if (change.before.some(b => b.code === code) && year >= first) return {change, side: 'before'};
	}
	return null;
}

const names = (list: ReadonlyArray<{code: string; name: string}>): string => {
	const each = list.map(a => (a.name === a.code ? a.code : `${a.name} (${a.code})`));
	return each.length <= 1 ? (each[0] ?? '') : `${each.slice(0, -1).join(', ')} and ${each.at(-1)}`;
};

/**
 * One line for the authorities of one change that have no figure for a year, e.g.
 * "Cumberland (942): no figure for 2022-23: formed from Cumbria (909) on 1 April 2023, first published for 2023-24".
 */
export function absenceLine(absent: ReadonlyArray<{code: string; name: string}>, absence: Absence, calendar: Calendar, year: number): string {
	const {change, side} = absence;
	const first = yearLabel(calendar, change.firstYear[calendar]);
	const last = yearLabel(calendar, change.firstYear[calendar] - 1);
	const which = `${names(absent)}: no figure for ${yearLabel(calendar, year)}`;
	if (side === 'after') return `${which}: formed from ${names(change.before)} on ${change.on}, first published for ${first}`;
	return `${which}: replaced by ${names(change.after)} on ${change.on}, last published for ${last}`;
}
