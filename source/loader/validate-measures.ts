import {ALL_TEAM, type Unit} from '../domain/types.js';
import {deriveValue} from '../domain/units.js';
import type {DbMeasureRow} from '../store/rows.js';
import {percentOptions, showNumber, whole} from './checks.js';
import {parseNumber, type ParsedNumber} from './fields.js';
import type {References, TeamLookup} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

// A measures row: one month's figure for an indicator and a team (or the whole service).

export function validateMeasure(r: RowReader, refs: References): Validation<DbMeasureRow> {
	const period = refs.period(r);
	const indicator = refs.indicator(r);
	const team = refs.team(r, true);
	const key = period !== undefined && indicator !== undefined && team !== undefined ? [team.code, indicator.code, period] : undefined;
	const unit = indicator?.unit ?? null;
	const numerator = r.take('numerator', parseNumber('numerator', r.raw('numerator')));
	const denominator = r.take('denominator', parseNumber('denominator', r.raw('denominator')));
	const value = r.take('value', parseNumber('value', r.raw('value'), percentOptions(unit)));
	if (numerator === undefined || denominator === undefined || value === undefined || unit === null || team === undefined) return {key};
	const figures = checkMeasure(r, unit, numerator, denominator, value, team);
	if (r.failed || figures === undefined) return {key};
	return {key, record: {team: team.code, indicator: indicator!.code, period: period!, ...figures}};
}

type Figures = {numerator: number | null; denominator: number | null; value: number};

function refuseNegative(r: RowReader, name: string): true {
	r.fail(name, `${name} "${r.text(name)}" is negative`);
	return true;
}

/** The unit's rules for numerator, denominator and value; the figures to store, unrounded. */
function checkMeasure(r: RowReader, unit: Unit, n: ParsedNumber | null, d: ParsedNumber | null, v: ParsedNumber | null, team: TeamLookup): Figures | undefined {
	const shown = (name: string) => `"${r.text(name)}"`;
	// Every negative figure is reported, then nothing more.
	let negative = false;
	if (n !== null && n.value < 0) negative = refuseNegative(r, 'numerator');
	if (d !== null && d.value < 0) negative = refuseNegative(r, 'denominator');
	if (v !== null && v.value < 0) negative = refuseNegative(r, 'value');
	if (negative) return undefined;
	if (n !== null && !whole(n.value)) r.fail('numerator', `numerator ${shown('numerator')} is not a whole number`);

	if (unit === 'count') {
		if (d !== null) r.fail('denominator', `denominator ${shown('denominator')} given for a count (leave it blank)`);
		if (v !== null && !whole(v.value)) r.fail('value', `value ${shown('value')} is not a whole number (the indicator is a count)`);
		if (n === null && v === null) r.fail('numerator', 'numerator and value are both empty (give one of them)');
		if (n !== null && v !== null && n.value !== v.value) r.fail('value', `value ${shown('value')} is not the numerator ${shown('numerator')} (a count's value is its numerator)`);
		if (r.failed) return undefined;
		const count = (n ?? v)!.value;
		return {numerator: count, denominator: null, value: count};
	}

	if (d !== null) {
		if (unit !== 'average' && !whole(d.value)) r.fail('denominator', `denominator ${shown('denominator')} is not a whole number`);
		else if (d.value === 0) r.fail('denominator', 'denominator is 0');
	}
	if (v !== null && unit === 'percent' && v.value > 100) r.fail('value', `value ${shown('value')} is above 100%`);

	let denominator = d?.value ?? null;
	let denominatorLabel = 'the denominator';
	if (n !== null && d === null) {
		if (unit === 'rate_per_10k') {
			// A rate per 10,000 children: the team's population stands in for a blank denominator.
			if (team.team.population !== null) {
				denominator = team.team.population;
				denominatorLabel = team.code === ALL_TEAM ? 'the whole service population' : `team ${team.code}'s population`;
			} else if (team.team.usable) {
				const who = team.code === ALL_TEAM ? 'no team has a population' : `team ${team.code} has no population`;
				r.fail('denominator', `denominator is empty and ${who} (give the denominator)`);
			} else {
				// The team's own row is refused; its population is unknown, so there is nothing to check here.
				return undefined;
			}
		} else {
			r.fail('denominator', 'denominator is empty (give numerator and denominator, or value, or all three)');
		}
	}
	if (n === null && d !== null) r.fail('numerator', 'numerator is empty (give numerator and denominator, or value, or all three)');
	if (n === null && d === null && v === null) r.fail('value', 'numerator, denominator and value are all empty');
	if (n !== null && denominator !== null && (unit === 'percent' || unit === 'rate_per_10k') && n.value > denominator) {
		r.fail('numerator', `numerator ${showNumber(n.value)} is above ${denominatorLabel} ${showNumber(denominator)}`);
	}
	if (r.failed) return undefined;

	if (n !== null && denominator !== null) {
		const derived = deriveValue(unit, n.value, denominator)!;
		if (v !== null) {
			// The file's value is rounded to the places it was written with; agree to that rounding.
			const tolerance = 0.5 * 10 ** -v.decimals + 1e-9;
			if (Math.abs(derived - v.value) > tolerance) {
				r.fail('value', `value ${shown('value')} does not agree with ${showNumber(n.value)}/${showNumber(denominator)} = ${showNumber(derived, v.decimals + 2)}`);
				return undefined;
			}
		}
		return {numerator: n.value, denominator, value: derived};
	}
	return {numerator: null, denominator: null, value: v!.value};
}
