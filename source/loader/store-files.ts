import fs from 'node:fs';
import nodePath from 'node:path';

// The files of a store a first load builds beside its place (see load.ts loadIntoNewStore).

/** Stores a killed first load was building: their process is gone. */
export function removeAbandoned(dir: string, name: string): void {
	let entries: string[];
	try {
		entries = fs.readdirSync(dir);
	} catch {
		return;
	}
	const prefix = `.${name}.new-`;
	for (const entry of entries) {
		if (!entry.startsWith(prefix)) continue;
		const pid = Number(entry.slice(prefix.length).split('-')[0]);
		if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
		fs.rmSync(nodePath.join(dir, entry), {force: true});
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function isEmptyFile(path: string): boolean {
	try {
		return fs.statSync(path).size === 0;
	} catch {
		return false;
	}
}

/** The store file and its WAL, shared-memory and journal files. */
export function removeStore(path: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${path}${suffix}`, {force: true});
}
