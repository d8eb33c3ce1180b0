import type {Connection} from './connection.js';
import type {DbHistoryRow, DbIndicatorRow, DbLoadFileRow, DbSettingRow, DbTargetRow, DbTeamAliasRow, DbTeamRow, DbWholeServiceRow} from './rows.js';

// The loader's writes: the catalogue a load gives, its log, and batched inserts (what it reads
// first is store/load-reads.ts; the rows' types, store/rows.ts).

/** The catalogue's rows a load writes (its data rows are written from the stage, see staging.ts). */
export type WritePlan = {
	teams: DbTeamRow[];
	indicators: DbIndicatorRow[];
	targets: DbTargetRow[];
	wholeService: DbWholeServiceRow[];
	aliases: DbTeamAliasRow[];
	settings: DbSettingRow[];
	load: {loaded_at: string; os_user: string; replace: boolean; summary: string};
	files: DbLoadFileRow[];
	history: DbHistoryRow[];
};

/**
 * Forget the worker key kept in the store by versions before the key file, once it is in the
 * file: VACUUM rewrites the store without the freed pages, and the checkpoint empties the WAL.
 */
export async function dropWorkerSecret(connection: Connection): Promise<void> {
	await connection.run('DELETE FROM meta WHERE key = ?', ['worker_secret']);
	await connection.exec('VACUUM');
	await connection.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

// SQLite's limit on parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32).
const MAX_PARAMETERS = 32_766;

export type Value = string | number | null;

/** Multi-row INSERT (an upsert when `key` is given); table, columns and conflict target are this module's constants, values are parameters. */
export async function insertBatched(connection: Connection, table: string, columns: readonly string[], key: readonly string[], rows: readonly Value[][]): Promise<void> {
	const updates = columns.filter(column => !key.includes(column));
	const conflict =
		key.length === 0
			? ''
			: updates.length === 0
				? ` ON CONFLICT (${key.join(', ')}) DO NOTHING`
				: ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.map(column => `${column} = excluded.${column}`).join(', ')}`;
	const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
	// As many rows per statement as SQLite takes: one statement per row is ~15x slower through the
	// driver, and each statement has its own cost too.
	const batch = Math.floor(MAX_PARAMETERS / columns.length);
	for (let i = 0; i < rows.length; i += batch) {
		const {values, params} = valuesClause(rows, i, Math.min(i + batch, rows.length));
		await connection.run(`${head}${values}${conflict}`, params);
	}
}

/**
 * `(?, ?, NULL), (?, ?, ?)...`: binding is most of a big load's time in the driver, and a null
 * costs it as much as a number, so NULL is written in rather than bound.
 */
function valuesClause(rows: readonly Value[][], from: number, to: number): {values: string; params: Value[]} {
	const params: Value[] = [];
	let values = '';
	for (let r = from; r < to; r++) {
		const row = rows[r]!;
		values += r === from ? '(' : ', (';
		for (let c = 0; c < row.length; c++) {
			const value = row[c]!;
			if (c > 0) values += ', ';
			if (value === null) values += 'NULL';
			else {
				values += '?';
				params.push(value);
			}
		}
		values += ')';
	}
	return {values, params};
}

/** Write one load's record and its catalogue rows inside the caller's transaction; returns the new load's id. */
export async function writeLoad(connection: Connection, plan: WritePlan): Promise<number> {
	const {lastID: loadId} = await connection.run('INSERT INTO loads (loaded_at, os_user, replace, summary) VALUES (?, ?, ?, ?)', [
		plan.load.loaded_at,
		plan.load.os_user,
		plan.load.replace ? 1 : 0,
		plan.load.summary,
	]);
	await insertBatched(connection, 'load_files', ['load_id', 'path', 'kind', 'sha256', 'rows'], [], plan.files.map(f => [loadId, f.path, f.kind, f.sha256, f.rows]));
	await insertBatched(connection, 'history', ['load_id', 'kind', 'key', 'previous'], [], plan.history.map(h => [loadId, h.kind, h.key, h.previous]));
	await insertBatched(connection, 'teams', ['code', 'name', 'population'], ['code'], plan.teams.map(r => [r.code, r.name, r.population]));
	await insertBatched(
		connection,
		'indicators',
		['code', 'number', 'title', 'unit', 'polarity', 'measure', 'definition', 'short_title', 'derive', 'published'],
		['code'],
		plan.indicators.map(r => [r.code, r.number, r.title, r.unit, r.polarity, r.measure, r.definition, r.short_title, r.derive, r.published]),
	);
	await insertBatched(connection, 'whole_service', ['id', 'name', 'population'], ['id'], plan.wholeService.map(r => [1, r.name, r.population]));
	await insertBatched(connection, 'team_aliases', ['key', 'alias', 'team'], ['key'], plan.aliases.map(r => [r.key, r.alias, r.team]));
	await insertBatched(connection, 'settings', ['setting', 'value'], ['setting'], plan.settings.map(r => [r.setting, r.value]));
	await insertBatched(
		connection,
		'targets',
		['indicator', 'effective_from', 'target', 'amber'],
		['indicator', 'effective_from'],
		plan.targets.map(r => [r.indicator, r.effective_from, r.target, r.amber]),
	);
	return loadId;
}

// Rows from which an empty table's indexes are built after its rows rather than with them.
const BIG_LOAD = 10_000;
// Rows from which a load's pages overflow the writer's page cache whatever is done (a measures row
// is about 150 bytes in the table and its two indexes), and the cache such a load is given.
export const SPILLS_ANYWAY = 400_000;
const BIG_LOAD_CACHE_KIB = 16 * 1024;

/**
 * A big load into an empty table (a new store) writes it without its secondary indexes, then
 * builds them in one sorted pass: far cheaper than adding each row to them in turn. Inside the
 * load's transaction, so a failed load leaves them as they were.
 */
export async function withIndexesAfter(connection: Connection, table: string, rows: number, write: () => Promise<void>): Promise<void> {
	const empty = rows >= BIG_LOAD && (await connection.get(`SELECT 1 AS found FROM ${table} LIMIT 1`)) === undefined;
	const rebuild = empty ? await dropIndexes(connection, table) : async () => undefined;
	await write();
	await rebuild();
}

/**
 * Drops `table`'s secondary indexes (the caller's constant), inside the caller's transaction;
 * returns what builds them again, each in one sorted pass, from the statements that made them.
 */
export async function dropIndexes(connection: Connection, table: string): Promise<() => Promise<void>> {
	const indexes = await connection.all<{name: string; sql: string}>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]);
	for (const index of indexes) await connection.exec(`DROP INDEX "${index.name}"`);
	return async () => {
		for (const index of indexes) await connection.exec(index.sql);
	};
}

/**
 * SQLite sorts (the stage's key index, a table's indexes) in as much memory as the page cache may
 * hold, and fills the cache to its size: a load of `rows` this many overflows the writer's 64 MiB
 * cache anyway, so from here on it is given a smaller one, and a big load's peak memory stays
 * bounded. The connection is the load's own: the rest of the load keeps it.
 */
export async function fitCacheToLoad(connection: Connection, rows: number): Promise<void> {
	if (rows >= SPILLS_ANYWAY) await connection.exec(`PRAGMA main.cache_size = -${BIG_LOAD_CACHE_KIB}`);
}
