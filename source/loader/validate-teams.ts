import {cleanLine} from './clean-text.js';
import {ALL_TEAM} from '../domain/types.js';
import type {DbTeamRow} from '../store/rows.js';
import {whole} from './checks.js';
import {checkLength, parseCode, parseNumber} from './fields.js';
import type {RowReader} from './row-reader.js';

/** A teams row; code ALL (any case) is the whole service's own name and population. */
export function validateTeam(r: RowReader): Partial<DbTeamRow> {
	let code = r.take('code', parseCode('code', r.raw('code')));
	if (code !== undefined && code.toUpperCase() === ALL_TEAM) code = ALL_TEAM;
	const name = cleanLine(r.raw('name'));
	if (name === '') r.fail('name', 'name is empty');
	else r.take('name', checkLength('name', name, 'name'));
	const population = r.take('population', parseNumber('population', r.raw('population')));
	if (population && (population.value <= 0 || !whole(population.value))) {
		r.fail('population', `population "${r.text('population')}" is not a whole number above 0 (leave it blank for a team with no area)`);
	}
	return {code, name, population: population === undefined ? undefined : (population?.value ?? null)};
}
