import fs from 'node:fs';
import nodePath from 'node:path';
import {StoreError} from '../store/connection.js';
import {groupName, modeAndOwner, userName, whoami} from '../store/store-access.js';

// The files of a store a first load builds beside its place (see load.ts loadIntoNewStore). The
// store's folder is shared with the other loaders of the group: nothing found there is followed
// (a symbolic link) or taken for ours (a folder, a FIFO, another user's link); such entries are
// named in a warning and left alone, never a reason to fail.

/** Stores a killed first load was building (their process is gone) are removed; returns warnings for what is left alone. */
export function removeAbandoned(dir: string, name: string): string[] {
	let entries: string[];
	try {
		entries = fs.readdirSync(dir);
	} catch {
		return [];
	}
	const warnings: string[] = [];
	const prefix = `.${name}.new-`;
	for (const entry of entries) {
		if (!entry.startsWith(prefix)) continue;
		const pid = Number(entry.slice(prefix.length).split('-')[0]);
		if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
		const warning = removeIfFile(nodePath.join(dir, entry));
		if (warning !== null) warnings.push(warning);
	}
	return warnings;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes a regular file, or a symbolic link itself (never what it leads to); anything else is named, not removed. */
function removeIfFile(path: string): string | null {
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(path);
	} catch {
		return null;
	}
	const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isFile() || stat.isSymbolicLink() ? null : 'not a file';
	if (what !== null) return `left alone: ${path} is ${what} (owner ${userName(stat.uid)}) where a loader keeps its build files; no loader made it: ask its owner to remove it`;
	try {
		fs.unlinkSync(path);
		return null;
	} catch (error) {
		return `left alone: ${path} (a build file of a load that stopped) could not be removed (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
	}
}

export function isEmptyFile(path: string): boolean {
	try {
		const stat = fs.lstatSync(path);
		return stat.isFile() && stat.size === 0;
	} catch {
		return false;
	}
}

/**
 * Creates the file a new store is built in: exclusively (O_EXCL: whatever is at the name, a
 * planted link included, makes it fail rather than be followed), with the mode the umask gives,
 * or the mode and group of an empty store file made beforehand (an administrator's 640, say),
 * which the built store will replace.
 */
export function createBuildFile(building: string, store: string): {replacesEmpty: boolean} {
	let mode = 0o666 & ~process.umask();
	let gid: number | undefined;
	let replacesEmpty = false;
	if (isEmptyFile(store)) {
		const stat = fs.lstatSync(store);
		replacesEmpty = true;
		mode = stat.mode & 0o777;
		gid = stat.gid;
	}
	let fd: number;
	try {
		fd = fs.openSync(building, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, mode);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const folder = nodePath.dirname(store);
		if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
			const found = modeAndOwner(folder);
			throw new StoreError(
				`${store}: cannot make the store: ${whoami()} may not create files in its folder ${folder}${found ? ` (${found})` : ''}${code === 'EROFS' ? ', a read-only file system' : ''}: ask the folder's owner (see the README's shared server section); nothing was loaded`,
			);
		}
		if (code === 'ENOENT') throw new StoreError(`${store}: cannot make the store: the folder ${folder} does not exist; nothing was loaded`);
		throw new StoreError(`${store}: cannot make the store in ${folder} (${code ?? String(error)}); nothing was loaded`);
	}
	try {
		// The umask may have taken bits the mode asked for: set exactly.
		fs.fchmodSync(fd, mode);
		if (gid !== undefined) {
			try {
				fs.fchownSync(fd, -1, gid);
			} catch {
				// Not a member of that group: the folder's group (setgid) or this user's stays.
			}
		}
	} finally {
		fs.closeSync(fd);
	}
	return {replacesEmpty};
}

/** The store file and its WAL, shared-memory and journal files; returns warnings for anything there that is not a file. */
export function removeStore(path: string): string[] {
	const warnings: string[] = [];
	for (const suffix of ['', '-wal', '-shm', '-journal']) {
		const warning = removeIfFile(`${path}${suffix}`);
		if (warning !== null) warnings.push(warning);
	}
	return warnings;
}

/**
 * A store made in a folder the loaders' group shares (setgid or group-writable) that the group
 * cannot write (made under umask 022): the next loader could not load into it. Null when fine.
 */
export function groupSharingWarning(store: string): string | null {
	let file: fs.Stats;
	let folder: fs.Stats;
	try {
		file = fs.statSync(store);
		folder = fs.statSync(nodePath.dirname(store));
	} catch {
		return null;
	}
	const shared = (folder.mode & 0o2000) !== 0 || (folder.mode & 0o020) !== 0;
	if (!shared || (file.mode & 0o020) !== 0) return null;
	const umask = process.umask().toString(8).padStart(3, '0');
	return (
		`${store}: made with mode ${(file.mode & 0o777).toString(8)} (this user's umask is ${umask}) in a folder the group ${groupName(folder.gid)} shares: ` +
		`other loaders cannot load into it: run chmod g+w on it once, and load with umask 002 (see the README's shared server section)`
	);
}
