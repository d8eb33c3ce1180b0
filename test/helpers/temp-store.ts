import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Connection} from '../../source/store/connection.js';
import {runLoad, type LoadOptions, type LoadResult} from '../../source/loader/load.js';

const made: string[] = [];
let cleanupRegistered = false;

/** A fresh directory under the system temp dir, removed when the test process exits. */
export function tempDir(prefix = 'scorecard-test-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	made.push(dir);
	if (!cleanupRegistered) {
		cleanupRegistered = true;
		process.on('exit', () => {
			for (const each of made) fs.rmSync(each, {recursive: true, force: true});
		});
	}
	return dir;
}

/** Write a fixture file (text or raw bytes) and return its path. */
export function writeCsv(dir: string, name: string, text: string | Uint8Array): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

/**
 * Every table's rows, sorted, plus the schema pragmas: two calls are equal exactly when the store's
 * content is. A missing store is `{}`.
 */
export async function storeContent(dbPath: string): Promise<Record<string, unknown[]>> {
	if (!fs.existsSync(dbPath)) return {};
	const connection = await Connection.open(dbPath, {readonly: true});
	try {
		const content: Record<string, unknown[]> = {};
		const pragmas = [
			await connection.get('PRAGMA application_id'),
			await connection.get('PRAGMA user_version'),
		];
		content['@pragmas'] = pragmas;
		const tables = await connection.all<{name: string}>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
		for (const {name} of tables) {
			// Test-only: the names come from sqlite_master, quoted as identifiers.
			const rows = await connection.all(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
			content[name] = rows.map(row => JSON.stringify(row)).sort().map(text => JSON.parse(text) as unknown);
		}
		return content;
	} finally {
		await connection.close();
	}
}

/** A fixed "now" for tests whose periods matter: December 2017's reports are loaded in January 2018. */
export const FIXED_NOW = new Date('2018-01-15T09:00:00Z');

/**
 * Load `files` (name -> CSV text, written to a temp dir; or paths) into `dbPath` with a fixed now;
 * throws with the printed errors when the load fails.
 */
export async function loadFixture(
	dbPath: string,
	files: Record<string, string> | string[],
	options: Partial<Omit<LoadOptions, 'db' | 'files'>> = {},
): Promise<Extract<LoadResult, {ok: true}>> {
	let paths: string[];
	if (Array.isArray(files)) paths = files;
	else {
		const dir = tempDir();
		paths = Object.entries(files).map(([name, text]) => writeCsv(dir, name, text));
	}
	const result = await runLoad({db: dbPath, files: paths, now: FIXED_NOW, user: 'tester', ...options});
	if (!result.ok) throw new Error(`load failed:\n${result.errors.join('\n')}`);
	return result;
}

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');

export function sampleFiles(): string[] {
	return fs
		.readdirSync(SAMPLES_DIR)
		.filter(name => name.endsWith('.csv'))
		.sort()
		.map(name => path.join(SAMPLES_DIR, name));
}

/** A fresh store built from the sample CSVs by the real loader, in its own temp directory. */
export async function sampleStore(): Promise<string> {
	const db = path.join(tempDir(), 'scorecard.db');
	const result = await runLoad({db, files: sampleFiles()});
	if (!result.ok) throw new Error(`sample load failed:\n${result.errors.join('\n')}`);
	return db;
}
