import fs from 'node:fs';
import nodePath from 'node:path';

// Why a store cannot be opened, in the reader's words: each cause its own line, so that a teammate
// on the shared server knows whom to ask. Only a file that is not a store is "not a scorecard store".

export const SHARED_SERVER_HINT = "ask the store's owner; see the README's shared server section";

/** A user's mistake about the store (missing, not a store, too new): shown as one line. */
export class StoreError extends Error {
	override name = 'StoreError';
}

const errorCode = (error: unknown): string => (error as {code?: string} | null)?.code ?? '';

/** Before SQLite sees the path: a folder, a missing file, no permission (throws StoreError). */
export function checkReadable(path: string): void {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(path);
	} catch (error) {
		if (errorCode(error) === 'EACCES') throw new StoreError(`${path}: no permission to reach the store (${SHARED_SERVER_HINT})`);
		if (errorCode(error) === 'ENOTDIR') throw new StoreError(`${path}: no store here (a part of the path is a file, not a folder)`);
		throw new StoreError(`${path}: no store here (load some data first: scorecard-load FILE...)`);
	}
	if (stat.isDirectory()) throw new StoreError(`${path}: is a folder; give the store file (e.g. ${nodePath.join(path, 'scorecard.db')})`);
	if (!stat.isFile()) throw new StoreError(`${path}: not a scorecard store (not a file)`);
	try {
		fs.accessSync(path, fs.constants.R_OK);
	} catch {
		throw new StoreError(`${path}: no permission to read the store (${SHARED_SERVER_HINT})`);
	}
}

/**
 * Whether the store's folder is on read-only media (a read-only mount, a CD, a snapshot). For a
 * user without write permission access() says EACCES, not EROFS, so Linux's mount table decides.
 */
export function onReadOnlyMedia(path: string): boolean {
	let folder: string;
	try {
		folder = fs.realpathSync(nodePath.dirname(nodePath.resolve(path)));
	} catch {
		return false;
	}
	let table: string;
	try {
		table = fs.readFileSync('/proc/self/mountinfo', 'utf8');
	} catch {
		try {
			fs.accessSync(folder, fs.constants.W_OK);
			return false;
		} catch (error) {
			return errorCode(error) === 'EROFS';
		}
	}
	// The mount holding the folder is the one with the longest mount point that contains it.
	let best = {point: '', readonly: false};
	for (const entry of table.split('\n')) {
		const fields = entry.split(' ');
		const point = (fields[4] ?? '').replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
		if (!point || point.length < best.point.length) continue;
		if (folder !== point && !folder.startsWith(point.endsWith('/') ? point : `${point}/`)) continue;
		best = {point, readonly: (fields[5] ?? '').split(',').includes('ro')};
	}
	return best.readonly;
}

/** Whether this user may create files beside the store (SQLite's -wal, -shm and -journal). */
export function folderWritable(path: string): boolean {
	try {
		fs.accessSync(nodePath.dirname(path), fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * SQLite's error on a store's first read, as one line naming the cause. `wal` says whether the
 * file is in WAL mode (its header's read version is 2), which readers that cannot write beside it
 * cannot open.
 */
export function describeOpenError(path: string, error: unknown): StoreError {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message.replace(/^SQLITE_\w+: /, '') : String(error);
	if (code === 'SQLITE_NOTADB') return new StoreError(`${path}: not a scorecard store (not a SQLite database)`);
	if (code === 'SQLITE_CORRUPT') return new StoreError(`${path}: the store is damaged (${message}); restore it from a backup`);
	if (code === 'SQLITE_BUSY') return new StoreError(`${path}: the store stayed busy (a load is writing to it); try again`);
	if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
		if (walMode(path) && !folderWritable(path)) {
			return new StoreError(`${path}: the store is in WAL mode, which needs a writable folder; the next load converts it (${SHARED_SERVER_HINT})`);
		}
		if (fs.existsSync(`${path}-journal`)) {
			return new StoreError(`${path}: a load was interrupted; a loader must run once to roll it back (${SHARED_SERVER_HINT})`);
		}
		return new StoreError(`${path}: cannot read the store (${message}; ${SHARED_SERVER_HINT})`);
	}
	if (code === 'SQLITE_IOERR') return new StoreError(`${path}: cannot read the store: the disk reported an error (${message})`);
	return new StoreError(`${path}: cannot open the store (${message})`);
}

/** The header's file format read version: 2 is WAL, 1 a rollback journal. */
export function walMode(path: string): boolean {
	try {
		const fd = fs.openSync(path, 'r');
		try {
			const header = Buffer.alloc(20);
			fs.readSync(fd, header, 0, 20, 0);
			return header.toString('latin1', 0, 15) === 'SQLite format 3' && header[19] === 2;
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return false;
	}
}
