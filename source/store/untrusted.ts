import {TEXT_LIMITS, type TextField} from '../domain/limits.js';
import {displayLine, displayText, excerpt} from '../domain/text.js';
import {isOneOf} from '../domain/types.js';
import {StoreError} from './store-access.js';

// The store's rows mapped into the domain's types as untrusted input: anyone in the loaders'
// group can write the store. Every text is cut to the length a loader accepts (a store a loader
// did not make may hold longer: the SQL reads at most one character more, see `capped`) and made
// safe to show (domain/text.ts displayLine/displayText), once, here; values the domain relies on
// (units, months, numbers) are checked, and a store holding others is refused in one line.

/** SQL reading a text column at most one character past its field's limit, so a huge value never reaches memory. */
export const capped = (column: string, field: TextField): string => `substr(${column}, 1, ${TEXT_LIMITS[field] + 1}) AS ${column.replace(/^\w+\./, '')}`;

/** One-line text (a title, a name, a code) as the views may show it. */
export function shownLine(value: unknown, field: TextField): string {
	const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
	return displayLine(excerpt(text, TEXT_LIMITS[field]));
}

/** Multi-line text (commentary, a definition) as the views may show it. */
export function shownText(value: unknown, field: TextField): string {
	const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
	return displayText(excerpt(text, TEXT_LIMITS[field]));
}

/** A number as stored (a column of a crafted store may hold text): null when it is not one. */
export function storedNumber(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) ? number : null;
}

const tampered = (path: string, what: string) =>
	new StoreError(`${path}: refused: the store holds ${what}, which no loader writes; it may have been tampered with (restore it from a backup)`);

/** One of the values a loader writes (a unit, a polarity...), else the store is refused. */
export function storedChoice<T extends string>(path: string, list: readonly T[], value: unknown, what: string): T {
	if (typeof value === 'string' && isOneOf(list, value)) return value;
	throw tampered(path, `${what} ${JSON.stringify(displayLine(excerpt(String(value), 40)))}`);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month as the loader writes it (YYYY-MM), else the store is refused. */
export function storedMonth(path: string, value: unknown): string {
	if (typeof value === 'string' && MONTH.test(value)) return value;
	throw tampered(path, `a month ${JSON.stringify(displayLine(excerpt(String(value), 40)))}`);
}
