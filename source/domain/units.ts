import type {Unit} from './types.js';

/**
 * The value a numerator and denominator make in a unit. `population` stands in for a blank
 * denominator of a rate. Returns null when the figure cannot be made (no denominator, zero).
 */
export function deriveValue(unit: Unit, numerator: number | null, denominator: number | null): number | null {
	if (numerator === null) return null;
	if (unit === 'count') return numerator;
	if (denominator === null || denominator === 0) return null;
	switch (unit) {
		case 'percent':
			return (100 * numerator) / denominator;
		case 'rate_per_10k':
			return (10_000 * numerator) / denominator;
		case 'days':
		case 'average':
			return numerator / denominator;
	}
}

/** Pool numerators over denominators the way the unit does (Σn/Σd scaled). */
export function pooledValue(unit: Unit, numerators: number[], denominators: number[]): number | null {
	const n = numerators.reduce((a, b) => a + b, 0);
	const d = denominators.reduce((a, b) => a + b, 0);
	return deriveValue(unit, n, d);
}

const DECIMALS: Record<Unit, number> = {count: 0, percent: 0, rate_per_10k: 1, days: 0, average: 1};

export function unitDecimals(unit: Unit): number {
	return DECIMALS[unit];
}

// toLocaleString with options builds a formatter on every call; the grid formats hundreds of
// figures a frame, so keep one per number of decimals (for what formatNumber leaves to Intl).
const FORMATTERS = new Map<number, Intl.NumberFormat>();

function intlFormat(value: number, decimals: number): string {
	let formatter = FORMATTERS.get(decimals);
	if (!formatter) {
		formatter = new Intl.NumberFormat('en-GB', {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
		FORMATTERS.set(decimals, formatter);
	}
	return formatter.format(value);
}

/**
 * `value` with `decimals` decimals and its thousands separated by commas: exactly what
 * Intl.NumberFormat('en-GB') writes (test/units.test.ts compares them), which rounds the number's
 * shortest decimal form half away from zero (1.005 to 1.01, where toFixed gives 1.00) and keeps
 * the sign of a negative that rounds to 0. Written out because Intl's first formatter costs a
 * one-shot command (--standup --json, the console's first frame) about 10 ms of ICU start-up.
 */
export function formatNumber(value: number, decimals = 0): string {
	if (!Number.isFinite(value) || !Number.isInteger(decimals) || decimals < 0 || decimals > 20) return intlFormat(value, decimals);
	const negative = value < 0 || Object.is(value, -0);
	// The shortest decimal form: digits, and where the point falls among them.
	const text = String(Math.abs(value));
	const e = text.indexOf('e');
	const mantissa = e < 0 ? text : text.slice(0, e);
	const dot = mantissa.indexOf('.');
	let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
	let point = (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(text.slice(e + 1)));
	// Kept: the digits up to `decimals` after the point, the next one rounding half away from zero.
	const keep = point + decimals;
	if (keep < 0) digits = '';
	else if (keep < digits.length) {
		const up = digits.charCodeAt(keep) >= 53; // '5'
		digits = digits.slice(0, keep);
		if (up) {
			let i = digits.length - 1;
			while (i >= 0 && digits[i] === '9') i--;
			if (i < 0) {
				digits = `1${'0'.repeat(digits.length)}`;
				point++;
			} else digits = digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
		}
	}
	// Digits before the point (at least one) and exactly `decimals` after it.
	const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0').replace(/^0+(?=\d)/, '');
	const fraction = point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits;
	const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
	return `${negative ? '-' : ''}${grouped}${decimals > 0 ? `.${fraction.padEnd(decimals, '0').slice(0, decimals)}` : ''}`;
}

/** `92%`, `34.0 /10k`, `412 days`, `15.2`, `7,546` */
export function formatValue(unit: Unit, value: number | null | undefined, options: {suffix?: boolean} = {}): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '-';
	const text = formatNumber(value, DECIMALS[unit]);
	return options.suffix ?? true ? withSuffix(unit, text) : text;
}

/** A number already written, with the unit's suffix: `92%`, `34.0 /10k`, `412 days`. */
function withSuffix(unit: Unit, text: string): string {
	switch (unit) {
		case 'percent':
			return `${text}%`;
		case 'rate_per_10k':
			return `${text} /10k`;
		case 'days':
			return `${text} days`;
		default:
			return text;
	}
}

// Published figures carry a decimal the month's own figures do not (DfE prints 22.6%).
const BENCHMARK_DECIMALS: Record<Unit, number> = {count: 0, percent: 1, rate_per_10k: 1, days: 0, average: 1};

/** A benchmark in its unit at the precision DfE publishes: `22.6%`, `41.4 /10k`, `15.2`. */
export function formatBenchmark(unit: Unit, value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '-';
	return withSuffix(unit, formatNumber(value, BENCHMARK_DECIMALS[unit]));
}

/** The mean, at one more decimal than the figure (`90.4%` beside a figure of `92%`). */
export function formatMean(unit: Unit, value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '-';
	return withSuffix(unit, formatNumber(value, DECIMALS[unit] + 1));
}

/** What a figure in the unit can be: never below 0, a percentage never above 100 (limits are shown within it). */
export function unitRange(unit: Unit): {min: number; max?: number} {
	return unit === 'percent' ? {min: 0, max: 100} : {min: 0};
}

/**
 * The figure as the agenda and the detail say it beside a red or amber: at the unit's decimals,
 * unless rounding hides why it is red or amber (849/1000 against 85% reads "85%"): then with as
 * many more decimals as show it short of the line it missed (`84.9%`). `line` is the target, or
 * for a red with an amber band, the band's far edge.
 */
export function formatExplaining(unit: Unit, value: number | null | undefined, line: number | null, polarity: 'higher' | 'lower' | 'none'): string {
	if (value === null || value === undefined || !Number.isFinite(value) || line === null || polarity === 'none') return formatValue(unit, value);
	const short = polarity === 'higher' ? value < line : value > line;
	if (!short) return formatValue(unit, value);
	for (let decimals = DECIMALS[unit]; decimals <= DECIMALS[unit] + 3; decimals++) {
		const shown = Number(value.toFixed(decimals));
		const missed = polarity === 'higher' ? shown < line : shown > line;
		if (missed) return withSuffix(unit, formatNumber(value, decimals));
	}
	return formatValue(unit, value);
}

/**
 * A stretch of months in words that cannot be read as a rise or a fall: `between 63% and 82%; now
 * 63%` (`63%; every month` when flat). Missing months are left out.
 */
export function rangeWords(unit: Unit, values: ReadonlyArray<number | null>, now: number | null): string {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	const latest = now === null ? 'no figure now' : `now ${formatValue(unit, now)}`;
	if (present.length === 0) return latest;
	const low = formatValue(unit, Math.min(...present));
	const high = formatValue(unit, Math.max(...present));
	return low === high ? `${low} every month; ${latest}` : `between ${low} and ${high}; ${latest}`;
}

/** A change between two values, in the unit's terms: `+3 pts`, `-1.2`, `+14 days`. */
export function formatChange(unit: Unit, change: number | null): string {
	if (change === null || !Number.isFinite(change)) return '-';
	const decimals = DECIMALS[unit];
	const rounded = Number(change.toFixed(decimals));
	const sign = rounded > 0 ? '+' : rounded < 0 ? '-' : '±';
	const text = formatNumber(Math.abs(rounded), decimals);
	if (unit === 'percent') return `${sign}${text} pts`;
	if (unit === 'days') return `${sign}${text} days`;
	return `${sign}${text}`;
}

export const UNIT_LABELS: Record<Unit, string> = {
	count: 'count',
	percent: 'percentage',
	rate_per_10k: 'rate per 10,000 children aged 0-17',
	days: 'days',
	average: 'average',
};
