import type {Unit} from '../domain/types.js';
import type {ParsedNumber} from './fields.js';
import type {RowReader} from './row-reader.js';

// Small rules shared by several kinds' validators.

export const whole = (n: number): boolean => Number.isInteger(n);

// parseNumber's options, made once rather than on each of a big load's rows.
export const PERCENT = {percent: true};
export const NOT_PERCENT = {percent: false};

/** An unknown unit may still be a percent: do not add a second problem for its %. */
export const percentOptions = (unit: Unit | null) => (unit === 'percent' || unit === null ? PERCENT : NOT_PERCENT);

/** How a number is shown in a message: as the file wrote it where possible, else plainly. */
export function showNumber(n: number, decimals = 6): string {
	return n.toLocaleString('en-GB', {maximumFractionDigits: decimals});
}

/** Figures in an indicator's units are never negative, and a percentage is at most 100. */
export function checkFigure(r: RowReader, name: string, figure: ParsedNumber, unit: Unit | null): void {
	if (figure.value < 0) r.fail(name, `${name} "${r.text(name)}" is negative`);
	else if (unit === 'percent' && figure.value > 100) r.fail(name, `${name} "${r.text(name)}" is above 100%`);
}
