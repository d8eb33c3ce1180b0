import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import {formatPeriod, monthsBetween} from '../domain/periods.js';
import {UNITS, isOneOf, type Unit} from '../domain/types.js';
import {Connection, StoreError} from '../store/connection.js';
import {checkFileIsStore, checkStore, migrate} from '../store/migrations.js';
import {countTables, hasLoads, readReference, readStoredRows, writeLoad, type StoreReference, type StoredRows} from '../store/writes.js';
import {readCsvFile, type CsvFile} from './csv-file.js';
import {diffLoad, type Diff} from './diff.js';
import {KINDS, type Kind} from './kinds.js';
import {formatProblems, type Problem} from './problems.js';
import {validateFiles, type Validated} from './validate.js';
import {annexStep, formatAnnexSummary, type AnnexOptions, type AnnexSummary} from '../annex-a/annex-load.js';
import {looksLikeWorkbook} from './workbook.js';
import {readWorkbookFile, sheetLocation, type SheetSource} from './workbook-file.js';

export type LoadOptions = {
	db: string;
	files: string[];
	replace?: boolean;
	dryRun?: boolean;
	/** "This month", for refusing future months; also the load's time stamp. */
	now?: Date;
	user?: string;
	/** Derive figures from an Annex A extract with the catalogue and team aliases of this load. */
	annexA?: AnnexOptions;
};

export type KindSummary = {kind: Kind; rows: number; added: number; changed: number; unchanged: number};

export type LoadSummary = {
	store: string;
	dryRun: boolean;
	replace: boolean;
	/** Every month the load's rows are for, oldest first. */
	months: string[];
	/** In the order of KINDS, only kinds the load had files of. */
	kinds: KindSummary[];
	files: Array<{path: string; kind: Kind; rows: number}>;
	annexA?: AnnexSummary;
};

export type LoadResult =
	/** `changed`: the store was changed (in a dry run: would be). */
	| {ok: true; summary: LoadSummary; changed: boolean}
	/** `errors`: the lines to print, trailer included; `total`: how many errors there were. */
	| {ok: false; errors: string[]; total: number};

type Analysis = {problems: Problem[]; diff: Diff; summary: LoadSummary; changes: number};

const EMPTY_REFERENCE: StoreReference = {teams: [], indicators: [], targets: [], workerSecret: null};
const EMPTY_ROWS: StoredRows = {measures: [], benchmarks: [], commentary: [], caseloads: [], rebases: []};

// Thrown inside the transaction to roll it back with a result rather than an error.
class Rollback {
	constructor(readonly result: LoadResult) {}
}

/** Validate every file, then write all of them in one transaction, or nothing. Never prints, never exits. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const path = options.db;
	const now = options.now ?? new Date();
	if (options.files.length === 0) return {ok: false, errors: ['no files to load'], total: 1};

	const readProblems: Problem[] = [];
	const {files, sheets, nextIndex} = await readSources(options.files, readProblems);
	let annexA: AnnexSummary | undefined;
	if (options.annexA !== undefined) {
		const step = await annexStep(options.annexA, files, nextIndex, readProblems);
		for (const [at, sheet] of step.sheets) sheets.set(at, sheet);
		if (step.source !== null) files.push(step.source);
		annexA = step.summary ?? undefined;
	}
	const context: Context = {path, now, files, sheets, annexA, readProblems, replace: options.replace ?? false, dryRun: options.dryRun ?? false, user: options.user};

	try {
		checkFileIsStore(path);
		const existed = fs.existsSync(path);
		if (!existed) return await loadIntoNewStore(context, false);
		const connection = await Connection.open(path, {readonly: context.dryRun});
		let closed = false;
		try {
			if ((await countTables(connection)) === 0) {
				await connection.close();
				closed = true;
				return await loadIntoNewStore(context, true);
			}
			if (context.dryRun) {
				await checkStore(connection);
				return outcome(context, await analyse(context, connection));
			}
			await migrate(connection);
			return await loadInTransaction(context, connection);
		} finally {
			if (!closed) await connection.close();
		}
	} catch (error) {
		if (error instanceof StoreError) return {ok: false, errors: [error.message], total: 1};
		if ((error as {code?: string}).code === 'SQLITE_BUSY') {
			return {ok: false, errors: [`${path}: the store is busy (another load is writing to it): nothing was loaded, try again`], total: 1};
		}
		throw error;
	}
}

type Context = {
	path: string;
	now: Date;
	files: CsvFile[];
	/** Workbook sheets by file index, to name sheet and cell in problems. */
	sheets: Map<number, SheetSource>;
	annexA: AnnexSummary | undefined;
	readProblems: Problem[];
	replace: boolean;
	dryRun: boolean;
	user: string | undefined;
	validation?: {referenceKey: string; validated: Validated; problems: Problem[]};
};

/** No store yet (or an empty file): check against nothing first, so a failed load leaves no store behind. */
async function loadIntoNewStore(context: Context, fileExisted: boolean): Promise<LoadResult> {
	const first = await analyse(context, null);
	if (first.problems.length > 0 || context.dryRun || first.changes === 0) return outcome(context, first);
	const creating = !fs.existsSync(context.path) && !fileExisted;
	const connection = await Connection.open(context.path, {readonly: false});
	let result: LoadResult | undefined;
	let keep = true;
	try {
		await migrate(connection);
		result = await loadInTransaction(context, connection);
		return result;
	} finally {
		// Remove only a store this load made and nobody has loaded into since (another load may have raced us to it).
		if (creating && (result === undefined || !result.ok)) keep = await hasLoads(connection).catch((error: Error) => !/no such table/.test(error.message));
		await connection.close();
		if (!keep) removeStore(context.path);
	}
}

async function loadInTransaction(context: Context, connection: Connection): Promise<LoadResult> {
	try {
		return await connection.transaction(async () => {
			// Compared inside the write lock, so a load running alongside cannot slip between check and write.
			const analysis = await analyse(context, connection);
			if (analysis.problems.length > 0 || analysis.changes === 0) throw new Rollback(outcome(context, analysis));
			await writeLoad(connection, {
				load: {loaded_at: context.now.toISOString(), os_user: context.user ?? osUser(), replace: context.replace, summary: JSON.stringify(analysis.summary)},
				files: analysis.summary.files.map((file, i) => ({...file, sha256: context.files[i]!.sha256})),
				history: analysis.diff.history,
				...analysis.diff.writes,
			});
			return outcome(context, analysis);
		});
	} catch (error) {
		if (error instanceof Rollback) return error.result;
		throw error;
	}
}

/** CSV files and workbooks' sheets, each with its own index, in the order given. */
async function readSources(paths: readonly string[], problems: Problem[]): Promise<{files: CsvFile[]; sheets: Map<number, SheetSource>; nextIndex: number}> {
	const files: CsvFile[] = [];
	const sheets = new Map<number, SheetSource>();
	let index = 0;
	for (const path of paths) {
		if (looksLikeWorkbook(path)) {
			const workbook = await readWorkbookFile(path, index, problems);
			files.push(...workbook.files);
			for (const [at, sheet] of workbook.sheets) sheets.set(at, sheet);
			index = workbook.nextIndex;
		} else {
			const file = readCsvFile(path, index++, problems);
			if (file !== null) files.push(file);
		}
	}
	return {files, sheets, nextIndex: index};
}

function outcome(context: Context, analysis: Analysis): LoadResult {
	if (analysis.problems.length > 0) {
		const locate = (problem: Problem) => {
			const sheet = context.sheets.get(problem.fileIndex);
			return sheet === undefined ? undefined : sheetLocation(sheet, problem.line, problem.column);
		};
		return {ok: false, errors: formatProblems(analysis.problems, context.path, locate), total: analysis.problems.length};
	}
	return {ok: true, summary: analysis.summary, changed: analysis.changes > 0};
}

async function analyse(context: Context, connection: Connection | null): Promise<Analysis> {
	const reference = connection === null ? EMPTY_REFERENCE : await readReference(connection);
	// Validation depends only on the files and the store's teams and indicators: reuse it when those
	// are as they were (a new store is checked empty, then again once created, inside the lock).
	const referenceKey = JSON.stringify([reference.teams, reference.indicators, reference.targets]);
	if (context.validation?.referenceKey !== referenceKey) {
		const found: Problem[] = [...context.readProblems];
		const validated = validateFiles(context.files, reference, context.now, found);
		context.validation = {referenceKey, validated, problems: found};
	}
	const {validated} = context.validation;
	const problems = [...context.validation.problems];

	// Workers are compared and stored as keyed hashes only; with no store yet nothing is compared, so any key does.
	const secret = reference.workerSecret ?? (connection === null ? crypto.randomBytes(32).toString('hex') : null);
	if (secret === null && validated.caseloads.length > 0) throw new StoreError(`${context.path}: the store has no worker secret: it is damaged`);
	const hashed: Validated = {
		...validated,
		caseloads: validated.caseloads.map(item => ({...item, record: {...item.record, worker: hashWorker(secret!, item.record.worker)}})),
	};

	const periods = (rows: ReadonlyArray<{record: {period: string}}>) => {
		const seen = new Set<string>();
		for (const row of rows) seen.add(row.record.period);
		return [...seen].sort();
	};
	const loadPeriods = {
		measures: periods(hashed.measures),
		benchmarks: periods(hashed.benchmarks),
		commentary: periods(hashed.commentary),
		caseloads: periods(hashed.caseloads),
		rebases: periods(hashed.rebases),
	};
	const stored = connection === null ? EMPTY_ROWS : await readStoredRows(connection, loadPeriods);

	const units = new Map<string, Unit>();
	for (const indicator of [...reference.indicators, ...hashed.indicators.map(item => item.record)]) {
		if (isOneOf(UNITS, indicator.unit)) units.set(indicator.code, indicator.unit);
	}
	const diff = diffLoad(hashed, reference, stored, {replace: context.replace, unitOf: code => units.get(code) ?? null});
	problems.push(...diff.problems);

	const months = [...new Set(Object.values(loadPeriods).flat())].sort();
	const kinds: KindSummary[] = [];
	for (const kind of KINDS) {
		// Team aliases are only read by the Annex A step: nothing of them is stored.
		if (kind === 'team_aliases') continue;
		const ofKind = context.files.filter(file => file.kind === kind);
		if (ofKind.length === 0) continue;
		const counts = diff.counts.get(kind) ?? {added: 0, changed: 0, unchanged: 0};
		kinds.push({kind, rows: ofKind.reduce((sum, file) => sum + file.rows.length, 0), ...counts});
	}
	const summary: LoadSummary = {
		store: context.path,
		dryRun: context.dryRun,
		replace: context.replace,
		months,
		kinds,
		files: context.files.map(file => ({path: file.path, kind: file.kind, rows: file.rows.length})),
		...(context.annexA === undefined ? {} : {annexA: context.annexA}),
	};
	const changes = kinds.reduce((sum, kind) => sum + kind.added + kind.changed, 0);
	return {problems, diff, summary, changes};
}

/** HMAC-SHA256 of the trimmed reference with the store's secret: the same worker matches, the name never lands. */
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

function removeStore(path: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${path}${suffix}`, {force: true});
}

// Counts as toLocaleString('en-GB') writes them (1,234,567), without the ~10 ms its first call
// spends loading locale data.
const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

const plural = (count: number, word: string): string => `${grouped(count)} ${count === 1 ? word : `${word}s`}`;

/** A few lines for the terminal: where, which months, and per kind what was added, changed or already there. */
export function formatSummary(summary: LoadSummary): string {
	const lines: string[] = [];
	if (summary.dryRun) lines.push('dry run: nothing written');
	lines.push(`store: ${summary.store}`);
	const {months} = summary;
	if (months.length === 0) lines.push('months: none (definitions only)');
	else if (months.length === 1) lines.push(`months: ${formatPeriod(months[0]!)}`);
	else {
		const first = months[0]!;
		const last = months[months.length - 1]!;
		const span = monthsBetween(first, last) + 1;
		const gaps = span === months.length ? '' : `, ${plural(months.length, 'month')} with data`;
		lines.push(`months: ${formatPeriod(first)} to ${formatPeriod(last)} (${plural(span, 'month')}${gaps})`);
	}
	const width = Math.max(...summary.kinds.map(kind => kind.kind.length), 0);
	const changedWord = summary.replace ? 'replaced' : 'changed';
	for (const kind of summary.kinds) {
		lines.push(`${kind.kind.padEnd(width)}  ${grouped(kind.added)} added, ${grouped(kind.changed)} ${changedWord}, ${grouped(kind.unchanged)} unchanged`);
	}
	const changes = summary.kinds.reduce((sum, kind) => sum + kind.added + kind.changed, 0);
	if (changes === 0) lines.push('nothing new: every row is already in the store');
	if (summary.annexA !== undefined) lines.push(formatAnnexSummary(summary.annexA));
	return lines.join('\n');
}
