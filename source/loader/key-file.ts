import crypto from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import {StoreError, type Connection} from '../store/connection.js';
import {dropWorkerSecret} from '../store/writes.js';
import {hasCaseloads, readWorkerSecret} from '../store/load-reads.js';

// The key of the worker-reference hashes lives outside the store, in a file only loaders can
// read: a reader of the store (every teammate) cannot test guessed references against it.

/** `SCORECARD_KEY_FILE`, else the store's path + `.key`. */
export function keyFilePath(store: string): string {
	const configured = process.env['SCORECARD_KEY_FILE'];
	return configured !== undefined && configured.trim() !== '' ? configured : `${store}.key`;
}

/** The key, or null when there is no key file yet. */
export function readKey(path: string): string | null {
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		if (code === 'EACCES' || code === 'EPERM') throw new StoreError(`${path}: cannot read the worker key file (permission denied): only loaders can; see the README's shared server section`);
		throw new StoreError(`${path}: cannot read the worker key file (${code ?? String(error)})`);
	}
	const key = text.trim();
	if (!/^[0-9a-f]{64}$/.test(key)) throw new StoreError(`${path}: the worker key file is damaged (it should hold 64 hex digits)`);
	return key;
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
			fs.linkSync(temporary, path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const existing = readKey(path);
			if (existing !== null) return existing;
		}
		return key;
	} catch (error) {
		if (error instanceof StoreError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new StoreError(`${path}: cannot write the worker key file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))})`);
	} finally {
		fs.rmSync(temporary, {force: true});
	}
}

/**
 * The worker key for a load: the key file's; a store made before the key file gives its stored
 * key to a new key file and forgets it (VACUUM, so its bytes leave the file); the first load makes one.
 */
export async function prepareKey(store: string, connection: Connection, needed: boolean): Promise<string | null> {
	const path = keyFilePath(store);
	const stored = await readWorkerSecret(connection);
	const key = readKey(path);
	if (stored !== null) {
		const moved = key ?? createKey(path, stored);
		if (moved !== stored) throw new StoreError(`${path}: this worker key file is not the key ${store} was made with: nothing was loaded (set SCORECARD_KEY_FILE to the store's own key file)`);
		await dropWorkerSecret(connection);
		return moved;
	}
	if (key !== null) return key;
	// A store copied without its key still takes loads that have no caseloads.
	if (await hasCaseloads(connection)) {
		if (needed) throw missingKey(store, path);
		return null;
	}
	return createKey(path);
}

/** A dry run writes nothing, a key file neither: with no key yet, nothing stored needs one. */
export async function dryRunKey(store: string, connection: Connection, needed: boolean): Promise<string | null> {
	const path = keyFilePath(store);
	const key = readKey(path) ?? (await readWorkerSecret(connection));
	if (key !== null) return key;
	if (await hasCaseloads(connection)) {
		if (needed) throw missingKey(store, path);
		return null;
	}
	return createRandomKey();
}

const missingKey = (store: string, path: string) =>
	new StoreError(`${path}: the worker key file is missing, and ${store}'s caseloads were hashed with it: restore it (or set SCORECARD_KEY_FILE to where it is)`);

export const createRandomKey = (): string => crypto.randomBytes(32).toString('hex');
