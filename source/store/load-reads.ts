import {StoreError, type Connection} from './connection.js';
import type {DbIndicatorRow, DbSettingRow, DbTargetRow, DbTeamAliasRow, DbTeamRow, DbWholeServiceRow} from './rows.js';

// What the loader reads from the store before it writes: whether the file is a store and has
// loads, the catalogue as stored (to validate and compare a load against), and what the worker
// key depends on. The writes are store/writes.ts.

export type StoreReference = {
	teams: DbTeamRow[];
	indicators: DbIndicatorRow[];
	targets: DbTargetRow[];
	wholeService: DbWholeServiceRow | null;
	aliases: DbTeamAliasRow[];
	settings: DbSettingRow[];
};

/** Tables in the file: 0 for a new, empty SQLite file, which the loader may still make into a store. */
export async function countTables(connection: Connection): Promise<number> {
	try {
		const row = await connection.get<{n: number}>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
		return row?.n ?? 0;
	} catch (error) {
		throw new StoreError(`${connection.path}: not a scorecard store (${(error as Error).message})`);
	}
}

/** True once any load has been written: a store that has it is someone's, never to be removed. */
export async function hasLoads(connection: Connection): Promise<boolean> {
	const row = await connection.get<{n: number}>('SELECT count(*) AS n FROM loads');
	return (row?.n ?? 0) > 0;
}

export async function readReference(connection: Connection): Promise<StoreReference> {
	const teams = await connection.all<DbTeamRow>('SELECT code, name, population FROM teams ORDER BY code');
	// A store older than schema 5 (read by the --annex-a step without migrating it) has no `published` column.
	const columns = await connection.all<{name: string}>("SELECT name FROM pragma_table_info('indicators')");
	const published = columns.some(column => column.name === 'published') ? 'published' : 'NULL AS published';
	const indicators = await connection.all<DbIndicatorRow>(`SELECT code, number, title, unit, polarity, measure, definition, short_title, derive, ${published} FROM indicators ORDER BY code`);
	const targets = await connection.all<DbTargetRow>('SELECT indicator, effective_from, target, amber FROM targets ORDER BY indicator, effective_from');
	const wholeService = (await connection.get<DbWholeServiceRow>('SELECT name, population FROM whole_service WHERE id = 1')) ?? null;
	const aliases = await connection.all<DbTeamAliasRow>('SELECT key, alias, team FROM team_aliases ORDER BY key');
	// A reader of a store older than schema 4 (the --annex-a step's look at the catalogue) finds no settings table: none set.
	const hasSettings = (await connection.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'settings'")) !== undefined;
	const settings = hasSettings ? await connection.all<DbSettingRow>('SELECT setting, value FROM settings ORDER BY setting') : [];
	return {teams, indicators, targets, wholeService, aliases, settings};
}

/** True when any caseload is stored: its workers were hashed with the store's key. */
export async function hasCaseloads(connection: Connection): Promise<boolean> {
	return (await connection.get('SELECT 1 AS found FROM caseloads LIMIT 1')) !== undefined;
}

/** The worker key of a store made before the key file (meta.worker_secret), or null. */
export async function readWorkerSecret(connection: Connection): Promise<string | null> {
	const secret = await connection.get<{value: string}>('SELECT value FROM meta WHERE key = ?', ['worker_secret']);
	return secret?.value ?? null;
}

