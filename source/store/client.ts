import fs from 'node:fs';
import {StoreError, type Connection} from './connection.js';
import {openStoreReadOnly, readCaseloads, readDataVersion, readIndicatorSeries, readMeasureRevisions} from './queries.js';
import type {CaseloadRow, MeasureRow} from '../domain/types.js';
import type {AgendaInput} from '../domain/agenda.js';
import type {ScorecardView} from '../domain/types.js';
import {readAgendaInput, readScorecard} from './read-scorecard.js';
import {queued, readSnapshot} from './snapshot.js';
import {describeOpenError} from './store-access.js';
import {displayLine} from '../domain/text.js';

/** What the console asks of the store: one read-only connection, named questions, no SQL. */
export type StoreClient = {
	path: string;
	scorecard(period?: string): Promise<ScorecardView>;
	/** The grid's figures only, without the teams': what the first frame needs. */
	gridScorecard(period?: string): Promise<ScorecardView>;
	/** Every team's history too: team SPC for the agenda and team detail. */
	fullScorecard(period: string): Promise<ScorecardView>;
	caseloads(period: string): Promise<CaseloadRow[]>;
	/** One indicator's figures for every team up to a month: a team's detail and the teams' previous 6 months. */
	indicatorHistory(indicator: string, period: string): Promise<MeasureRow[]>;
	/** What the stand-up agenda compares: the month and the one before (team SPC), and the last load's revisions. */
	agenda(period: string): Promise<AgendaInput>;
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
		gridScorecard: period => named(async () => readScorecard(await current(), {period, teams: false})),
		fullScorecard: period => named(async () => readScorecard(await current(), {period, full: true})),
		caseloads: period =>
			named(async () => {
				const c = await current();
				return readSnapshot(c, () => readCaseloads(c, period));
			}),
		indicatorHistory: (indicator, period) =>
			named(async () => {
				const c = await current();
				return readSnapshot(c, () => readIndicatorSeries(c, indicator, period));
			}),
		agenda: period =>
			named(async () => {
				const {view: _view, ...input} = await readAgendaInput(await current(), period);
				return input;
			}),
		dataVersion: () =>
			named(async () => {
				const c = await current();
				// Queued behind any read in progress: nothing runs between a read's BEGIN and COMMIT.
				return `${generation}:${await queued(c, () => c.bounded(() => readDataVersion(c)))}`;
			}),
		close: () => connection.close(),
	};
}
