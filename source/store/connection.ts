import fs from 'node:fs';
import sqlite3 from 'sqlite3';
import {StoreError, checkNotPlanted, checkReadable, describeOpenError, describeWriteError, onReadOnlyMedia, walMode} from './store-access.js';

export {StoreError} from './store-access.js';

export type Params = ReadonlyArray<string | number | null>;
export type Row = Record<string, unknown>;

export const BUSY_TIMEOUT_MS = 5000;
const WRITER_CACHE_KIB = 64 * 1024;

// A store is untrusted input (anyone in the loaders' group can write it): SQLite's limits keep a
// crafted one from making a reader build huge values. The longest value a loader writes is far
// shorter (see domain/limits.ts); the longest a read makes is one indicator's figures packed into
// one string (store/queries.ts), about 40 bytes a figure: 16 MB is 400,000 figures an indicator.
const MAX_VALUE_BYTES = 16 * 1024 * 1024;
// The loader's longest statement is a batched INSERT of about 32,766 parameters (store/writes.ts).
const MAX_SQL_BYTES = 4 * 1024 * 1024;

/**
 * How long one read of the store (a view's snapshot, or one statement) may take before it is
 * stopped: far beyond any real store's reads (the benchmark's biggest, the full JSON of 288,000
 * figures, takes under a second), so only a store built to stall its readers reaches it.
 * SCORECARD_READ_TIMEOUT (seconds) changes it for a slow machine.
 */
export function readTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
	const seconds = Number(env['SCORECARD_READ_TIMEOUT']);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

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
		else if (path !== '') checkNotPlanted(path, 'the store');
		// '' is SQLite's unnamed temporary database (a dry run's scratch store): no file to give a mode.
		const creating = !options.readonly && path !== '' && !fs.existsSync(path);
		const immutable = options.readonly && walMode(path) && onReadOnlyMedia(path);
		const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
		const name = immutable ? `file:${encodeURI(path).replace(/[?#]/g, encodeURIComponent)}?immutable=1` : path;
		const db = await new Promise<sqlite3.Database>((resolve, reject) => {
			const handle: sqlite3.Database = new sqlite3.Database(name, immutable ? mode | sqlite3.OPEN_URI : mode, error => {
				if (error) reject(options.readonly ? describeOpenError(path, error) : describeWriteError(path, error));
				else resolve(handle);
			});
		});
		const connection = new Connection(path, db, options.readonly, !immutable);
		// SQLite makes new files 0644 whatever the umask allows: a loader with umask 002 must leave a
		// store the next loader in the group can write (its journals copy the store's mode).
		if (creating) fs.chmodSync(path, 0o666 & ~process.umask());
		try {
			await connection.harden();
			// Readers wait while a load commits (it holds the file exclusively for that moment) rather than fail.
			await connection.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
			if (options.readonly) await connection.get('SELECT count(*) FROM sqlite_master');
			else await connection.useRollbackJournal();
		} catch (error) {
			await connection.close().catch(() => undefined);
			if (error instanceof StoreError) throw error;
			throw options.readonly ? describeOpenError(path, error) : describeWriteError(path, error);
		}
		return connection;
	}

	/**
	 * The store may have been made by anyone in the loaders' group. `trusted_schema = OFF`: a view
	 * or trigger may call no function with side effects (SQLite's own list); limits on the length
	 * of any value and statement; no trigger recursion; page sizes checked as
	 * read. (SQLite's defensive mode, SQLITE_DBCONFIG_DEFENSIVE, cannot be set through the sqlite3
	 * package: its configure() offers only limits and the busy timeout. What it guards against,
	 * SQL that rewrites the schema or the file's structure, is SQL the scorecard never runs: its
	 * statements are its own, and store/schema-check.ts refuses any view or trigger it did not make.)
	 */
	private async harden(): Promise<void> {
		this.db.configure('limit', sqlite3.LIMIT_LENGTH, MAX_VALUE_BYTES);
		this.db.configure('limit', sqlite3.LIMIT_SQL_LENGTH, MAX_SQL_BYTES);
		this.db.configure('limit', sqlite3.LIMIT_TRIGGER_DEPTH, 1);
		this.db.configure('limit', sqlite3.LIMIT_WORKER_THREADS, 0);
		await this.exec('PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON');
	}

	/**
	 * Runs `work` (statements on this connection) and stops it when it takes longer than `ms`:
	 * SQLite is interrupted (the statement running ends with SQLITE_INTERRUPT) and the promise
	 * rejects with one line saying so. A crafted store cannot keep a reader waiting for ever.
	 */
	async bounded<T>(work: () => Promise<T>, ms = readTimeoutMs()): Promise<T> {
		let stopped = false;
		const deadline = Date.now() + ms;
		const timer = setTimeout(() => {
			stopped = true;
			try {
				this.db.interrupt();
			} catch {
				// Closed meanwhile: nothing is running.
			}
		}, ms);
		const late = () =>
			new StoreError(
				`${this.path}: reading the store took longer than ${Math.round(ms / 1000)} s and was stopped (a store this big or this slow was not made by a loader; SCORECARD_READ_TIMEOUT sets the limit in seconds)`,
			);
		try {
			const result = await work();
			// SQLite is interrupted where it runs; a read whose own work on what it fetched ran past
			// the bound (a crafted store's millions of rows) is stopped here, its result dropped.
			if (stopped || Date.now() > deadline) throw late();
			return result;
		} catch (error) {
			if (stopped || Date.now() > deadline) throw late();
			throw error;
		} finally {
			clearTimeout(timer);
		}
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

	/**
	 * Run `work` inside a savepoint of the caller's transaction: kept when it succeeds, undone
	 * (and the error thrown on) when it fails, the transaction going on either way.
	 */
	async savepoint<T>(work: () => Promise<T>): Promise<T> {
		await this.exec('SAVEPOINT work');
		try {
			const result = await work();
			await this.exec('RELEASE work');
			return result;
		} catch (error) {
			await this.exec('ROLLBACK TO work; RELEASE work');
			throw error;
		}
	}

	close(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.db.close(error => (error ? reject(error) : resolve()));
		});
	}
}
