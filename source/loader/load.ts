import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import {Connection, StoreError} from '../store/connection.js';
import {rekeyFileDigests} from '../store/key-check.js';
import {checkFileIsStore, checkSchema, checkStore, migrate, migratedCopy} from '../store/migrations.js';
import {refreshSpc, spcStamped} from '../store/spc-table.js';
import {describeOpenError, describeWriteError} from '../store/store-access.js';
import {countTables} from '../store/load-reads.js';
import {DirectStageStopped} from '../store/staging.js';
import {SPILLS_ANYWAY} from '../store/writes.js';
import {confirmKey, createRandomKey, dryRunKey, keyFilePath, keyedDigest, prepareKey, readKey} from './key-file.js';
import {openSources} from './open-sources.js';
import {createBuildFile, groupSharingWarning, isEmptyFile, removeAbandoned, removeStore} from './store-files.js';
import {runPass, type LoadSummary, type PassOptions} from './pipeline.js';
import {ProblemLog, formatProblems, type Problem} from './problems.js';
import type {RowSource} from './row-source.js';

// A load from its files to a committed store: a new store built beside its path and moved into
// place, an existing one migrated and written in one transaction, the pass run again from a
// savepoint when a first load's direct write stops. About 300 lines: where a load may write and
// how it undoes itself are one story, read together.

export type {KindSummary, LoadSummary} from './pipeline.js';
export {formatSummary} from './summary.js';

export type LoadOptions = {
	db: string;
	files: string[];
	replace?: boolean;
	dryRun?: boolean;
	/** "This month", for refusing future months; also the load's time stamp. */
	now?: Date;
	user?: string;
	/**
	 * Row sources loaded with the files, after them (e.g. figures computed from an extract):
	 * each `index` above every file's (files take 0, 1, ... in order; a workbook one per sheet).
	 */
	sources?: RowSource[];
};

export type LoadResult = (
	/** `changed`: the store was changed (in a dry run: would be). */
	| {ok: true; summary: LoadSummary; changed: boolean}
	/** `errors`: the lines to print, trailer included; `total`: how many errors there were. */
	| {ok: false; errors: string[]; total: number}
) & {
	/** Things found on the way that did not stop the load (a file in the store's folder no loader made, a store others cannot load into). */
	warnings?: string[];
};

type Context = {
	path: string;
	sources: RowSource[];
	/** Problems found opening the files: every pass starts from them. */
	opening: Problem[];
	now: Date;
	replace: boolean;
	dryRun: boolean;
	user: string | undefined;
	warnings: string[];
};

// Thrown inside the transaction to roll it back with a result rather than an error.
class Rollback {
	constructor(readonly result: LoadResult) {}
}

/** Validate every file, then write all of them in one transaction, or nothing. Never prints, never exits. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const path = options.db;
	if (options.files.length === 0 && (options.sources ?? []).length === 0) return {ok: false, errors: ['no files to load'], total: 1};
	const opening: Problem[] = [];
	const sources: RowSource[] = [];
	let index = 0;
	for (const file of options.files) {
		const fileIndex = index;
		const opened = await openSources(file, fileIndex, problem => opening.push({file, fileIndex, ...problem}));
		sources.push(...opened);
		index = Math.max(index + 1, ...opened.map(source => source.index + 1));
	}
	sources.push(...(options.sources ?? []));
	const context: Context = {
		path,
		sources,
		opening,
		now: options.now ?? new Date(),
		replace: options.replace ?? false,
		dryRun: options.dryRun ?? false,
		user: options.user,
		warnings: [],
	};
	const result = await loadInto(context);
	return context.warnings.length === 0 ? result : {...result, warnings: context.warnings};
}

async function loadInto(context: Context): Promise<LoadResult> {
	const path = context.path;
	try {
		checkFileIsStore(path);
		if (!exists(path)) return await loadIntoNewStore(context);
		const connection = await Connection.open(path, {readonly: context.dryRun});
		let empty: boolean;
		try {
			empty = (await countTables(connection)) === 0;
			if (!empty) return await loadIntoStore(context, connection);
		} finally {
			await connection.close();
		}
		return await loadIntoNewStore(context);
	} catch (error) {
		if (error instanceof StoreError) return {ok: false, errors: [error.message], total: 1};
		const code = (error as {code?: string}).code;
		if (code === 'SQLITE_BUSY') return {ok: false, errors: [`${path}: the store is busy (another load is writing to it): nothing was loaded, try again`], total: 1};
		if (code === 'SQLITE_FULL') return {ok: false, errors: [`${path}: the disk is full (the store's or the temporary files' disk): nothing was loaded`], total: 1};
		// Every other failure of SQLite's, as the cause a user can act on (permissions found, a damaged file, a store in use).
		if (typeof code === 'string' && code.startsWith('SQLITE_')) {
			const described = context.dryRun ? describeOpenError(path, error) : describeWriteError(path, error);
			return {ok: false, errors: [described.message], total: 1};
		}
		throw error;
	}
}

/** Anything at the path, a link that leads nowhere included (fs.existsSync follows links). */
function exists(path: string): boolean {
	try {
		fs.lstatSync(path);
		return true;
	} catch {
		return false;
	}
}

async function loadIntoStore(context: Context, connection: Connection): Promise<LoadResult> {
	if (context.dryRun) {
		await checkStore(connection);
		const key = await dryRunKey(context.path, connection, needsKey(context));
		// An older schema is compared as the load would write it: on a migrated copy.
		const copy = await migratedCopy(connection);
		try {
			return await pass(context, copy?.connection ?? connection, key, false);
		} finally {
			await copy?.close();
		}
	}
	await migrate(connection);
	// A store whose derived SPC is missing (just made, or upgraded) or another engine's is filled
	// whole first, on its own: the load's pass then refreshes only what it changes.
	if (!(await spcStamped(connection))) {
		await connection.transaction(async () => {
			await checkSchema(connection);
			await refreshSpc(connection, {all: true});
		});
	}
	const prepared = await prepareKey(context.path, connection, needsKey(context));
	try {
		// Compared inside the write lock, so a load running alongside cannot slip between check and write.
		return await connection.transaction(async () => {
			// Nothing is written through a trigger or into a view the migrations did not make.
			await checkSchema(connection);
			const key = await confirmKey(context.path, connection, prepared, needsKey(context));
			if (key !== null) await rekeyFileDigests(connection, sha256 => keyedDigest(key, sha256));
			const result = await writingPass(context, connection, key);
			if (!result.ok || !result.changed) throw new Rollback(result);
			return result;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.result;
		throw error;
	}
}

/**
 * No store yet (or an empty file): the store is built in a file of its own beside it and moved
 * into place only once complete, so a failed or killed first load leaves no store, and of two
 * first loads at once one makes the store and the other then loads into it.
 */
async function loadIntoNewStore(context: Context): Promise<LoadResult> {
	if (context.dryRun) {
		// An unnamed temporary database: checked as a new store would be, then gone.
		const scratch = await Connection.open('', {readonly: false});
		try {
			await migrate(scratch);
			return await pass(context, scratch, readKey(keyFilePath(context.path)) ?? createRandomKey(), false);
		} finally {
			await scratch.close();
		}
	}
	const dir = nodePath.dirname(context.path);
	context.warnings.push(...removeAbandoned(dir, nodePath.basename(context.path)));
	const building = nodePath.join(dir, `.${nodePath.basename(context.path)}.new-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
	// Made here, never followed: SQLite then opens a file that is already ours. A pre-made empty
	// store file (an administrator's, mode 640 say) gives its mode and group to the store.
	const made = createBuildFile(building, context.path);
	let moved = false;
	try {
		const connection = await Connection.open(building, {readonly: false});
		let result: LoadResult;
		try {
			result = await loadIntoStore(context, connection);
		} finally {
			await connection.close();
		}
		if (!result.ok || !result.changed) return result;
		if (made.replacesEmpty && isEmptyFile(context.path)) {
			fs.renameSync(building, context.path);
			moved = true;
		} else {
			try {
				fs.linkSync(building, context.path);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				// Another first load made the store meanwhile (or something else is in its place: named below).
				return await loadIntoMadeStore(context);
			}
		}
		const sharing = groupSharingWarning(context.path);
		if (sharing !== null) context.warnings.push(sharing);
		return result;
	} finally {
		if (!moved) context.warnings.push(...removeStore(building));
	}
}

/** Another first load made the store meanwhile: load into it, which finds what is new. */
async function loadIntoMadeStore(context: Context): Promise<LoadResult> {
	checkFileIsStore(context.path);
	const connection = await Connection.open(context.path, {readonly: false});
	try {
		return await loadIntoStore(context, connection);
	} finally {
		await connection.close();
	}
}

const needsKey = (context: Context): boolean => context.sources.some(source => source.kind === 'caseloads');

/**
 * The pass that writes, inside the load's transaction: a first load's measures straight into
 * their table; where that stops (a row with a problem, two rows with one key: named as a staged
 * load names them; a load too big to write unsorted), again from a savepoint, through the stage.
 */
async function writingPass(context: Context, connection: Connection, secret: string | null): Promise<LoadResult> {
	if (mayHoldMoreThan(context.sources, SPILLS_ANYWAY)) return pass(context, connection, secret, true, false);
	try {
		return await connection.savepoint(() => pass(context, connection, secret, true, true));
	} catch (error) {
		if (!(error instanceof DirectStageStopped)) throw error;
	}
	return pass(context, connection, secret, true, false);
}

// Fewer bytes than any sound row of a measures file: a month (6 characters at least, "2017-1"), two
// codes and a figure, their commas and the line's end make 13. A file's size over this bounds its rows.
const SHORTEST_MEASURE_ROW = 12;

/** Whether the load's measures may be more than `rows` (a direct write would stop there: such a load is staged from the start). */
function mayHoldMoreThan(sources: readonly RowSource[], rows: number): boolean {
	let most = 0;
	for (const source of sources) if (source.kind === 'measures') most += source.bytes === undefined ? source.rows : source.bytes / SHORTEST_MEASURE_ROW;
	return most > rows;
}

async function pass(context: Context, connection: Connection, secret: string | null, write: boolean, direct = false): Promise<LoadResult> {
	const problems = new ProblemLog();
	for (const problem of context.opening) problems.push(problem);
	const options: PassOptions = {
		store: context.path,
		sources: context.sources,
		now: context.now,
		replace: context.replace,
		dryRun: context.dryRun,
		hashWorker: reference => {
			if (secret === null) throw new StoreError(`${context.path}: no worker key for this load's caseloads`);
			return hashWorker(secret, reference);
		},
		// Without a key (a store copied without it, a load with no caseloads) the fingerprint is left out.
		personalDigest: sha256 => (secret === null ? '' : keyedDigest(secret, sha256)),
		write: write ? {loaded_at: context.now.toISOString(), os_user: context.user ?? osUser()} : false,
		direct,
	};
	const {summary, changes} = await runPass(connection, options, problems);
	if (problems.total > 0) return {ok: false, errors: formatProblems(problems, context.path), total: problems.total};
	return {ok: true, summary, changed: changes > 0};
}

/** HMAC-SHA256 of the trimmed reference with the key file's key: the same worker matches, the name never lands. */
export function hashWorker(secret: string, reference: string): string {
	return crypto.createHmac('sha256', secret).update(reference.trim()).digest('hex').slice(0, 24);
}

function osUser(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
	}
}
