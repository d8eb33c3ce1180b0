import type {DbTeamAliasRow} from '../store/rows.js';
import {aliasKey} from '../store/catalogue.js';
import {cleanLine} from './clean-text.js';
import {checkLength} from './fields.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';

/** A team alias: a name an extract gives a team (matched ignoring case and surrounding space). */
export function validateTeamAlias(r: RowReader, refs: References): Partial<DbTeamAliasRow> {
	const alias = cleanLine(r.raw('alias'));
	if (alias === '') r.fail('alias', 'alias is empty');
	else r.take('alias', checkLength('alias', alias, 'alias'));
	const team = refs.team(r, false, 'an alias names one team');
	return {key: alias === '' ? undefined : aliasKey(alias), alias, team: team?.code};
}
