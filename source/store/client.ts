import fs from 'node:fs';
import {StoreError, type Connection} from './connection.js';
import {openStoreReadOnly, readDataVersion} from './queries.js';
import type {ScorecardView} from '../domain/scorecard-view.js';
import {readScorecard} from './read-scorecard.js';
import {readScreen, type ScreenRead, type ScreenRequest} from './read-screen.js';
import {queued} from './snapshot.js';
import {describeOpenError} from './store-access.js';
import {displayLine} from '../domain/text.js';

export {covers, gridRequest, type AgendaRead, type ScreenRead, type ScreenRequest} from './read-screen.js';

/** What the console asks of the store: one read-only connection, named questions, no SQL. */
export type StoreClient = {
	path: string;
	/** The month's scorecard, every team's figures included. */
	scorecard(period?: string): Promise<ScorecardView>;
	/** Everything one screen shows, from one read: its header and its body never differ. */
	screen(request: ScreenRequest): Promise<ScreenRead>;
	/** Changes when anyone commits to the store; throws when the store is gone or unreadable. */
	dataVersion(): Promise<string>;
	close(): Promise<void>;
};

function fileIdentity(path: string): string {
	try {
		const stat = fs.statSync(path);
		return `${stat.dev}:${stat.ino}`;
	} catch {
		throw new StoreError(`${path}: the store has gone (moved or deleted)`);
	}
}

export async function openStoreClient(path: string): Promise<StoreClient> {
	let connection: Connection = await openStoreReadOnly(path);
	let identity = fileIdentity(path);
	let generation = 0;

	// A store replaced on disk (restored from backup, copied over) is a new file: reopen it.
	async function current(): Promise<Connection> {
		const now = fileIdentity(path);
		if (now !== identity) {
			const fresh = await openStoreReadOnly(path);
			await connection.close().catch(() => undefined);
			connection = fresh;
			identity = now;
			generation++;
		}
		return connection;
	}

	// What reaches the console's status line is one line naming the cause, safe to show.
	const named = async <T>(work: () => Promise<T>): Promise<T> => {
		try {
			return await work();
		} catch (error) {
			if (error instanceof StoreError) throw error;
			const code = (error as {code?: unknown} | null)?.code;
			if (typeof code === 'string' && code.startsWith('SQLITE_')) throw describeOpenError(path, error);
			throw new Error(displayLine(error instanceof Error ? error.message : String(error)));
		}
	};

	return {
		path,
		scorecard: period => named(async () => readScorecard(await current(), {period})),
		screen: request => named(async () => readScreen(await current(), request)),
		dataVersion: () =>
			named(async () => {
				const c = await current();
				// Queued behind any read in progress: nothing runs between a read's BEGIN and COMMIT.
				return `${generation}:${await queued(c, () => c.bounded(() => readDataVersion(c)))}`;
			}),
		close: () => connection.close(),
	};
}
