// A teammate on the shared server: a real second Unix user who can read the store (file 644,
// folder 755) but not write its folder gets the whole console, --json, --print and live updates,
// with no -wal/-shm beside the store and nobody else holding it open; also from read-only media.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import sqlite3 from 'sqlite3';
import {CLI, assertBuilt, runBuiltLoader, sampleFiles, spawnConsole, until, type PtyConsole} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE} from './helpers/sample.js';
import {createSecondUser, sharedFolder, sharedInstall, type SecondUser} from './helpers/second-user.js';

/** The header's read version: 1 a rollback journal, 2 WAL. */
const journalByte = (db: string) => fs.readFileSync(db).subarray(18, 20);

function sqlite(db: string, sql: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const handle = new sqlite3.Database(db, error => {
			if (error) return reject(error);
			handle.exec(sql, execError => handle.close(() => (execError ? reject(execError) : resolve())));
		});
	});
}

/** A store made before the rollback journal: in WAL mode, its -wal and -shm gone (nobody has it open). */
async function walCopy(from: string, to: string): Promise<void> {
	fs.copyFileSync(from, to);
	await sqlite(to, 'PRAGMA journal_mode = WAL');
	fs.chmodSync(to, 0o644);
	assert.equal(journalByte(to)[1], 2, 'the copy is in WAL mode');
	assert.equal(fs.existsSync(`${to}-wal`) || fs.existsSync(`${to}-shm`), false);
}

async function loadSamples(db: string, extra: string[] = [], flags: string[] = []): Promise<void> {
	const result = await runBuiltLoader(['--db', db, ...flags, ...sampleFiles(), ...extra]);
	assert.equal(result.code, 0, `the load failed: ${result.stderr}`);
}

function writeMeasure(dir: string, value: number): string {
	const file = path.join(dir, `unalloc-${value}.csv`);
	fs.writeFileSync(file, `period,indicator,team,numerator,denominator,value\n${SAMPLE.latest},UNALLOC7,ALL,${value},,\n`);
	fs.chmodSync(file, 0o644);
	return file;
}

describe('a read-only teammate (a real second Unix user)', () => {
	let user: SecondUser;
	let dir: string;
	let db: string;
	let console: PtyConsole | undefined;

	before(async () => {
		assertBuilt();
		user = createSecondUser();
		dir = sharedFolder();
		db = path.join(dir, 'scorecard.db');
		await loadSamples(db);
		fs.chmodSync(db, 0o644);
	});
	after(() => {
		console?.close();
		user?.remove();
	});

	it('cannot write the folder: the test is what it says', async () => {
		const probe = await user.run('/bin/sh', ['-c', `touch ${path.join(dir, 'probe')}`]);
		assert.notEqual(probe.code, 0, 'the second user could write the store folder');
	});

	it('--json and --print work with no -wal/-shm and nobody else holding the store open', async () => {
		assert.equal(fs.existsSync(`${db}-wal`) || fs.existsSync(`${db}-shm`) || fs.existsSync(`${db}-journal`), false);
		assert.equal(journalByte(db)[1], 1, 'the loader left the store with a rollback journal');
		const json = await user.cli(['--db', db, '--json']);
		assert.equal(json.code, 0, json.stderr);
		const mine = execFileSync(process.execPath, [CLI, '--db', db, '--json'], {encoding: 'utf8'});
		assert.equal(json.stdout, mine, "the teammate's JSON is the owner's");
		assert.equal(JSON.parse(json.stdout).indicators.length, SAMPLE.indicators.length);
		const print = await user.cli(['--db', db, '--print']);
		assert.equal(print.code, 0, print.stderr);
		assert.ok(print.stdout.includes(SAMPLE.lastTitle), print.stdout);
		assert.equal(fs.readdirSync(dir).filter(name => name !== 'scorecard.db' && name !== 'scorecard.db.key').length, 0, 'a reader left files beside the store (the key file is the loader\'s)');
	});

	it('a read waits while a writer holds the store exclusively (busy timeout), then succeeds', async () => {
		const holder = new sqlite3.Database(db);
		await new Promise<void>((resolve, reject) => holder.exec('BEGIN EXCLUSIVE', error => (error ? reject(error) : resolve())));
		const started = Date.now();
		// The writer lets go after 1.5 s, within the 5 s busy timeout: the read must wait, not fail.
		const release = setTimeout(() => holder.exec('COMMIT', () => holder.close()), 1500);
		const read = await user.cli(['--db', db, '--json']);
		clearTimeout(release);
		assert.equal(read.code, 0, `the read failed instead of waiting: ${read.stderr}`);
		assert.ok(Date.now() - started >= 1400, 'the read did not wait for the lock');
	});

	it('reads during loads never fail, and the live console notices each load within 2 s', async () => {
		console = spawnConsole({file: 'runuser', argv: ['-u', user.name, '--', process.execPath, sharedInstall().cli, '--db', db], env: {HOME: os.tmpdir()}, cwd: sharedInstall().dir});
		await console.waitForText(SAMPLE.lastTitle);
		for (const value of [7, 4]) {
			const from = console.output.length;
			const load = runBuiltLoader(['--db', db, '--replace', writeMeasure(sharedFolder('scorecard-csv-'), value)]);
			// Readers alongside the load, as other teammates' --json from cron.
			const reads: Promise<{code: number; stderr: string}>[] = [];
			let loading = true;
			void load.then(() => {
				loading = false;
			});
			while (loading) {
				reads.push(user.cli(['--db', db, '--json']));
				// Reads spread over the load, not one burst at its start.
				await new Promise(resolve => setTimeout(resolve, 150));
			}
			const loaded = await load;
			assert.equal(loaded.code, 0, loaded.stderr);
			const at = Date.now();
			await console.waitForOutput(text => new RegExp(`${re(rowStart(1, 3))}[^\\n]*?\\s${value}\\s`).test(text), {from, what: `row 1 showing ${value}`, timeout: 5000});
			const took = Date.now() - at;
			assert.ok(took <= 2000, `the console took ${took} ms to show the load`);
			for (const read of await Promise.all(reads)) assert.equal(read.code, 0, `a read during the load failed: ${read.stderr}`);
		}
		console.press('q');
		assert.equal((await console.exitCode()).exitCode, 0);
		console = undefined;
	});

	it('a WAL store (made before this) is refused in one line naming the cause, until the next load converts it', async () => {
		const old = path.join(dir, 'old.db');
		await walCopy(db, old);
		const refused = await user.cli(['--db', old, '--json']);
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, /^scorecard: .*old\.db: the store is in WAL mode, which needs a writable folder; the next load converts it/);
		assert.equal(refused.stderr.trim().split('\n').length, 1);
		// Any load converts it, even one that finds nothing to change.
		const noop = await runBuiltLoader(['--db', old, sampleFiles().find(file => file.endsWith('teams.csv'))!]);
		assert.equal(noop.code, 0, noop.stderr);
		assert.equal(journalByte(old)[1], 1, 'the load converted the store');
		const read = await user.cli(['--db', old, '--json']);
		assert.equal(read.code, 0, read.stderr);
		const doctor = await user.cli(['doctor', '--db', old]);
		assert.equal(doctor.code, 0, doctor.stdout);
		assert.match(doctor.stdout, /^live {7}yes/m);
	});
});

describe('read-only media (a read-only bind mount), as a second user', () => {
	let user: SecondUser;
	let source: string;
	let mounted: string;

	before(async () => {
		assertBuilt();
		user = createSecondUser('media');
		source = sharedFolder();
		await loadSamples(path.join(source, 'scorecard.db'));
		await walCopy(path.join(source, 'scorecard.db'), path.join(source, 'wal.db'));
		fs.chmodSync(path.join(source, 'scorecard.db'), 0o644);
		mounted = sharedFolder('scorecard-media-');
		execFileSync('mount', ['--bind', source, mounted]);
		execFileSync('mount', ['-o', 'remount,bind,ro', mounted]);
	});
	after(() => {
		try {
			// Lazily if a process of a failed test still holds a file there: never leave the mount behind.
			if (mounted) execFileSync('umount', ['-l', mounted]);
		} finally {
			user?.remove();
		}
	});

	it('the mount is read-only', () => {
		assert.throws(() => fs.writeFileSync(path.join(mounted, 'x'), ''), /EROFS/);
	});

	for (const name of ['scorecard.db', 'wal.db']) {
		it(`${name === 'wal.db' ? 'a WAL store' : 'the store'} opens: --json, --print and doctor`, async () => {
			const db = path.join(mounted, name);
			const json = await user.cli(['--db', db, '--json']);
			assert.equal(json.code, 0, json.stderr);
			assert.equal(JSON.parse(json.stdout).period, SAMPLE.latest);
			const print = await user.cli(['--db', db, '--print']);
			assert.equal(print.code, 0, print.stderr);
			const doctor = await user.cli(['doctor', '--db', db]);
			assert.equal(doctor.code, 0, doctor.stdout);
			assert.match(doctor.stdout, name === 'wal.db' ? /^live {7}off: a WAL store on read-only media/m : /^live {7}yes/m);
		});
	}

	it('the console opens on it (WAL store) and quits cleanly', async () => {
		const cli = spawnConsole({file: 'runuser', argv: ['-u', user.name, '--', process.execPath, sharedInstall().cli, '--db', path.join(mounted, 'wal.db')], env: {HOME: os.tmpdir()}, cwd: sharedInstall().dir});
		try {
			await cli.waitForText(SAMPLE.lastTitle);
			cli.press('q');
			assert.equal((await cli.exitCode()).exitCode, 0);
		} finally {
			cli.close();
		}
		await until('nothing written beside the store', () => fs.readdirSync(source).filter(name => !name.endsWith('.key')).sort().join(',') === 'scorecard.db,wal.db');
	});
});
