import crypto from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import {StoreError, type Connection} from '../store/connection.js';
import {KEYED_PREFIX, readKeyCheck, writeKeyCheck} from '../store/key-check.js';
import {checkNotPlanted} from '../store/store-access.js';
import {dropWorkerSecret} from '../store/writes.js';
import {hasCaseloads, readWorkerSecret} from '../store/load-reads.js';

// The key of the worker-reference hashes lives outside the store, in a file only loaders can
// read: a reader of the store (every teammate) cannot test guessed references against it.

/** `SCORECARD_KEY_FILE`, else the store's path + `.key`. */
export function keyFilePath(store: string): string {
	const configured = process.env['SCORECARD_KEY_FILE'];
	return configured !== undefined && configured.trim() !== '' ? configured : `${store}.key`;
}

/**
 * The key, or null when there is no key file yet. Read without following a symbolic link another
 * user made (it may be planted), never blocking on something that is not a file (a FIFO), and a
 * link that leads nowhere is refused: a load must never make a key it cannot save.
 */
export function readKey(path: string): string | null {
	checkNotPlanted(path, 'the worker key file');
	let fd: number;
	try {
		fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			if (isLink(path)) throw new StoreError(`${path}: refused: the worker key file is a symbolic link that leads nowhere (to ${linkTarget(path)}): remove it, or put the key file back where it leads; nothing was loaded`);
			return null;
		}
		if (code === 'EACCES' || code === 'EPERM') throw new StoreError(`${path}: cannot read the worker key file (permission denied): only loaders can; see the README's shared server section`);
		throw new StoreError(`${path}: cannot read the worker key file (${code ?? String(error)})`);
	}
	let text: string;
	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) throw new StoreError(`${path}: refused: the worker key file is not a file (${stat.isDirectory() ? 'a folder' : 'not a regular file'}): remove it; nothing was loaded`);
		// A key file is 65 bytes: anything much longer is not one, and is not read whole.
		const buffer = Buffer.alloc(256);
		const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
		text = buffer.toString('utf8', 0, length);
	} finally {
		fs.closeSync(fd);
	}
	const key = text.trim();
	if (!/^[0-9a-f]{64}$/.test(key)) throw new StoreError(`${path}: the worker key file is damaged (it should hold 64 hex digits)`);
	return key;
}

function isLink(path: string): boolean {
	try {
		return fs.lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

function linkTarget(path: string): string {
	try {
		return fs.readlinkSync(path);
	} catch {
		return '?';
	}
}

/**
 * Write `key` (a new random one by default) as the key file, unless one appeared meanwhile:
 * then that one is the key. Mode 0600, or 0640 when the folder is setgid (a team's group folder,
 * where other loaders of the group read it). Written beside and linked into place, so no one
 * ever reads a half-written key.
 */
export function createKey(path: string, key = crypto.randomBytes(32).toString('hex')): string {
	const dir = nodePath.dirname(path);
	let mode = 0o600;
	try {
		if ((fs.statSync(dir).mode & 0o2000) !== 0) mode = 0o640;
	} catch {
		// The folder's own problem is reported by the write below.
	}
	const temporary = nodePath.join(dir, `.${nodePath.basename(path)}.new-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
	try {
		const fd = fs.openSync(temporary, 'wx', mode);
		try {
			// The umask may have taken bits the mode asked for, never added any: set exactly.
			fs.fchmodSync(fd, mode);
			fs.writeSync(fd, `${key}\n`);
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
		try {
			// link() never follows what is already at `path`: anything there (a key file another
			// load made meanwhile, a planted link) is read, or refused, by readKey.
			fs.linkSync(temporary, path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const existing = readKey(path);
			if (existing !== null) return existing;
			throw new StoreError(`${path}: could not save the worker key file (something else is in its place): nothing was loaded`);
		}
		// Saved, or the load stops here: a load never hashes workers with a key it could not keep.
		if (readKey(path) !== key) throw new StoreError(`${path}: the worker key file did not read back as written: nothing was loaded`);
		return key;
	} catch (error) {
		if (error instanceof StoreError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new StoreError(`${path}: cannot write the worker key file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))})`);
	} finally {
		fs.rmSync(temporary, {force: true});
	}
}

/** The key's fingerprint as the store keeps it: keyed by the key itself, useless without it. */
export function keyFingerprint(key: string): string {
	return crypto.createHmac('sha256', key).update('scorecard worker key check').digest('hex');
}

/** A file's SHA-256 as the load log keeps it for a file with personal data: keyed, so a reader cannot test guesses. */
export function keyedDigest(key: string, sha256: string): string {
	return `${KEYED_PREFIX}${crypto.createHmac('sha256', key).update(`file ${sha256}`).digest('hex')}`;
}

/**
 * The worker key for a load: the key file's; a store made before the key file gives its stored
 * key to a new key file and forgets it (VACUUM, so its bytes leave the file); the first load makes one.
 * A key file whose fingerprint is not the store's is refused when the load needs the key (and
 * not used when it does not). Null: no key for this load (it has no caseloads).
 */
export async function prepareKey(store: string, connection: Connection, needed: boolean): Promise<string | null> {
	const path = keyFilePath(store);
	const stored = await readWorkerSecret(connection);
	const check = await readKeyCheck(connection);
	if (stored !== null) {
		const moved = readKey(path) ?? createKey(path, stored);
		if (moved !== stored) throw new StoreError(`${path}: this worker key file is not the key ${store} was made with: nothing was loaded (set SCORECARD_KEY_FILE to the store's own key file)`);
		await dropWorkerSecret(connection);
		return moved;
	}
	let key: string | null;
	try {
		key = readKey(path);
	} catch (error) {
		// A load that hashes no worker does not need the key: one that cannot be read (or is refused)
		// is left alone, and the load goes on without it (its personal files' fingerprints left out).
		if (needed || !(error instanceof StoreError)) throw error;
		return null;
	}
	if (key !== null) return matching(store, path, key, check, needed);
	// A store copied without its key still takes loads that have no caseloads.
	if (check !== null || (await hasCaseloads(connection))) {
		if (needed) throw missingKey(store, path);
		return null;
	}
	return createKey(path);
}

/**
 * Inside the load's transaction (no other load can write meanwhile): the key is still the one the
 * store records, or it is recorded now if the store records none. Returns the key to use.
 */
export async function confirmKey(store: string, connection: Connection, key: string | null, needed: boolean): Promise<string | null> {
	if (key === null) return null;
	const check = await readKeyCheck(connection);
	if (check === null) {
		await writeKeyCheck(connection, keyFingerprint(key));
		return key;
	}
	return matching(store, keyFilePath(store), key, check, needed);
}

function matching(store: string, path: string, key: string, check: string | null, needed: boolean): string | null {
	if (check === null || check === keyFingerprint(key)) return key;
	if (needed) {
		throw new StoreError(
			`${path}: refused: this worker key file is not ${store}'s (the store keeps its key's fingerprint, and this key's differs): nothing was loaded; set SCORECARD_KEY_FILE to the store's own key file, or restore it from a backup`,
		);
	}
	return null;
}

/** A dry run writes nothing, a key file neither: with no key yet, nothing stored needs one. */
export async function dryRunKey(store: string, connection: Connection, needed: boolean): Promise<string | null> {
	const path = keyFilePath(store);
	const fromFile = readKey(path);
	const check = await readKeyCheck(connection);
	if (fromFile !== null) return matching(store, path, fromFile, check, needed);
	const key = await readWorkerSecret(connection);
	if (key !== null) return key;
	if (check !== null || (await hasCaseloads(connection))) {
		if (needed) throw missingKey(store, path);
		return null;
	}
	return createRandomKey();
}

const missingKey = (store: string, path: string) =>
	new StoreError(`${path}: the worker key file is missing, and ${store}'s caseloads were hashed with it: restore it (or set SCORECARD_KEY_FILE to where it is)`);

export const createRandomKey = (): string => crypto.randomBytes(32).toString('hex');
