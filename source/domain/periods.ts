// Months are 'YYYY-MM' strings everywhere in the store and the domain.
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type PeriodParse = {ok: true; period: string} | {ok: false; reason: string};

/** Accepts `2017-12` and the report's own `Dec-17`; refuses impossible months. */
export function parsePeriod(text: string): PeriodParse {
	const raw = text.trim();
	let year: number;
	let month: number;
	const iso = /^(\d{4})-(\d{1,2})$/.exec(raw);
	const report = /^([A-Za-z]{3})[- ](\d{2}|\d{4})$/.exec(raw);
	if (iso) {
		year = Number(iso[1]);
		month = Number(iso[2]);
	} else if (report) {
		month = MONTHS.indexOf(report[1]!.toLowerCase()) + 1;
		if (month === 0) return {ok: false, reason: `"${raw}" is not a month (use YYYY-MM or Mon-YY)`};
		year = Number(report[2]);
		if (report[2]!.length === 2) year += 2000;
	} else {
		return {ok: false, reason: `"${raw}" is not a month (use YYYY-MM or Mon-YY)`};
	}
	if (month < 1 || month > 12) return {ok: false, reason: `"${raw}" is an impossible month`};
	if (year < 1900) return {ok: false, reason: `"${raw}" is an impossible month`};
	return {ok: true, period: makePeriod(year, month)};
}

export function makePeriod(year: number, month: number): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function periodOf(date: Date): string {
	return makePeriod(date.getFullYear(), date.getMonth() + 1);
}

export function addMonths(period: string, delta: number): string {
	// YYYY-MM (a scorecard adds months thousands of times a read: no split, no padStart).
	const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + delta;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return year >= 1000 && year <= 9999 ? `${year}-${month < 10 ? '0' : ''}${month}` : makePeriod(year, month);
}

/** Months from a to b (b - a). */
export function monthsBetween(a: string, b: string): number {
	const [ay, am] = a.split('-').map(Number) as [number, number];
	const [by, bm] = b.split('-').map(Number) as [number, number];
	return (by - ay) * 12 + (bm - am);
}

/** The `count` months ending at (and including) `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
	return Array.from({length: count}, (_, i) => addMonths(last, i - count + 1));
}

/** `Dec 2017` */
export function formatPeriod(period: string): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** `Dec-17`, the report's short form */
export function formatPeriodShort(period: string): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	return `${MONTH_NAMES[m - 1]}-${String(y % 100).padStart(2, '0')}`;
}
