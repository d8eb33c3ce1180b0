import type {Connection} from './connection.js';
import {shownLine, storedNumber} from './untrusted.js';

// Reads of the catalogue's optional parts (schema 3), for the console and the extract loaders.
// A store of an older schema has none of them: these give what it means (nothing set).

export type WholeService = {name: string; population: number | null};
export type TeamAlias = {alias: string; team: string};
export type IndicatorOptions = {code: string; shortTitle: string | null; derive: string | null};

async function hasTable(connection: Connection, name: string): Promise<boolean> {
	return (await connection.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [name])) !== undefined;
}

/** The whole service's own name and population (a teams file's ALL row), or null: then "the teams' sum". */
export async function readWholeService(connection: Connection): Promise<WholeService | null> {
	if (!(await hasTable(connection, 'whole_service'))) return null;
	const row = await connection.get<WholeService>('SELECT substr(name, 1, 201) AS name, population FROM whole_service WHERE id = 1');
	return row === undefined ? null : {name: shownLine(row.name, 'name'), population: storedNumber(row.population)};
}

/** Team aliases by their key (trimmed, lower-cased): look a name up with aliasKey(name). */
export async function readTeamAliases(connection: Connection): Promise<Map<string, TeamAlias>> {
	if (!(await hasTable(connection, 'team_aliases'))) return new Map();
	const rows = await connection.all<TeamAlias & {key: string}>('SELECT key, alias, team FROM team_aliases');
	return new Map(rows.map(row => [row.key, {alias: row.alias, team: row.team}]));
}

/** How an alias is matched: ignoring case and surrounding space. */
export const aliasKey = (name: string): string => name.trim().toLowerCase();

/** Each indicator's short title and derivation (null where not set). */
export async function readIndicatorOptions(connection: Connection): Promise<IndicatorOptions[]> {
	const columns = await connection.all<{name: string}>("SELECT name FROM pragma_table_info('indicators')");
	if (!columns.some(column => column.name === 'derive')) return (await connection.all<{code: string}>('SELECT code FROM indicators ORDER BY code')).map(row => ({code: row.code, shortTitle: null, derive: null}));
	const rows = await connection.all<IndicatorOptions>('SELECT code, substr(short_title, 1, 101) AS shortTitle, derive FROM indicators ORDER BY code');
	return rows.map(row => ({...row, shortTitle: row.shortTitle === null ? null : shownLine(row.shortTitle, 'short_title')}));
}
