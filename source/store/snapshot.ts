import type {Connection} from './connection.js';
import {MIGRATIONS} from './migrations.js';
import {guardSchema} from './schema-check.js';
import {StoreError, describeOpenError} from './store-access.js';

// One snapshot per read: everything a scorecard read shows comes from one read transaction, so a
// load that commits mid-read is seen wholly or not at all (never one load's figures with
// another's commentary). In WAL mode a reader's snapshot starts at its first SELECT after BEGIN
// and holds until COMMIT. A connection has one transaction at a time, so work on it is queued:
// nothing else runs on the connection between BEGIN and COMMIT.

const queues = new WeakMap<Connection, Promise<unknown>>();

/** Runs `work` on the connection after everything queued before it, alone. */
export function queued<T>(c: Connection, work: () => Promise<T>): Promise<T> {
	const before = queues.get(c) ?? Promise.resolve();
	const result = before.then(work, work);
	queues.set(c, result.catch(() => undefined));
	return result;
}

/**
 * Runs `work` (reads only) inside one read transaction on the connection, after checking in the
 * same snapshot that the store's schema is still the migrations' (a loader may have changed it
 * since the last read), and stopped if it takes longer than the read timeout.
 */
export function readSnapshot<T>(c: Connection, work: () => Promise<T>): Promise<T> {
	return queued(c, () =>
		c.bounded(async () => {
			await c.exec('BEGIN');
			try {
				await guardSchema(c, MIGRATIONS);
				return await work();
			} catch (error) {
				// SQLite's own failure (a value too long, a damaged page) as the cause, in one line.
				const code = (error as {code?: unknown} | null)?.code;
				if (!(error instanceof StoreError) && typeof code === 'string' && code.startsWith('SQLITE_')) throw describeOpenError(c.path, error);
				throw error;
			} finally {
				// A read transaction writes nothing: ending it either way releases the snapshot.
				await c.exec('COMMIT').catch(() => c.exec('ROLLBACK').catch(() => undefined));
			}
		}),
	);
}
