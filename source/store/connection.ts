import fs from 'node:fs';
import sqlite3 from 'sqlite3';

export type Params = ReadonlyArray<string | number | null>;
export type Row = Record<string, unknown>;

/** A user's mistake about the store (missing, not a store, too new): shown as one line. */
export class StoreError extends Error {
	override name = 'StoreError';
}

/** The callback API of sqlite3, wrapped once in promises. */
export class Connection {
	private constructor(
		readonly path: string,
		private readonly db: sqlite3.Database,
		readonly readonly: boolean,
	) {}

	static async open(path: string, options: {readonly: boolean}): Promise<Connection> {
		if (options.readonly && !fs.existsSync(path)) {
			throw new StoreError(`${path}: no store here (load some data first: npm run load -- FILE...)`);
		}
		const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
		const db = await new Promise<sqlite3.Database>((resolve, reject) => {
			const handle: sqlite3.Database = new sqlite3.Database(path, mode, error => {
				if (error) reject(new StoreError(`${path}: cannot open the store (${error.message})`));
				else resolve(handle);
			});
		});
		const connection = new Connection(path, db, options.readonly);
		// Several consoles read while the loader writes: wait for locks rather than fail at once.
		await connection.exec('PRAGMA busy_timeout = 5000');
		return connection;
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
