// The store's schema: its numbered migrations, each kept as it ran (they are the schema's
// history), and the checks that a file is a store this version can read or write.
// About 300 lines, most of them the migrations' SQL.
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import {Connection, StoreError} from './connection.js';
import {forgetVerified, guardSchema} from './schema-check.js';

// 'SCRD': marks a SQLite file as a scorecard store.
export const APPLICATION_ID = 0x53435244;

// Numbered migrations; index + 1 is the schema version recorded in PRAGMA user_version.
export const MIGRATIONS: string[] = [
	// 1: the indicator store
	`
	CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
	CREATE TABLE teams (
		code TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		population INTEGER
	) STRICT;
	CREATE TABLE indicators (
		code TEXT PRIMARY KEY,
		number INTEGER NOT NULL,
		title TEXT NOT NULL,
		unit TEXT NOT NULL,
		polarity TEXT NOT NULL,
		measure TEXT NOT NULL,
		definition TEXT NOT NULL
	) STRICT;
	-- Targets take effect from a month, so a past month is rated against the target in force then.
	CREATE TABLE targets (
		indicator TEXT NOT NULL REFERENCES indicators(code),
		effective_from TEXT NOT NULL,
		target REAL,
		amber REAL,
		PRIMARY KEY (indicator, effective_from)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE measures (
		team TEXT NOT NULL,
		indicator TEXT NOT NULL,
		period TEXT NOT NULL,
		numerator REAL,
		denominator REAL,
		value REAL NOT NULL,
		PRIMARY KEY (team, indicator, period)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX measures_by_period ON measures (period, indicator);
	CREATE TABLE benchmarks (
		indicator TEXT NOT NULL,
		benchmark TEXT NOT NULL,
		period TEXT NOT NULL,
		value REAL NOT NULL,
		PRIMARY KEY (indicator, benchmark, period)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE commentary (
		indicator TEXT NOT NULL,
		period TEXT NOT NULL,
		text TEXT NOT NULL,
		PRIMARY KEY (indicator, period)
	) STRICT, WITHOUT ROWID;
	-- Worker references are keyed hashes (HMAC with the loaders' key file, outside the store): never a name.
	CREATE TABLE caseloads (
		period TEXT NOT NULL,
		team TEXT NOT NULL,
		service TEXT NOT NULL,
		worker TEXT NOT NULL,
		fte REAL NOT NULL,
		caseload INTEGER NOT NULL,
		PRIMARY KEY (period, team, service, worker)
	) STRICT, WITHOUT ROWID;
	-- A process change: SPC limits are computed afresh from this month.
	CREATE TABLE rebases (
		indicator TEXT NOT NULL,
		period TEXT NOT NULL,
		reason TEXT NOT NULL,
		PRIMARY KEY (indicator, period)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE loads (
		id INTEGER PRIMARY KEY,
		loaded_at TEXT NOT NULL,
		os_user TEXT NOT NULL,
		replace INTEGER NOT NULL,
		summary TEXT NOT NULL
	) STRICT;
	CREATE TABLE load_files (
		load_id INTEGER NOT NULL REFERENCES loads(id),
		path TEXT NOT NULL,
		kind TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		rows INTEGER NOT NULL
	) STRICT;
	-- The previous values of anything a load replaced: key and previous row as JSON.
	CREATE TABLE history (
		id INTEGER PRIMARY KEY,
		load_id INTEGER NOT NULL REFERENCES loads(id),
		kind TEXT NOT NULL,
		key TEXT NOT NULL,
		previous TEXT NOT NULL
	) STRICT;
	CREATE INDEX history_by_load ON history (load_id);
	`,
	// 2: the month index covers the figures, so a month's figures for every team (team matrix,
	// team breakdowns) are read from the index alone.
	`
	DROP INDEX measures_by_period;
	CREATE INDEX measures_by_period ON measures (period, indicator, team, value, numerator, denominator);
	-- One indicator's figures for every team (the detail view, team SPC) without a full scan.
	CREATE INDEX measures_by_indicator ON measures (indicator, team, period);
	`,
	// 3: the catalogue's optional parts. An indicator's short title (the grid's) and derivation
	// (figures computed from an extract, e.g. annex_a.assessments_45wd); the whole service's own
	// name and population (a teams file's ALL row); team aliases, as an extract names teams.
	`
	ALTER TABLE indicators ADD COLUMN short_title TEXT;
	ALTER TABLE indicators ADD COLUMN derive TEXT;
	-- One row at most: without it the whole service is "All teams" with the teams' summed population.
	CREATE TABLE whole_service (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		name TEXT NOT NULL,
		population INTEGER
	) STRICT;
	-- \`key\` is the alias trimmed and lower-cased: an alias is unique ignoring case and surrounding space.
	CREATE TABLE team_aliases (
		key TEXT PRIMARY KEY,
		alias TEXT NOT NULL,
		team TEXT NOT NULL
	) STRICT, WITHOUT ROWID;
	`,
	// 4: the store's settings (a settings file: SPC run length and minimum points, the reporting
	// year's first month, Annex A's working-days convention, the authority's code) and each
	// rebase's type: a recalculation starts new limits from its month; a baseline fixes its
	// segment's limits on the months up to and including it.
	`
	-- \`value\` is the canonical text of domain/store-settings.ts's parseSetting.
	CREATE TABLE settings (
		setting TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) STRICT, WITHOUT ROWID;
	ALTER TABLE rebases ADD COLUMN type TEXT NOT NULL DEFAULT 'recalculate' CHECK (type IN ('recalculate', 'baseline'));
	`,
	// 5: DfE's published statistics. The figures as each file publishes them (every area, every
	// year; value null where DfE publishes a code instead, never 0), the statistical-neighbour
	// model, the published measure an indicator is compared with, and the benchmarks made from
	// them for the store's authority (annual: dated at the year's end, labelled with the year).
	`
	ALTER TABLE indicators ADD COLUMN published TEXT;
	-- area: E92000001 (England), a region's code, an LA's 3-digit code, or '940 / 941' (a combined row).
	-- release: the newest year in the file the figure came from; a figure from an older release
	-- does not replace one from a newer release without --replace.
	CREATE TABLE published_figures (
		series TEXT NOT NULL,
		year INTEGER NOT NULL,
		area TEXT NOT NULL,
		level TEXT NOT NULL,
		name TEXT NOT NULL,
		region TEXT,
		new_code TEXT,
		value REAL,
		code TEXT,
		release INTEGER,
		source TEXT NOT NULL,
		PRIMARY KEY (series, year, area)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE statistical_neighbours (
		la_code TEXT NOT NULL,
		rank INTEGER NOT NULL,
		neighbour TEXT NOT NULL,
		closeness TEXT,
		name TEXT,
		region TEXT,
		PRIMARY KEY (la_code, rank)
	) STRICT, WITHOUT ROWID;
	-- benchmark: national, regional, statistical_neighbours, statistical_neighbours_median, published.
	-- detail: JSON (the region; the neighbours and their figures; lines on what is missing and why).
	CREATE TABLE published_benchmarks (
		indicator TEXT NOT NULL,
		benchmark TEXT NOT NULL,
		period TEXT NOT NULL,
		year INTEGER NOT NULL,
		label TEXT NOT NULL,
		value REAL NOT NULL,
		measure TEXT NOT NULL,
		source TEXT NOT NULL,
		detail TEXT NOT NULL,
		PRIMARY KEY (indicator, benchmark, period)
	) STRICT, WITHOUT ROWID;
	`,
	// 6: each series' SPC (an indicator's whole service, or a team) as of each of its latest months,
	// computed by the domain when a load commits (store/spc-table.ts), so a read fetches a month's
	// results instead of every history. Derived from the measures, the catalogue and the settings;
	// never edited by hand. \`result\` is the domain's result as JSON without its points and signals,
	// which are apart as packed JSON (store/packed-json.ts): the grid reads a point of the rows it
	// shows, only --json every month's signals.
	`
	CREATE TABLE spc (
		as_of TEXT NOT NULL,
		team TEXT NOT NULL,
		indicator TEXT NOT NULL,
		result TEXT NOT NULL,
		points TEXT NOT NULL,
		signals TEXT NOT NULL,
		PRIMARY KEY (as_of, team, indicator)
	) STRICT, WITHOUT ROWID;
	`,
];

// The oldest schema the console can read as it is: later migrations only add indexes, columns and tables.
export const READABLE_FROM = 1;

export const SCHEMA_VERSION = MIGRATIONS.length;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Refuse, untouched, a file that is not a SQLite database at all (before SQLite sees it). */
export function checkFileIsStore(path: string): void {
	let stat: fs.Stats;
	try {
		// Not followed: a symbolic link is the store only if this user or root made it (Connection.open checks).
		stat = fs.lstatSync(path);
		if (stat.isSymbolicLink()) stat = fs.statSync(path);
	} catch {
		return;
	}
	if (!stat.isFile()) throw new StoreError(`${path}: not a scorecard store (not a file)`);
	if (stat.size === 0) return;
	const fd = fs.openSync(path, 'r');
	try {
		const header = Buffer.alloc(16);
		fs.readSync(fd, header, 0, 16, 0);
		if (header.toString('latin1') !== SQLITE_HEADER) throw new StoreError(`${path}: not a scorecard store (not a SQLite database)`);
	} finally {
		fs.closeSync(fd);
	}
}

type Pragmas = {application_id: number; user_version: number; tables: number};

async function readPragmas(connection: Connection): Promise<Pragmas> {
	const app = await connection.get<{application_id: number}>('PRAGMA application_id');
	const version = await connection.get<{user_version: number}>('PRAGMA user_version');
	const tables = await connection.get<{n: number}>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
	return {application_id: app?.application_id ?? 0, user_version: version?.user_version ?? 0, tables: tables?.n ?? 0};
}

/** For readers: the file must be a scorecard store this version understands, already migrated. */
export async function checkStore(connection: Connection): Promise<void> {
	const pragmas = await readPragmas(connection).catch((error: Error) => {
		throw new StoreError(`${connection.path}: not a scorecard store (${error.message})`);
	});
	if (pragmas.application_id !== APPLICATION_ID) {
		if (pragmas.tables === 0) throw new StoreError(`${connection.path}: the store is empty (load some data first: npm run load -- FILE...)`);
		throw new StoreError(`${connection.path}: not a scorecard store`);
	}
	if (pragmas.user_version > SCHEMA_VERSION) {
		throw new StoreError(`${connection.path}: made by a newer scorecard (schema ${pragmas.user_version}, this one knows ${SCHEMA_VERSION}): upgrade scorecard`);
	}
	if (pragmas.user_version < READABLE_FROM) {
		throw new StoreError(`${connection.path}: the store needs upgrading (schema ${pragmas.user_version}): run npm run load once`);
	}
	// Before any row is read: every table, view, trigger and index must be the migrations' own.
	await connection.bounded(() => guardSchema(connection, MIGRATIONS));
}

/** For the loader: create or upgrade the schema; refuse foreign or newer files untouched. */
export async function migrate(connection: Connection): Promise<void> {
	const pragmas = await readPragmas(connection).catch((error: Error) => {
		throw new StoreError(`${connection.path}: not a scorecard store (${error.message})`);
	});
	if (pragmas.application_id !== APPLICATION_ID && pragmas.tables > 0) {
		throw new StoreError(`${connection.path}: not a scorecard store`);
	}
	if (pragmas.user_version > SCHEMA_VERSION) {
		throw new StoreError(`${connection.path}: made by a newer scorecard (schema ${pragmas.user_version}, this one knows ${SCHEMA_VERSION}): upgrade scorecard`);
	}
	// A loader never writes through a trigger (or into a view) it did not make.
	if (pragmas.user_version > 0) await connection.bounded(() => guardSchema(connection, MIGRATIONS));
	// The journal mode (a rollback journal, for read-only teammates) is set by Connection.open.
	for (let version = pragmas.user_version; version < SCHEMA_VERSION; version++) {
		await connection.transaction(async () => {
			// Checked again inside the write lock: no one can change the schema between check and migration.
			if (version > 0) await guardSchema(connection, MIGRATIONS);
			await connection.exec(MIGRATIONS[version]!);
			// The worker key is not the store's: it is in the loaders' key file (loader/key-file.ts).
			if (version === 0) await connection.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['created_at', new Date().toISOString()]);
			// PRAGMAs take no parameters; both are integers we own.
			await connection.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${version + 1}`);
		});
		forgetVerified(connection);
	}
}

/** For the loader, inside its write transaction: the schema is still the migrations' (throws a StoreError naming a stranger). */
export async function checkSchema(connection: Connection): Promise<void> {
	await guardSchema(connection, MIGRATIONS);
}

/**
 * A dry run never writes the store, yet validates against the schema this version writes: for a
 * store of an older schema (checked by checkStore), a copy in the temp folder, migrated; null when
 * the store is already current. `close` removes the copy.
 */
export async function migratedCopy(connection: Connection): Promise<{connection: Connection; close: () => Promise<void>} | null> {
	const version = await connection.get<{user_version: number}>('PRAGMA user_version');
	if ((version?.user_version ?? 0) >= SCHEMA_VERSION) return null;
	const dir = fs.mkdtempSync(nodePath.join(process.env['SQLITE_TMPDIR'] ?? os.tmpdir(), 'scorecard-dry-run-'));
	const remove = () => fs.rmSync(dir, {recursive: true, force: true});
	try {
		const path = nodePath.join(dir, 'store.db');
		// VACUUM INTO reads the store in one read transaction: a consistent copy, the store untouched.
		await connection.run('VACUUM INTO ?', [path]);
		const copy = await Connection.open(path, {readonly: false});
		try {
			await migrate(copy);
		} catch (error) {
			await copy.close().catch(() => undefined);
			throw error;
		}
		return {
			connection: copy,
			close: async () => {
				await copy.close().catch(() => undefined);
				remove();
			},
		};
	} catch (error) {
		remove();
		throw error;
	}
}
