import {parsePeriod, periodOf} from '../domain/periods.js';
import {TEXT_LIMITS, type TextField} from '../domain/limits.js';
import {quoted} from '../domain/text.js';

export type FieldResult<T> = {ok: true; value: T} | {ok: false; message: string};

export type ParsedNumber = {
	value: number;
	/** Digits written after the decimal point: the rounding the figure was given to. */
	decimals: number;
};

// Thousands separators only in whole groups of three, so a European "1,5" is not taken for 15.
const NUMBER = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?|\.(\d+))$/;

const EMPTY: FieldResult<null> = {ok: true, value: null};

/** A number as spreadsheets write it: `1,234`, `0.8`, and with `percent`, `92%` or `92.5 %`. */
export function parseNumber(name: string, text: string, options?: {percent?: boolean}): FieldResult<ParsedNumber | null> {
	const raw = text.trim();
	if (raw === '') return EMPTY;
	const plain = plainNumber(raw);
	if (plain !== undefined) return {ok: true, value: plain};
	let body = raw;
	if (body.endsWith('%')) {
		if (!options?.percent) return {ok: false, message: `${name} "${printable(raw)}" is not a number (a % is only allowed on a percent indicator's value)`};
		body = body.slice(0, -1).trimEnd();
	}
	const match = NUMBER.exec(body);
	if (!match) return {ok: false, message: `${name} "${printable(raw)}" is not a number`};
	const value = Number(`${match[1]}${(match[2] ?? '').replace(/,/g, '')}`);
	if (!Number.isFinite(value)) return {ok: false, message: `${name} "${printable(raw)}" is not a number`};
	const decimals = (match[3] ?? match[4] ?? '').length;
	return {ok: true, value: {value, decimals}};
}

/**
 * Most figures are bare digits, perhaps with a decimal point: read those without the regular
 * expression (the same value and decimals); undefined for anything else.
 */
function plainNumber(text: string): ParsedNumber | undefined {
	let point = -1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x2e && point === -1 && i > 0) point = i;
		else if (c < 0x30 || c > 0x39) return undefined;
	}
	if (point === text.length - 1) return undefined;
	const value = Number(text);
	if (!Number.isFinite(value)) return undefined;
	return {value, decimals: point === -1 ? 0 : text.length - point - 1};
}

// A month given as a day: what Excel's "Save as CSV" writes for a date cell in the UK (dd/mm/yyyy,
// perhaps with a time), and ISO's yyyy-mm-dd. Any day of the month is that month.
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

/** The `YYYY-MM` of a day written as a date; null when the text is not one; a reason when it is an impossible day. */
function monthOfDay(raw: string): string | null | {reason: string} {
	const uk = UK_DAY.exec(raw);
	const iso = uk ? null : ISO_DAY.exec(raw);
	if (!uk && !iso) return null;
	const [year, month, day] = uk ? [Number(uk[3]), Number(uk[2]), Number(uk[1])] : [Number(iso![1]), Number(iso![2]), Number(iso![3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
		return {reason: `"${printable(raw)}" is not a real day${uk ? ' (dd/mm/yyyy, UK order)' : ''}`};
	}
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function parseMonth(name: string, text: string, now: Date): FieldResult<string> {
	let raw = text.trim();
	if (raw === '') return {ok: false, message: `${name} is empty`};
	const day = monthOfDay(raw);
	if (day !== null && typeof day === 'object') return {ok: false, message: `${name} ${day.reason}`};
	if (day !== null) raw = day;
	const parsed = parsePeriod(raw);
	if (!parsed.ok) return {ok: false, message: `${name} ${printable(parsed.reason, 80)}`};
	const current = periodOf(now);
	if (parsed.period > current) return {ok: false, message: `${name} "${printable(text.trim())}" is in the future (this month is ${current})`};
	return {ok: true, value: parsed.period};
}

// Codes are keys shown in the console and typed in files: letters, digits and a little punctuation.
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}_.\-/&+]*$/u;
const MAX_CODE_LENGTH = 40;

export function parseCode(name: string, text: string): FieldResult<string> {
	const raw = text.trim();
	if (raw === '') return {ok: false, message: `${name} is empty`};
	if (raw.length > MAX_CODE_LENGTH || !CODE.test(raw)) {
		return {ok: false, message: `${name} "${printable(raw)}" is not a code (letters, digits and _ . - / & + only, at most ${MAX_CODE_LENGTH})`};
	}
	return {ok: true, value: raw};
}

/** One of a fixed list, written in any case. */
export function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): FieldResult<T> {
	const raw = text.trim();
	if (raw === '') return {ok: false, message: `${name} is empty (one of ${choices.join(', ')})`};
	const lower = raw.toLowerCase();
	const found = choices.find(choice => choice === lower);
	if (found === undefined) return {ok: false, message: `${name} "${printable(raw)}" is not one of ${choices.join(', ')}`};
	return {ok: true, value: found};
}

/** Quote a user's text in a message: a short excerpt, nothing a terminal would act on. */
export function printable(text: string, max = 40): string {
	return quoted(text, max);
}

/**
 * A free-text field within its documented limit (domain/limits.ts); longer is refused, naming
 * the field and both lengths, never quoting the text.
 */
export function checkLength(name: string, text: string, field: TextField): FieldResult<string> {
	const limit = TEXT_LIMITS[field];
	// Characters as people count them (code points), so a limit is the same in any script.
	if (text.length <= limit || [...text].length <= limit) return {ok: true, value: text};
	return {ok: false, message: `${name} is ${grouped([...text].length)} characters long; at most ${grouped(limit)} are allowed`};
}

const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

/** Relative comparison: values made by division differ in the last bits between runs of the same data. */
export function sameNumber(a: number | null, b: number | null): boolean {
	if (a === null || b === null) return a === b;
	return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
