// England and Wales bank holidays from the maintained `date-holidays` data (substitute and one-off
// days too): the lookup the pure working-day count in domain/working-days.ts is given.
import Holidays from 'date-holidays';
import type {Extract} from '../../domain/annex-a.js';
import {isoDay, parseIsoDay, type Day} from '../../domain/working-days.js';

/** England and Wales bank holidays (GB, ENG, public) in the given years. */
export function englandBankHolidays(firstYear: number, lastYear: number): Set<Day> {
	const calendar = new Holidays('GB', 'ENG');
	const days = new Set<Day>();
	for (let year = firstYear; year <= lastYear; year++) {
		for (const holiday of calendar.getHolidays(year)) {
			if (holiday.type !== 'public') continue;
			const day = parseIsoDay(holiday.date.slice(0, 10));
			if (day !== null) days.add(day);
		}
	}
	return days;
}

/** The bank holidays of every year an extract's period and assessments touch. */
export function bankHolidaysOf(extract: Extract): Set<Day> {
	let first = extract.from;
	let last = extract.to;
	for (const {start, authorised} of extract.assessments) {
		first = Math.min(first, start, authorised ?? start);
		last = Math.max(last, start, authorised ?? start);
	}
	return englandBankHolidays(Number(isoDay(first).slice(0, 4)), Number(isoDay(last).slice(0, 4)));
}
