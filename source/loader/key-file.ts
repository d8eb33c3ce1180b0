import crypto from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import {StoreError} from '../store/connection.js';

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
