// Calendar days as whole numbers and working days (Monday to Friday except the bank holidays given:
// pure, so the holiday lookup lives with its package in loader/annex-a/bank-holidays.ts).

/** Days since 1 January 1970 (UTC): comparing and subtracting days is plain arithmetic. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, date: number): Day {
	return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day. */
export function isoDay(day: Day): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A real calendar day from `YYYY-MM-DD`, else null (2017-02-30 is not one). */
export function parseIsoDay(text: string): Day | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return null;
	return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function validDay(year: number, month: number, date: number): Day | null {
	if (month < 1 || month > 12 || date < 1 || date > 31) return null;
	const day = dayOf(year, month, date);
	return isoDay(day) === `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}` ? day : null;
}

/** 0 Sunday .. 6 Saturday (1 January 1970 was a Thursday). */
export function weekday(day: Day): number {
	return (((day + 4) % 7) + 7) % 7;
}

/**
 * Working days between two days of a fixed span, in constant time each: a running count of working
 * days, so 20,000 assessments cost one pass over the calendar.
 */
export class WorkingDays {
	private readonly counts: Int32Array;

	constructor(
		private readonly first: Day,
		private readonly last: Day,
		holidays: ReadonlySet<Day>,
	) {
		this.counts = new Int32Array(Math.max(last - first + 1, 0));
		let running = 0;
		for (let day = first; day <= last; day++) {
			const dow = weekday(day);
			if (dow !== 0 && dow !== 6 && !holidays.has(day)) running++;
			this.counts[day - first] = running;
		}
	}

	/** Counted from the day after `start` up to and including `end` (0 when `end` is not after `start`). */
	between(start: Day, end: Day): number {
		if (start < this.first || end > this.last) throw new RangeError(`working days asked outside ${isoDay(this.first)}..${isoDay(this.last)}`);
		if (end <= start) return 0;
		return this.counts[end - this.first]! - this.counts[start - this.first]!;
	}
}
