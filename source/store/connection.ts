import fs from 'node:fs';
import sqlite3 from 'sqlite3';
import {StoreError, checkReadable, describeOpenError, onReadOnlyMedia, walMode} from './store-access.js';

export {StoreError} from './store-access.js';

export type Params = ReadonlyArray<string | number | null>;
export type Row = Record<string, unknown>;

export const BUSY_TIMEOUT_MS = 5000;
const WRITER_CACHE_KIB = 64 * 1024;

/** The callback API of sqlite3, wrapped once in promises. */
export class Connection {
	private constructor(
		readonly path: string,
		private readonly db: sqlite3.Database,
		readonly readonly: boolean,
		/** False when the store was opened immutable (read-only media): it cannot change, nothing to watch. */
		readonly live: boolean,
	) {}

	/**
	 * Readers open read-only and never need to write beside the store: the store keeps a rollback
	 * journal (journal_mode=DELETE, set by every writer), so a teammate who can read the file but not
	 * write its folder reads it, with live updates (data_version still changes on every commit).
	 * A store still in WAL mode on read-only media is opened immutable: nothing can change there.
	 */
	static async open(path: string, options: {readonly: boolean}): Promise<Connection> {
		if (options.readonly) checkReadable(path);
		// '' is SQLite's unnamed temporary database (a dry run's scratch store): no file to give a mode.
		const creating = !options.readonly && path !== '' && !fs.existsSync(path);
		const immutable = options.readonly && walMode(path) && onReadOnlyMedia(path);
		const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
		const name = immutable ? `file:${encodeURI(path).replace(/[?#]/g, encodeURIComponent)}?immutable=1` : path;
		const db = await new Promise<sqlite3.Database>((resolve, reject) => {
			const handle: sqlite3.Database = new sqlite3.Database(name, immutable ? mode | sqlite3.OPEN_URI : mode, error => {
				if (error) reject(describeOpenError(path, error));
				else resolve(handle);
			});
		});
		const connection = new Connection(path, db, options.readonly, !immutable);
		// SQLite makes new files 0644 whatever the umask allows: a loader with umask 002 must leave a
		// store the next loader in the group can write (its journals copy the store's mode).
		if (creating) fs.chmodSync(path, 0o666 & ~process.umask());
		try {
			// Readers wait while a load commits (it holds the file exclusively for that moment) rather than fail.
			await connection.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
			if (options.readonly) await connection.get('SELECT count(*) FROM sqlite_master');
			else await connection.useRollbackJournal();
		} catch (error) {
			await connection.close().catch(() => undefined);
			throw error instanceof StoreError ? error : describeOpenError(path, error);
		}
		return connection;
	}

	/**
	 * Writers switch the store to a rollback journal (converting a WAL store) and keep a big enough
	 * page cache that a load of ordinary size does not spill to the file before it commits (a spill
	 * takes the exclusive lock early and readers would wait for the rest of the load).
	 */
	private async useRollbackJournal(): Promise<void> {
		await this.exec(`PRAGMA cache_size = -${WRITER_CACHE_KIB}`);
		// A WAL store that other connections hold open cannot change mode now: it stays WAL until a
		// later load finds it alone (readers that can write beside it read it meanwhile).
		await this.get('PRAGMA journal_mode = DELETE').catch((error: unknown) => {
			if ((error as {code?: string}).code !== 'SQLITE_BUSY') throw error;
		});
	}

	all<T = Row>(sql: string, params: Params = []): Promise<T[]> {
		return new Promise((resolve, reject) => {
			this.db.all(sql, params as unknown[], (error, rows) => (error ? reject(error) : resolve(rows as T[])));
		});
	}

	get<T = Row>(sql: string, params: Params = []): Promise<T | undefined> {
		return new Promise((resolve, reject) => {
			this.db.get(sql, params as unknown[], (error, row) => (error ? reject(error) : resolve(row as T | undefined)));
		});
	}

	run(sql: string, params: Params = []): Promise<{changes: number; lastID: number}> {
		return new Promise((resolve, reject) => {
			// `this` of a function callback carries lastID and changes.
			this.db.run(sql, params as unknown[], function (this: sqlite3.RunResult, error: Error | null) {
				if (error) reject(error);
				else resolve({changes: this.changes, lastID: this.lastID});
			});
		});
	}

	exec(sql: string): Promise<void> {
		return new Promise((resolve, reject) => {
			this.db.exec(sql, error => (error ? reject(error) : resolve()));
		});
	}

	/** Run `work` inside one immediate transaction; roll back on any error. */
	async transaction<T>(work: () => Promise<T>): Promise<T> {
		await this.exec('BEGIN IMMEDIATE');
		try {
			const result = await work();
			await this.exec('COMMIT');
			return result;
		} catch (error) {
			await this.exec('ROLLBACK').catch(() => undefined);
			throw error;
		}
	}

	close(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.db.close(error => (error ? reject(error) : resolve()));
		});
	}
}
