// Errors that name the cause: each its own line (at most 80 columns where the path allows), a
// non-zero exit, never a stack trace, and "not a scorecard store" only for a file that is not one.
// The permission cases run as a real second Unix user.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import sqlite3 from 'sqlite3';
import {CLI, REPO, assertBuilt, cleanEnv, runBuiltLoader, sampleFiles} from './helpers/pty.js';
import {createSecondUser, sharedFolder, type Result, type SecondUser} from './helpers/second-user.js';

function cli(args: string[]): Promise<Result> {
	return new Promise(resolve => {
		execFile(process.execPath, [CLI, ...args], {cwd: REPO, env: cleanEnv()}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

/** One line on stderr, the expected words, a non-zero exit, nothing on stdout. */
function assertOneLine(result: Result, pattern: RegExp, code = 1, maxColumns?: number): void {
	assert.equal(result.code, code, `exit code (stderr: ${result.stderr})`);
	assert.equal(result.stdout, '');
	const lines = result.stderr.replace(/\n$/, '').split('\n');
	assert.equal(lines.length, 1, `one line, got: ${result.stderr}`);
	assert.match(lines[0]!, pattern);
	assert.doesNotMatch(lines[0]!, /\bat .*:\d+:\d+|Error:|SQLITE_/, 'no stack trace or raw SQLite code');
	if (maxColumns) assert.ok(lines[0]!.length <= maxColumns, `${lines[0]!.length} columns: ${lines[0]}`);
}

describe('the store path: each cause its own line', () => {
	let dir: string;
	let store: string;
	before(async () => {
		assertBuilt();
		dir = sharedFolder('sc-err-');
		store = path.join(dir, 'scorecard.db');
		const loaded = await runBuiltLoader(['--db', store, ...sampleFiles()]);
		assert.equal(loaded.code, 0, loaded.stderr);
	});

	it('a folder', async () => {
		assertOneLine(await cli(['--db', dir, '--json']), /: is a folder; give the store file \(e\.g\. .*scorecard\.db\)$/);
	});

	it('a missing file', async () => {
		assertOneLine(await cli(['--db', path.join(dir, 'nope.db'), '--json']), /nope\.db: no store here \(load some data first/);
	});

	it('a file that is not a SQLite database: not a scorecard store', async () => {
		const text = path.join(dir, 'notes.txt');
		fs.writeFileSync(text, 'period,indicator\n');
		assertOneLine(await cli(['--db', text, '--print']), /notes\.txt: not a scorecard store \(not a SQLite database\)$/);
	});

	it("another program's SQLite database: not a scorecard store", async () => {
		const other = path.join(dir, 'other.db');
		await new Promise<void>((resolve, reject) => {
			const db = new sqlite3.Database(other, error => {
				if (error) return reject(error);
				db.exec('CREATE TABLE t (x)', e => db.close(() => (e ? reject(e) : resolve())));
			});
		});
		assertOneLine(await cli(['--db', other, '--json']), /other\.db: not a scorecard store$/);
	});

	for (const [where, offset, length] of [
		['its first page', 100, 3996],
		['deep in the file', 4096 * 20, 4096 * 60],
	] as const) {
		it(`a damaged store (${where}): damaged, restore from a backup; not "not a scorecard store"`, async () => {
			const copy = path.join(dir, `damaged-${offset}.db`);
			fs.copyFileSync(store, copy);
			const fd = fs.openSync(copy, 'r+');
			fs.writeSync(fd, Buffer.alloc(length, 0xab), 0, length, offset);
			fs.closeSync(fd);
			const result = await cli(['--db', copy, '--json']);
			assertOneLine(result, /: the store is damaged \(database disk image is malformed\); restore it from a backup$/);
		});
	}
});

describe('permissions, as a second Unix user', () => {
	let user: SecondUser;
	let dir: string;
	let store: string;
	before(async () => {
		assertBuilt();
		user = createSecondUser('perm');
		dir = sharedFolder('sc-perm-');
		store = path.join(dir, 'scorecard.db');
		const loaded = await runBuiltLoader(['--db', store, ...sampleFiles()]);
		assert.equal(loaded.code, 0, loaded.stderr);
	});
	after(() => user?.remove());

	it("no read permission on the store: ask the store's owner", async () => {
		fs.chmodSync(store, 0o600);
		try {
			assertOneLine(await user.cli(['--db', store, '--json']), /scorecard\.db: no permission to read the store \(ask the store's owner; see the README's shared server section\)$/);
		} finally {
			fs.chmodSync(store, 0o644);
		}
	});

	it("a folder this user cannot enter: ask the store's owner", async () => {
		fs.chmodSync(dir, 0o700);
		try {
			assertOneLine(await user.cli(['--db', store, '--print']), /no permission to reach the store \(ask the store's owner; see the README's shared server section\)$/);
		} finally {
			fs.chmodSync(dir, 0o755);
		}
	});

	it('doctor says the same and exits 1; with read permission back it exits 0', async () => {
		fs.chmodSync(store, 0o600);
		try {
			const doctor = await user.cli(['doctor', '--db', store]);
			assert.equal(doctor.code, 1);
			assert.match(doctor.stdout, /^read {7}no, as scorecard-perm-\S+: no permission to read the store/m);
		} finally {
			fs.chmodSync(store, 0o644);
		}
		const fine = await user.cli(['doctor', '--db', store]);
		assert.equal(fine.code, 0, fine.stdout);
	});
});

describe('flags: in the project\'s words, one line, at most 80 columns', () => {
	for (const [args, pattern] of [
		[['--month'], /^scorecard: --month needs a value: --month YYYY-MM \(see --help\)$/],
		[['--db'], /^scorecard: --db needs a value: --db FILE \(see --help\)$/],
		[['--db', '--json'], /^scorecard: --db needs a value: --db FILE \(see --help\)$/],
		[['--frobnicate'], /^scorecard: unknown flag --frobnicate \(see --help\)$/],
		[['-x'], /^scorecard: unknown flag -x \(see --help\)$/],
		[['--json=yes'], /^scorecard: --json takes no value \(see --help\)$/],
		[['stray'], /^scorecard: unexpected argument "stray" \(see --help\)$/],
	] as const) {
		it(args.join(' '), async () => {
			assertOneLine(await cli([...args]), pattern, 2, 80);
		});
	}
});
