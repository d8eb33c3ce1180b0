// Nothing one teammate writes can harm another, with real Unix users: a reader of a crafted store
// (a huge view, an endless view, escape sequences in every text column, a store built to stall),
// a loader of a store another loader put triggers in, two loaders in a setgid folder (a link
// planted at the store or the key file, another store's key file, a folder at a build name, a
// store made under umask 022), and a reader guessing a worker reference from the load log.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {assertBuilt, plain, runBuiltLoader, sampleFiles, spawnConsole, until} from './helpers/pty.js';
import {craftedCopy, HOSTILE_SQL, unsafeSequences} from './helpers/craft.js';
import {createGroup, createSecondUser, sharedFolder, sharedInstall, type Result, type SecondUser} from './helpers/second-user.js';
import {storeContent} from './helpers/temp-store.js';
import {SAMPLE} from './helpers/sample.js';

const gidOf = (group: string): number => Number(fs.readFileSync('/etc/group', 'utf8').split('\n').find(line => line.startsWith(`${group}:`))!.split(':')[2]);

/** `scorecard-load ARGS` as `user`, with umask 002 as the README asks of loaders (or the umask given). */
const loadAs = (user: SecondUser, args: string[], umask = '002'): Promise<Result> =>
	user.run('/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, sharedInstall().loader, ...args]);

/** SQL run on a store as `user` (a loader of the group may write it as they like). */
const sqlAs = (user: SecondUser, db: string, sql: string): Promise<Result> =>
	user.run(process.execPath, [
		'-e',
		`const s = require(${JSON.stringify(path.join(sharedInstall().dir, 'node_modules/sqlite3'))}); const d = new s.Database(process.argv[1]); d.exec(process.argv[2], e => { if (e) { console.error(e.message); process.exitCode = 1; } d.close(); });`,
		db,
		sql,
	]);

/** The first child of a process (runuser's: the command it runs). */
function childOf(pid: number): number | undefined {
	try {
		const first = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0];
		return first ? Number(first) : undefined;
	} catch {
		return undefined;
	}
}

function alive(pid: number): boolean {
	try {
		return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

function assertOneLine(result: Result, pattern: RegExp): void {
	assert.notEqual(result.code, 0, 'refused');
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line: ${result.stderr}`);
	assert.match(lines[0]!, pattern);
	assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+|SQLITE_|failed unexpectedly/);
}

describe('a reader of a crafted store (a real second Unix user)', () => {
	let reader: SecondUser;
	let dir: string;
	let sample: string;

	before(async () => {
		assertBuilt();
		reader = createSecondUser('rd');
		dir = sharedFolder('sc-craft-');
		sample = path.join(dir, 'sample.db');
		const made = await runBuiltLoader(['--db', sample, ...sampleFiles()]);
		assert.equal(made.code, 0, made.stderr);
		fs.chmodSync(sample, 0o644);
	});
	after(() => reader?.remove());

	it('a view in place of teams returning a 600 MB name: refused in one line, at once, naming it', async () => {
		const db = await craftedCopy(sample, path.join(dir, 'huge.db'), "DROP TABLE teams; CREATE VIEW teams AS SELECT 'EAST' AS code, printf('%.*c', 600000000, 'x') AS name, 1 AS population");
		for (const args of [['--json'], ['--print'], ['--standup', '--json']]) {
			const started = Date.now();
			assertOneLine(await reader.cli(['--db', db, ...args]), /huge\.db: refused: the store has a view teams that scorecard did not make/);
			assert.ok(Date.now() - started < 10_000, `${args.join(' ')} took ${Date.now() - started} ms`);
		}
	});

	it('an endless view behind commentary: --json, --print and the console end at once with one line', async () => {
		const db = await craftedCopy(
			sample,
			path.join(dir, 'endless.db'),
			`DROP TABLE commentary; CREATE VIEW commentary AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT 'FA45' AS indicator, '${SAMPLE.latest}' AS period, 'x' AS text FROM r`,
		);
		for (const args of [['--json'], ['--print']]) assertOneLine(await reader.cli(['--db', db, ...args]), /endless\.db: refused: the store has a view commentary/);
		const cli = spawnConsole({file: '/usr/sbin/runuser', argv: ['-u', reader.name, '--', process.execPath, sharedInstall().cli, '--db', db], env: {HOME: os.tmpdir()}, cwd: sharedInstall().dir});
		try {
			assert.equal((await cli.exitCode(10_000)).exitCode, 1);
			assert.match(plain(cli.output), /refused: the store has a view commentary/);
		} finally {
			cli.close();
		}
	});

	it('a store built to stall its readers (passing every check) is stopped at the read timeout in one line', async () => {
		// The schema as the migrations made it, but a million figures of indicators no catalogue names:
		// the full read (--json) walks them all. The timeout is made short so the test is.
		const db = await craftedCopy(
			sample,
			path.join(dir, 'slow.db'),
			"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) INSERT INTO measures (team, indicator, period, value) SELECT 'T' || (i / 1000), 'X' || (i % 1000), '2017-12', i FROM n",
		);
		const started = Date.now();
		const result = await reader.run(process.execPath, [sharedInstall().cli, '--db', db, '--json'], {env: {SCORECARD_READ_TIMEOUT: '0.3'}});
		assertOneLine(result, /slow\.db: reading the store took longer than 0 s and was stopped/);
		assert.ok(Date.now() - started < 15_000);
	});

	it('escape sequences in every text column: --print, --standup --print, --json and the console send none', async () => {
		const db = await craftedCopy(
			sample,
			path.join(dir, 'escapes.db'),
			`UPDATE indicators SET title = ${HOSTILE_SQL} || title, definition = ${HOSTILE_SQL};
			UPDATE teams SET name = ${HOSTILE_SQL} || name;
			UPDATE commentary SET text = ${HOSTILE_SQL};
			UPDATE rebases SET reason = ${HOSTILE_SQL};
			UPDATE loads SET os_user = ${HOSTILE_SQL}`,
		);
		for (const args of [['--print'], ['--standup', '--print'], ['--json'], ['--standup', '--json']]) {
			const result = await reader.cli(['--db', db, ...args]);
			assert.equal(result.code, 0, result.stderr);
			assert.deepEqual(unsafeSequences(result.stdout), [], args.join(' '));
			assert.ok(result.stdout.includes('?]52;c;'), `${args.join(' ')}: shown visibly`);
		}
		const cli = spawnConsole({file: '/usr/sbin/runuser', argv: ['-u', reader.name, '--', process.execPath, sharedInstall().cli, '--db', db], env: {HOME: os.tmpdir()}, cwd: sharedInstall().dir, columns: 100, rows: 30});
		try {
			await cli.waitForText('?]52;c;');
			cli.press('t');
			await cli.waitForText('team matrix');
			cli.press('\r');
			await cli.waitForText('indicator detail');
			cli.press('a');
			await cli.waitForText('stand-up agenda');
			// Back one level a q, to the grid, then out.
			const exit = cli.exitCode(30_000);
			const timer = setInterval(() => cli.press('q'), 400);
			try {
				assert.equal((await exit).exitCode, 0);
			} finally {
				clearInterval(timer);
			}
			assert.deepEqual(unsafeSequences(cli.output), []);
		} finally {
			cli.close();
		}
	});

	it('a 5 MB commentary and 100,000-character titles: the console opens on them and quits on q, and on SIGHUP', async () => {
		const db = await craftedCopy(
			sample,
			path.join(dir, 'big.db'),
			`UPDATE commentary SET text = printf('%.*c', 5000000, 'c') WHERE indicator = 'FA45' AND period = '${SAMPLE.latest}';
			UPDATE indicators SET title = printf('%.*c', 100000, 't'), definition = printf('%.*c', 1000000, 'd')`,
		);
		for (const [how, stop, code] of [
			// --open starts one level above the grid: q goes back to it, a second q quits.
			[
				'q',
				async (cli: ReturnType<typeof spawnConsole>) => {
					const from = cli.output.length;
					cli.press('q');
					await cli.waitForText('all indicators', {from, timeout: 3_000});
					cli.press('q');
				},
				0,
			],
			['SIGHUP', async (cli: ReturnType<typeof spawnConsole>) => cli.kill('SIGHUP'), 129],
		] as const) {
			const cli = spawnConsole({file: '/usr/sbin/runuser', argv: ['-u', reader.name, '--', process.execPath, sharedInstall().cli, '--db', db, '--open', 'FA45'], env: {HOME: os.tmpdir()}, cwd: sharedInstall().dir});
			try {
				await cli.waitForText('indicator detail', {timeout: 15_000});
				await cli.waitForText('ccccc');
				// The console itself (runuser's child), which the signal is for.
				const node = await until('the console under runuser', () => childOf(cli.pid));
				const asked = Date.now();
				await stop({...cli, kill: (signal?: string) => process.kill(node, signal as NodeJS.Signals)} as ReturnType<typeof spawnConsole>);
				await until(`the console to exit on ${how}`, () => !alive(node), 5_000);
				assert.ok(Date.now() - asked < 3_000, `${how}: exited after ${Date.now() - asked} ms`);
				assert.equal((await cli.exitCode(5_000)).exitCode, code);
			} finally {
				cli.close();
			}
		}
	});
});

describe('two loaders and a reader in a setgid folder (real Unix users)', () => {
	let group: {name: string; remove(): void};
	let alice: SecondUser;
	let bob: SecondUser;
	let reader: SecondUser;
	let folder: string;
	let files: string;
	let privateDir: string;

	before(() => {
		assertBuilt();
		group = createGroup('ld');
		alice = createSecondUser('al', {groups: [group.name]});
		bob = createSecondUser('bo', {groups: [group.name]});
		reader = createSecondUser('re');
		files = sharedFolder('sc-files-');
		for (const file of sampleFiles()) fs.copyFileSync(file, path.join(files, path.basename(file)));
		fs.writeFileSync(path.join(files, 'correction.csv'), 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W48213,0.8,17\n');
		fs.writeFileSync(path.join(files, 'change.csv'), 'period,indicator,team,numerator,denominator,value\n2017-12,UNALLOC7,ALL,6,,\n');
		for (const file of fs.readdirSync(files)) fs.chmodSync(path.join(files, file), 0o644);
		// Bob's own folder, which nobody else may even enter.
		privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bob-'));
		fs.chownSync(privateDir, bob.uid, bob.uid);
		fs.chmodSync(privateDir, 0o700);
		process.on('exit', () => fs.rmSync(privateDir, {recursive: true, force: true}));
	});
	after(() => {
		for (const user of [alice, bob, reader]) user?.remove();
		group?.remove();
	});

	/** A fresh folder the group shares: root's, setgid, 2775. */
	function groupFolder(): string {
		const made = sharedFolder('sc-team-');
		fs.chownSync(made, 0, gidOf(group.name));
		fs.chmodSync(made, 0o2775);
		return made;
	}
	const samples = () => sampleFiles().map(file => path.join(files, path.basename(file)));

	it("a link alice plants at the store path is refused by bob's load, in one line naming it; nothing lands in bob's folder", async () => {
		folder = groupFolder();
		const store = path.join(folder, 'scorecard.db');
		const planted = await alice.run('/bin/ln', ['-s', path.join(privateDir, 'victim.db'), store]);
		assert.equal(planted.code, 0, planted.stderr);
		const result = await loadAs(bob, ['--db', store, ...samples()]);
		assertOneLine(result, new RegExp(`scorecard\\.db: refused: the store is a symbolic link made by ${alice.name}, not by ${bob.name} or root \\(it may have been planted\\)`));
		assert.deepEqual(fs.readdirSync(privateDir), []);
	});

	it("a link leading nowhere that alice plants at the key file: bob's caseload load is refused, no store made, no key lost", async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		assert.equal((await alice.run('/bin/ln', ['-s', path.join(privateDir, 'key'), `${store}.key`])).code, 0);
		const result = await loadAs(bob, ['--db', store, ...samples()]);
		assertOneLine(result, /scorecard\.db\.key: refused: the worker key file is a symbolic link made by /);
		assert.equal(fs.existsSync(store), false);
		assert.deepEqual(fs.readdirSync(privateDir), []);
	});

	it("another store's key file put in place by alice: bob's caseload load is refused before anything is written", async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		const made = await loadAs(bob, ['--db', store, ...samples()]);
		assert.equal(made.code, 0, made.stderr);
		assert.equal(fs.statSync(`${store}.key`).mode & 0o777, 0o640, "the loaders' group reads the key");
		const before = await storeContent(store);
		// The folder is the group's: alice may replace bob's key file with her own store's.
		const other = path.join(team, 'other.db');
		assert.equal((await loadAs(alice, ['--db', other, ...samples()])).code, 0);
		const swapped = await alice.run('/bin/sh', ['-c', `rm -f "$0.key" && cp "$1.key" "$0.key"`, store, other]);
		assert.equal(swapped.code, 0, swapped.stderr);
		const result = await loadAs(bob, ['--db', store, '--replace', path.join(files, 'correction.csv')]);
		assertOneLine(result, /scorecard\.db\.key: refused: this worker key file is not \S+scorecard\.db's \(the store keeps its key's fingerprint, and this key's differs\): nothing was loaded/);
		assert.deepEqual(await storeContent(store), before);
	});

	it("a folder alice plants at a dead build name: named in bob's first load's warning, not fatal", async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		const planted = path.join(team, '.scorecard.db.new-999999-0badf00d');
		assert.equal((await alice.run('/bin/mkdir', [planted])).code, 0);
		const result = await loadAs(bob, ['--db', store, ...samples()]);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stderr, `load: warning: left alone: ${planted} is a folder (owner ${alice.name}) where a loader keeps its build files; no loader made it: ask its owner to remove it\n`);
		assert.ok(fs.statSync(store).size > 0);
	});

	it('a store alice makes under umask 022 is warned about; bob then gets its mode and owner, and doctor says so', async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		const made = await loadAs(alice, ['--db', store, ...samples()], '022');
		assert.equal(made.code, 0, made.stderr);
		assert.match(made.stderr, /^load: warning: \S+scorecard\.db: made with mode 644 \(this user's umask is 022\) in a folder the group \S+ shares: other loaders cannot load into it/);
		const result = await loadAs(bob, ['--db', store, '--replace', path.join(files, 'change.csv')]);
		assertOneLine(result, new RegExp(`scorecard\\.db: cannot load: the store is mode 644, owner ${alice.name}, group ${group.name}, and ${bob.name} may not write it: its owner can run chmod g\\+w on it`));
		const doctor = await bob.cli(['doctor', '--db', store]);
		assert.match(doctor.stdout, new RegExp(`^load here  no: the store is mode 644, owner ${alice.name}, group ${group.name}, not writable by ${bob.name}`, 'm'));
		assert.match(doctor.stdout, new RegExp(`^sharing    warning: the folder is shared by group ${group.name} but the store is mode 644`, 'm'));
	});

	it('a reader (not in the group) trying to load: the cause with the mode and owner found, never a temporary file', async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		const fresh = await loadAs(reader, ['--db', store, ...samples()]);
		assertOneLine(fresh, new RegExp(`scorecard\\.db: cannot make the store: ${reader.name} may not create files in its folder \\S+ \\(mode 2775, owner root, group ${group.name}\\)`));
		assert.doesNotMatch(fresh.stderr, /\.new-/);
		assert.equal((await loadAs(bob, ['--db', store, ...samples()])).code, 0);
		const into = await loadAs(reader, ['--db', store, '--replace', path.join(files, 'change.csv')]);
		assertOneLine(into, new RegExp(`cannot load: the store is mode 664, owner ${bob.name}, group ${group.name}, and ${reader.name} may not write it: a loader must be in its group ${group.name}`));
	});

	it("a trigger alice adds to the shared store: bob's load is refused, naming it, and writes nothing", async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		assert.equal((await loadAs(bob, ['--db', store, ...samples()])).code, 0);
		const added = await sqlAs(alice, store, 'CREATE TRIGGER twice AFTER INSERT ON measures BEGIN UPDATE measures SET value = value * 2 WHERE team = new.team AND indicator = new.indicator AND period = new.period; END; CREATE TRIGGER forget AFTER INSERT ON history BEGIN DELETE FROM history; END');
		assert.equal(added.code, 0, added.stderr);
		const before = await storeContent(store);
		const result = await loadAs(bob, ['--db', store, '--replace', path.join(files, 'change.csv')]);
		assertOneLine(result, /scorecard\.db: refused: the store has a trigger (twice|forget) that scorecard did not make/);
		assert.deepEqual(await storeContent(store), before);
		// And a reader is refused the same store, rather than reading a doubled figure later.
		assertOneLine(await reader.cli(['--db', store, '--json']), /refused: the store has a trigger/);
	});

	it("a reader cannot recover a worker reference from the load log by guessing a one-row correction file", async () => {
		const team = groupFolder();
		const store = path.join(team, 'scorecard.db');
		assert.equal((await loadAs(bob, ['--db', store, ...samples()])).code, 0);
		const corrected = await loadAs(bob, ['--db', store, '--replace', path.join(files, 'correction.csv')]);
		assert.equal(corrected.code, 0, corrected.stderr);
		// The probe's guess, as the reader: every reference W48000..W48999 in the correction's one row,
		// hashed and looked for in the load log and anywhere in the store file's bytes.
		const guess = `
			const crypto = require('node:crypto');
			const fs = require('node:fs');
			const s = require(${JSON.stringify(path.join(sharedInstall().dir, 'node_modules/sqlite3'))});
			const db = new s.Database(process.argv[1], s.OPEN_READONLY);
			db.all('SELECT sha256 FROM load_files', (error, rows) => {
				if (error) { console.error(error.message); process.exit(2); }
				const logged = new Set(rows.map(row => row.sha256));
				const bytes = fs.readFileSync(process.argv[1]).toString('latin1');
				let tried = 0, found = [];
				for (let n = 48000; n < 49000; n++) for (const end of ['\\n', '\\r\\n']) {
					const text = 'period,team,service,worker,fte,caseload' + end + '2017-12,EAST,assessment,W' + n + ',0.8,17' + end;
					const digest = crypto.createHash('sha256').update(text).digest('hex');
					tried++;
					if (logged.has(digest) || bytes.includes(digest)) found.push('W' + n);
				}
				let key = 'unreadable';
				try { fs.readFileSync(process.argv[1] + '.key'); key = 'readable'; } catch {}
				console.log(JSON.stringify({tried, found, rows: rows.length, key}));
			});`;
		const result = await reader.run(process.execPath, ['-e', guess, store]);
		assert.equal(result.code, 0, result.stderr);
		const outcome = JSON.parse(result.stdout) as {tried: number; found: string[]; rows: number; key: string};
		// The guesses cover the truth: the correction file's own SHA-256 is among them...
		const truth = crypto.createHash('sha256').update(fs.readFileSync(path.join(files, 'correction.csv'))).digest('hex');
		const candidates = new Set<string>();
		for (let n = 48000; n < 49000; n++) candidates.add(crypto.createHash('sha256').update(`period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W${n},0.8,17\n`).digest('hex'));
		assert.ok(candidates.has(truth), 'the guess would find the reference in a plain log');
		// ...and none of them is in the store.
		assert.equal(outcome.tried, 2000);
		assert.ok(outcome.rows >= 8, 'the reader read the load log');
		assert.deepEqual(outcome.found, []);
		assert.equal(outcome.key, 'unreadable', 'the reader cannot read the key file');
	});
});
