import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import {displayLine} from '../domain/text.js';

// Why a store cannot be opened, in the reader's words: each cause its own line, so that a teammate
// on the shared server knows whom to ask. Only a file that is not a store is "not a scorecard store".

export const SHARED_SERVER_HINT = "ask the store's owner; see the README's shared server section";

/** A user's mistake about the store (missing, not a store, too new): shown as one line, every path in it made safe to show. */
export class StoreError extends Error {
	override name = 'StoreError';
	constructor(message: string) {
		super(displayLine(message));
	}
}

const errorCode = (error: unknown): string => (error as {code?: string} | null)?.code ?? '';

/** Before SQLite sees the path: a folder, a missing file, no permission (throws StoreError). */
export function checkReadable(path: string): void {
	checkNotPlanted(path, 'the store');
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
	if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
		if (walMode(path) && !folderWritable(path)) {
			return new StoreError(`${path}: the store is in WAL mode, which needs a writable folder; the next load converts it (${SHARED_SERVER_HINT})`);
		}
		if (fs.existsSync(`${path}-journal`)) {
			return new StoreError(`${path}: a load was interrupted; a loader must run once to roll it back (${SHARED_SERVER_HINT})`);
		}
		const found = modeAndOwner(path);
		return new StoreError(`${path}: cannot read the store (${message}${found ? `; it is ${found}` : ''}; ${SHARED_SERVER_HINT})`);
	}
	return describeCommonError(path, code, message) ?? new StoreError(`${path}: cannot open the store (${message})`);
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

// Who owns what, in the words `ls -l` uses: a message about permissions says what was found.
function namesIn(file: string): Map<number, string> {
	const names = new Map<number, string>();
	try {
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			const [name, , id] = line.split(':');
			if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
		}
	} catch {
		// Without the file, ids are shown as numbers.
	}
	return names;
}

export const userName = (uid: number): string => namesIn('/etc/passwd').get(uid) ?? `uid ${uid}`;
export const groupName = (gid: number): string => namesIn('/etc/group').get(gid) ?? `gid ${gid}`;

export function whoami(): string {
	try {
		return os.userInfo().username;
	} catch {
		return `uid ${process.getuid?.() ?? '?'}`;
	}
}

/** `mode 644, owner alice, group team` (`mode 2775` for a setgid folder), or '' when it cannot be seen. */
export function modeAndOwner(path: string): string {
	try {
		const stat = fs.statSync(path);
		return `mode ${(stat.mode & 0o7777).toString(8)}, owner ${userName(stat.uid)}, group ${groupName(stat.gid)}`;
	} catch {
		return '';
	}
}

/**
 * A symbolic link in a shared folder may have been planted by another user there: it is
 * followed only when this user or root made it. Throws a StoreError naming it otherwise.
 */
export function checkNotPlanted(path: string, what: string): void {
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(path);
	} catch {
		return;
	}
	if (!stat.isSymbolicLink()) return;
	const me = process.getuid?.();
	if (me === undefined || stat.uid === me || stat.uid === 0) return;
	throw new StoreError(
		`${path}: refused: ${what} is a symbolic link made by ${userName(stat.uid)}, not by ${whoami()} or root (it may have been planted): remove it, or give the file's own path`,
	);
}

/** Whether this user may write the file (false when it cannot be seen). */
function writable(path: string): boolean {
	try {
		fs.accessSync(path, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * SQLite's error while a loader opens or writes the store, as one line naming what the user can
 * act on: the permission found (mode, owner, group), a damaged file, a store in use, a full disk.
 */
export function describeWriteError(path: string, error: unknown): StoreError {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message.replace(/^SQLITE_\w+: /, '') : String(error);
	const folder = nodePath.dirname(path);
	if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
		if (onReadOnlyMedia(path)) return new StoreError(`${path}: cannot load: the store is on a read-only file system (read-only media or mount); nothing was loaded`);
		if (fs.existsSync(path) && !writable(path)) {
			const groupWritable = (fs.statSync(path).mode & 0o020) !== 0;
			const fix = groupWritable
				? `a loader must be in its group ${groupName(fs.statSync(path).gid)}`
				: 'its owner can run chmod g+w on it (loaders share a store through its group: load with umask 002)';
			return new StoreError(
				`${path}: cannot load: the store is ${modeAndOwner(path)}, and ${whoami()} may not write it: ${fix} (see the README's shared server section); nothing was loaded`,
			);
		}
		if (!folderWritable(path)) {
			return new StoreError(
				`${path}: cannot load: its folder ${folder} is ${modeAndOwner(folder)}, and ${whoami()} may not create files there (a load writes its journal beside the store): ask the folder's owner (see the README's shared server section); nothing was loaded`,
			);
		}
		return new StoreError(`${path}: cannot load: the store cannot be written (${message}); nothing was loaded`);
	}
	return describeCommonError(path, code, message) ?? new StoreError(`${path}: cannot load: ${message}; nothing was loaded`);
}

/** The causes readers and loaders share; undefined for the ones they say differently. */
function describeCommonError(path: string, code: string, message: string): StoreError | undefined {
	if (code === 'SQLITE_NOTADB') return new StoreError(`${path}: not a scorecard store (not a SQLite database)`);
	if (code === 'SQLITE_CORRUPT') return new StoreError(`${path}: the store is damaged (${message}); restore it from a backup`);
	if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new StoreError(`${path}: the store is in use (a load is writing to it) and stayed busy: try again in a moment`);
	if (code === 'SQLITE_FULL') return new StoreError(`${path}: the disk is full (the store's or the temporary files' disk): nothing was written`);
	if (code === 'SQLITE_IOERR') return new StoreError(`${path}: the disk reported an error reading or writing the store (${message})`);
	if (code === 'SQLITE_TOOBIG') {
		return new StoreError(`${path}: refused: the store holds a value longer than any a loader writes (${message}); it may have been tampered with (restore it from a backup)`);
	}
	if (code === 'SQLITE_INTERRUPT') return new StoreError(`${path}: the read was stopped: it took too long (${message})`);
	return undefined;
}
