import sqlite3 from 'sqlite3';
import {displayLine, excerpt} from '../domain/text.js';
import {StoreError, type Connection} from './connection.js';

// A store is read as untrusted input: anyone in the loaders' group can write it, and a view in
// place of a table, a trigger or a generated column runs inside every teammate's reads and every
// loader's writes. So a store's schema objects (tables, views, triggers, indexes) must be exactly
// the ones the migrations make, compared with a schema made by running the same migrations in
// memory (never a hand-kept list: a new migration is taken in by itself). Anything else is named
// and refused before a single row is read.

type SchemaObject = {type: string; name: string; tbl_name: string; sql: string | null};

// ANALYZE's statistics tables are SQLite's own (an administrator may run it): allowed as SQLite makes them.
const SQLITE_OWN: Record<string, string> = {
	sqlite_stat1: 'CREATE TABLE sqlite_stat1(tbl,idx,stat)',
	sqlite_stat4: 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)',
};

/** The statement as SQLite keeps it, with runs of white space made one (the migrations' indentation may change). */
function normalise(sql: string | null): string | null {
	if (sql === null) return null;
	return sql.replace(/\s+/g, ' ').replace(/ ?([(),]) ?/g, '$1').trim();
}

const keyOf = (object: SchemaObject) => `${object.type} ${object.name}`;

let expected: Promise<Map<string, string | null>[]> | undefined;

/** For each schema version v (index v - 1): the objects migrations 1..v make, by type and name, with their SQL. */
function expectedSchemas(migrations: readonly string[]): Promise<Map<string, string | null>[]> {
	expected ??= new Promise((resolve, reject) => {
		const db = new sqlite3.Database(':memory:', error => {
			if (error) return reject(error);
			const versions: Map<string, string | null>[] = [];
			const step = (version: number) => {
				if (version === migrations.length) return db.close(() => resolve(versions));
				db.exec(migrations[version]!, execError => {
					if (execError) return reject(execError);
					db.all<SchemaObject>('SELECT type, name, tbl_name, sql FROM sqlite_master', (readError, rows) => {
						if (readError) return reject(readError);
						versions.push(new Map(rows.map(row => [keyOf(row), normalise(row.sql)])));
						step(version + 1);
					});
				});
			};
			step(0);
		});
	});
	return expected;
}

/**
 * Starts working out the migrations' schemas (in an in-memory database, on SQLite's threads) so
 * that it runs while the store is being opened, not after: a reader's start-up waits less.
 */
export function prepareSchemaCheck(migrations: readonly string[]): void {
	// A failure is reported by the check that awaits it, not here.
	expectedSchemas(migrations).catch(() => undefined);
}

const describe = (object: SchemaObject): string => `${object.type} ${displayLine(excerpt(object.name, 60))}`;

/**
 * Throws a StoreError naming the first object that is not the migrations' (a stranger, or one of
 * theirs changed) or the first of theirs that is missing. `version` is the store's user_version.
 */
export async function verifySchema(connection: Connection, migrations: readonly string[], version: number): Promise<void> {
	if (version < 1 || version > migrations.length) return;
	const want = (await expectedSchemas(migrations))[version - 1]!;
	let rows: SchemaObject[];
	try {
		rows = await connection.all<SchemaObject>('SELECT type, name, tbl_name, sql FROM sqlite_master');
	} catch (error) {
		throw new StoreError(`${connection.path}: cannot read the store's schema (${(error as Error).message})`);
	}
	const seen = new Set<string>();
	for (const row of rows) {
		const key = keyOf(row);
		seen.add(key);
		if (row.type === 'table' && row.name in SQLITE_OWN && normalise(row.sql) === normalise(SQLITE_OWN[row.name]!)) continue;
		if (!want.has(key)) throw stranger(connection, `has a ${describe(row)} that scorecard did not make`);
		if (want.get(key) !== normalise(row.sql)) throw stranger(connection, `its ${describe(row)} is not the one scorecard made (it was changed)`);
	}
	for (const key of want.keys()) {
		if (!seen.has(key)) throw stranger(connection, `its ${displayLine(key)} is missing`);
	}
}

const stranger = (connection: Connection, what: string) =>
	new StoreError(`${displayLine(connection.path)}: refused: the store ${what}; it may have been tampered with (restore it from a backup, or ask whoever loads it)`);

// The schema cookie each connection last verified: SQLite changes it with every schema change, so
// a read checks the schema again only when it has changed (one PRAGMA otherwise).
const verified = new WeakMap<Connection, number>();

/** Verify the schema unless this connection already verified it at the same schema cookie. */
export async function guardSchema(connection: Connection, migrations: readonly string[]): Promise<void> {
	const cookie = (await connection.get<{schema_version: number}>('PRAGMA schema_version'))?.schema_version ?? 0;
	if (verified.get(connection) === cookie) return;
	const version = (await connection.get<{user_version: number}>('PRAGMA user_version'))?.user_version ?? 0;
	await verifySchema(connection, migrations, version);
	verified.set(connection, cookie);
}

/** Forget what a connection verified (after it changed the schema itself, e.g. a migration). */
export function forgetVerified(connection: Connection): void {
	verified.delete(connection);
}
