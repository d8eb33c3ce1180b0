import fs from 'node:fs';
import nodePath from 'node:path';
import {describeDbSource, resolveKeyFile, storeSettingHint, type DbSource} from './config.js';
import {formatPeriod} from './domain/periods.js';
import {Connection, StoreError} from './store/connection.js';
import {SCHEMA_VERSION, checkStore} from './store/migrations.js';
import {readLastLoad, readPeriods} from './store/queries.js';
import {describeOpenError, folderWritable, groupName, modeAndOwner, onReadOnlyMedia, walMode, whoami} from './store/store-access.js';
import {displayLine} from './domain/text.js';

// `scorecard doctor`: what a teammate on the shared server (or whoever helps them) needs to know
// about the store from where they stand, one line each. Fails (exit 1) when reading would.

export type DoctorReport = {lines: string[]; ok: boolean};


const when = (iso: string): string => (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso);

// Paths and what the store holds may contain anything: every line is made safe to show.
const line = (label: string, text: string) => displayLine(`${label.padEnd(11)}${text}`);

export async function runDoctor(source: DbSource, env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
	const lines = [line('store', `${nodePath.resolve(source.path)} (${describeDbSource(source)})`)];
	let ok = true;
	let connection: Connection | undefined;
	try {
		connection = await Connection.open(source.path, {readonly: true});
		await checkStore(connection);
		const version = await connection.get<{user_version: number}>('PRAGMA user_version');
		lines.push(line('schema', `version ${version?.user_version ?? 0} (this scorecard knows ${SCHEMA_VERSION})`));
		const periods = await readPeriods(connection);
		if (periods.length === 0) {
			ok = false;
			lines.push(line('months', 'none: no figures loaded yet'));
		} else {
			lines.push(line('months', `${periods.length}: ${formatPeriod(periods[0]!)} to ${formatPeriod(periods.at(-1)!)}`));
		}
		const load = await readLastLoad(connection);
		lines.push(line('last load', load ? `${when(load.loadedAt)} by ${load.osUser}` : 'none'));
		lines.push(line('read', `yes, as ${whoami()}`));
		lines.push(line('live', liveLine(source.path, connection.live)));
	} catch (error) {
		ok = false;
		const code = (error as {code?: unknown} | null)?.code;
		const named = typeof code === 'string' && code.startsWith('SQLITE_') ? describeOpenError(source.path, error) : error;
		const message =
			source.from === 'default' && !fs.existsSync(source.path)
				? `no store at ${source.path}; ${storeSettingHint()}`
				: named instanceof StoreError
					? named.message.replace(`${displayLine(source.path)}: `, '')
					: `unexpected error: ${String(error)}`;
		lines.push(line('read', `no, as ${whoami()}: ${message}`));
	} finally {
		await connection?.close().catch(() => undefined);
	}
	lines.push(line('load here', loadLine(source.path)));
	const sharing = sharingLine(source.path);
	if (sharing !== null) lines.push(line('sharing', sharing));
	lines.push(line('key file', keyLine(resolveKeyFile(source.path, env), env)));
	return {lines, ok};
}

const canWrite = (path: string): boolean => {
	try {
		fs.accessSync(path, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
};

/** A load needs both: the folder (for its journal) and the store file itself. */
function loadLine(path: string): string {
	if (!folderWritable(path)) return 'no: the folder is not writable here (only loaders need to)';
	if (fs.existsSync(path) && !canWrite(path)) return `no: the store is ${modeAndOwner(path)}, not writable by ${whoami()} (a loader needs it group-writable: chmod g+w)`;
	return 'yes: this user can write the store and its folder';
}

/**
 * Where loaders share the store (its folder setgid or group-writable), the store must be
 * group-writable too, or only the loader who made it (under umask 022) can load: said here.
 */
function sharingLine(path: string): string | null {
	let file: fs.Stats;
	let folder: fs.Stats;
	try {
		file = fs.statSync(path);
		folder = fs.statSync(nodePath.dirname(path));
	} catch {
		return null;
	}
	const shared = (folder.mode & 0o2000) !== 0 || (folder.mode & 0o020) !== 0;
	if (!shared) return null;
	const group = groupName(folder.gid);
	if ((file.mode & 0o020) === 0) {
		return `warning: the folder is shared by group ${group} but the store is ${modeAndOwner(path)}: other loaders cannot load into it; its owner can run chmod g+w on it (and load with umask 002)`;
	}
	if (file.gid !== folder.gid) return `warning: the store's group is ${groupName(file.gid)}, not the folder's ${group}: loaders of ${group} may not be able to load (chgrp ${group} the store)`;
	return `ok: the store is group-writable (${modeAndOwner(path)}) for the loaders of ${group}`;
}

function liveLine(path: string, live: boolean): string {
	if (!live) return 'off: a WAL store on read-only media (it cannot change there)';
	if (walMode(path)) return 'yes, while this user can write the folder (WAL store; the next load makes it a rollback journal)';
	return onReadOnlyMedia(path) ? 'yes (read-only media: it will not change)' : 'yes: the console notices each load within a second or two';
}

function keyLine(file: string, env: NodeJS.ProcessEnv): string {
	const how = env['SCORECARD_KEY_FILE']?.trim() ? 'SCORECARD_KEY_FILE' : 'beside the store';
	const where = `${nodePath.resolve(file)} (${how})`;
	if (!fs.existsSync(file)) {
		// A folder this user cannot list hides it as well as a missing one.
		return `${where}: not found here (not needed to read; the first load makes it)`;
	}
	let readable = true;
	try {
		fs.accessSync(file, fs.constants.R_OK);
	} catch {
		readable = false;
	}
	// Anyone who can read the key and the store can test guessed worker references against it.
	let mode = 0;
	try {
		mode = fs.statSync(file).mode & 0o777;
	} catch {
		// Gone since: nothing to warn of.
	}
	if ((mode & 0o004) !== 0) {
		return `${where}: WARNING: readable by every user (mode ${mode.toString(8).padStart(4, '0')}); only loaders should read it: chmod o-r ${nodePath.resolve(file)}`;
	}
	return readable ? `${where}: readable (loaders need it; readers never do)` : `${where}: not readable here (not needed to read)`;
}
