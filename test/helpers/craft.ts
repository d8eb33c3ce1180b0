import fs from 'node:fs';
import sqlite3 from 'sqlite3';

// Crafting a store as someone in the loaders' group could: raw SQL on the file through the
// driver, with none of the scorecard's own checks (tests only).

export function craft(db: string, sql: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const handle = new sqlite3.Database(db, error => {
			if (error) return reject(error);
			handle.exec(sql, execError => handle.close(() => (execError ? reject(execError) : resolve())));
		});
	});
}

/** A copy of `from` at `to`, then `sql` run on it as its crafter; the copy keeps `mode`. */
export async function craftedCopy(from: string, to: string, sql: string, mode = 0o644): Promise<string> {
	fs.copyFileSync(from, to);
	await craft(to, sql);
	fs.chmodSync(to, mode);
	return to;
}

/** Every escape sequence a crafter might hope reaches a terminal: OSC 52 (clipboard), OSC 0 (title), C1 CSI, a screen clear, a bidi override. */
export const HOSTILE = '\u001B]52;c;ZWNobyBwd25lZA==\u0007\u001B]0;pwned\u0007\u009B31m\u001B[2J\u202Eevil';

/** SQL for the same text: SQLite string literals cannot hold escapes, so char() builds it. */
export const HOSTILE_SQL = `(char(27) || ']52;c;ZWNobyBwd25lZA==' || char(7) || char(27) || ']0;pwned' || char(7) || char(155) || '31m' || char(27) || '[2J' || char(8238) || 'evil')`;

/** What must never reach a terminal: any escape but a styling one (SGR), a C1 control, a bidirectional control, BEL. */
export function unsafeSequences(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B(\[[0-9;:?]*[ -/]*[@-~]|[\s\S])/g)) {
		const sequence = match[0];
		// Styling and the cursor and screen movements Ink makes itself are fine; OSC, DCS, and screen clears are not.
		if (/^\u001B\[[0-9;:]*m$/.test(sequence)) continue;
		if (/^\u001B\[[0-9;?]*[ABCDEFGHKJlhSTsu]$/.test(sequence) && !/^\u001B\[[23]J$/.test(sequence)) continue;
		found.push(JSON.stringify(sequence));
	}
	// eslint-disable-next-line no-control-regex
	for (const match of raw.matchAll(/[\u0007\u0080-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g)) found.push(JSON.stringify(match[0]));
	return found;
}
