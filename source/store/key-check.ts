import type {Connection} from './connection.js';

// The worker key's fingerprint, kept in the store so a load given another store's key file is
// refused before it writes anything: a keyed value (HMAC with the key itself, loader/key-file.ts),
// so a reader of the store learns nothing from it. And the load log's fingerprints of files that
// hold personal data, which are keyed the same way.

const KEY_CHECK = 'key_check';

export async function readKeyCheck(connection: Connection): Promise<string | null> {
	const row = await connection.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [KEY_CHECK]);
	return row?.value ?? null;
}

/** Inside the load's transaction: recorded once, by the first load that has a key. */
export async function writeKeyCheck(connection: Connection, value: string): Promise<void> {
	await connection.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [KEY_CHECK, value]);
}

export const KEYED_PREFIX = 'hmac-sha256:';

/**
 * Loads before keyed fingerprints logged a caseloads file's plain SHA-256, which a reader could
 * test guesses against: each becomes keyed (`keyed(sha256)`), its old bytes overwritten on the page.
 */
export async function rekeyFileDigests(connection: Connection, keyed: (sha256: string) => string): Promise<number> {
	const rows = await connection.all<{id: number; sha256: string}>(
		`SELECT rowid AS id, sha256 FROM load_files WHERE kind = 'caseloads' AND sha256 <> '' AND substr(sha256, 1, ?) <> ?`,
		[KEYED_PREFIX.length, KEYED_PREFIX],
	);
	if (rows.length === 0) return 0;
	await connection.exec('PRAGMA secure_delete = ON');
	try {
		for (const row of rows) await connection.run('UPDATE load_files SET sha256 = ? WHERE rowid = ?', [keyed(row.sha256), row.id]);
	} finally {
		await connection.exec('PRAGMA secure_delete = OFF');
	}
	return rows.length;
}
