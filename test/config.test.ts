// The config files: /etc/scorecard.conf for the server, ~/.config/scorecard/config for a user,
// read by the program itself so that `ssh host scorecard` (no login shell, no /etc/profile.d, no
// SCORECARD_DB) finds the store. The end-to-end cases run as a real second user with nothing in
// the environment, in a private mount namespace whose /etc is a copy holding the test's config
// (the machine's own /etc is never written).
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {ConfigError, DEFAULT_DB_PATH, describeDbSource, readConfigFile, readConfigFiles, resolveDbSource, userConfigPath} from '../source/config.js';
import {CLI, REPO, assertBuilt, runBuiltLoader, sampleFiles} from './helpers/pty.js';
import {createSecondUser, sharedFolder, sharedInstall, type Result, type SecondUser} from './helpers/second-user.js';
import {tempDir} from './helpers/temp-store.js';
import {SAMPLE} from './helpers/sample.js';

const write = (dir: string, name: string, text: string) => {
	const file = path.join(dir, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, text);
	return file;
};

describe('config files', () => {
	it('name = value lines, comments and blanks; a relative store is beside the file, ~/ is home', () => {
		const dir = tempDir();
		const file = write(dir, 'scorecard.conf', '# the team\'s server\n\n  store = /srv/scorecard/scorecard.db  \ntheme=light\n');
		assert.deepEqual(readConfigFile(file), {store: {value: '/srv/scorecard/scorecard.db', file}, theme: {value: 'light', file}});
		const relative = write(dir, 'rel.conf', 'store = "data/x.db"\n');
		assert.equal(readConfigFile(relative).store?.value, path.join(dir, 'data/x.db'));
		const home = write(dir, 'home.conf', 'store = ~/stores/x.db\n');
		assert.equal(readConfigFile(home, {HOME: '/home/ann'}).store?.value, '/home/ann/stores/x.db');
		assert.deepEqual(readConfigFile(path.join(dir, 'missing.conf')), {}, 'a missing file sets nothing');
	});

	it('mistakes name the file, line and column, in one line', () => {
		const dir = tempDir();
		const cases: Array<[string, RegExp]> = [
			['store = /a\ncolour = red\n', /bad\.conf:2:1: unknown setting "colour" \(settings: store, theme\)$/],
			['theme = sepia\n', /bad\.conf:1:9: theme "sepia" is not one of dark, light, auto$/],
			['  store\n', /bad\.conf:1:3: expected "name = value", found "store"$/],
			['store =\n', /bad\.conf:1:8: store needs a value$/],
		];
		for (const [text, pattern] of cases) {
			const file = write(dir, 'bad.conf', text);
			assert.throws(() => readConfigFile(file), (error: unknown) => error instanceof ConfigError && pattern.test(error.message) && !error.message.includes('\n'), text);
		}
	});

	it('order: --db, then SCORECARD_DB, then the user file, then the server file, then data/scorecard.db', () => {
		const dir = tempDir();
		const system = write(dir, 'etc/scorecard.conf', 'store = /srv/a.db\ntheme = light\n');
		const user = write(dir, 'home/.config/scorecard/config', 'store = /home/ann/b.db\n');
		const both = readConfigFiles({}, {system, user});
		assert.equal(both.store?.value, '/home/ann/b.db');
		assert.equal(both.theme?.value, 'light', "the server's theme stays where the user sets none");
		assert.deepEqual(resolveDbSource('x.db', {SCORECARD_DB: 'y.db'}, both), {path: 'x.db', from: '--db'});
		assert.deepEqual(resolveDbSource(undefined, {SCORECARD_DB: 'y.db'}, both), {path: 'y.db', from: 'SCORECARD_DB'});
		assert.deepEqual(resolveDbSource(undefined, {}, both), {path: '/home/ann/b.db', from: 'config', file: user});
		const serverOnly = readConfigFiles({}, {system, user: path.join(dir, 'nobody')});
		assert.equal(describeDbSource(resolveDbSource(undefined, {}, serverOnly)), `from ${system}`);
		assert.deepEqual(resolveDbSource(undefined, {}, {}), {path: DEFAULT_DB_PATH, from: 'default'});
	});

	it('the user file is under XDG_CONFIG_HOME when set, else ~/.config', () => {
		assert.equal(userConfigPath({HOME: '/home/ann'}), '/home/ann/.config/scorecard/config');
		assert.equal(userConfigPath({HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg'}), '/cfg/scorecard/config');
	});
});

/** As `user`, inside a mount namespace where /etc is `etc`: the command with only PATH and HOME set. */
function asUserWithEtc(user: SecondUser, etc: string, home: string, args: string[], cwd = os.tmpdir()): Promise<Result> {
	const script = 'mount --bind "$1" /etc && shift && exec "$@"';
	const command = ['runuser', '-u', user.name, '--', 'env', '-i', `PATH=${path.dirname(process.execPath)}:/usr/bin:/bin`, `HOME=${home}`, process.execPath, sharedInstall().cli, ...args];
	return new Promise(resolve => {
		execFile('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', etc, ...command], {cwd}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

describe('a teammate on the server, no login shell, nothing in the environment', () => {
	let user: SecondUser;
	let store: string;
	let etc: string;
	let home: string;
	before(async () => {
		assertBuilt();
		user = createSecondUser('conf');
		const folder = sharedFolder('scorecard-conf-');
		store = path.join(folder, 'scorecard.db');
		const loaded = await runBuiltLoader(['--db', store, ...sampleFiles()]);
		assert.equal(loaded.code, 0, loaded.stderr);
		fs.chmodSync(store, 0o644);
		// A copy of the machine's /etc, to hold the server's config file in the namespace only.
		etc = path.join(sharedFolder('scorecard-etc-'), 'etc');
		fs.cpSync('/etc', etc, {recursive: true, verbatimSymlinks: true, errorOnExist: false});
		home = sharedFolder('scorecard-home-');
		fs.chownSync(home, user.uid, user.uid);
	});
	after(() => user?.remove());

	it('without any setting: one line saying which setting to make, exit 1', async () => {
		fs.rmSync(path.join(etc, 'scorecard.conf'), {force: true});
		const result = await asUserWithEtc(user, etc, home, ['--print']);
		assert.equal(result.code, 1, result.stderr);
		assert.equal(result.stdout, '');
		assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
		assert.match(result.stderr, /^scorecard: data\/scorecard\.db: no store here; no store set: ask for "store = \/path\/to\/scorecard\.db" in \/etc\/scorecard\.conf \(every user\), or put it in ~\/\.config\/scorecard\/config, or set SCORECARD_DB, or give --db FILE\n$/);
		const doctor = await asUserWithEtc(user, etc, home, ['doctor']);
		assert.equal(doctor.code, 1);
		assert.match(doctor.stdout, /^store {6}.*data\/scorecard\.db \(the default: no --db, SCORECARD_DB not set, no store in \/etc\/scorecard\.conf or ~\/\.config\/scorecard\/config\)$/m);
		assert.match(doctor.stdout, /^read {7}no, as scorecard-conf-\S+: no store at data\/scorecard\.db; no store set: ask for "store = /m);
	});

	it("/etc/scorecard.conf's store: --print reads it, doctor names the file", async () => {
		fs.writeFileSync(path.join(etc, 'scorecard.conf'), `# the team's store\nstore = ${store}\ntheme = light\n`);
		fs.chmodSync(path.join(etc, 'scorecard.conf'), 0o644);
		const result = await asUserWithEtc(user, etc, home, ['--print']);
		assert.equal(result.code, 0, result.stderr);
		assert.ok(result.stdout.startsWith(SAMPLE.header), result.stdout);
		assert.ok(result.stdout.includes(SAMPLE.lastTitle), result.stdout);
		const doctor = await asUserWithEtc(user, etc, home, ['doctor']);
		assert.equal(doctor.code, 0, doctor.stdout);
		assert.match(doctor.stdout, new RegExp(`^store {6}${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(from /etc/scorecard\\.conf\\)$`, 'm'));
	});

	it("a user's own file wins over the server's; a mistake in it is one line naming file, line and column", async () => {
		const other = path.join(home, 'nowhere.db');
		const config = write(home, '.config/scorecard/config', `store = ${other}\n`);
		fs.chownSync(path.join(home, '.config'), user.uid, user.uid);
		let result = await asUserWithEtc(user, etc, home, ['--print']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /nowhere\.db: no store here/);
		fs.writeFileSync(config, `store = ${store}\nthem = light\n`);
		result = await asUserWithEtc(user, etc, home, ['--print']);
		assert.equal(result.code, 2);
		assert.equal(result.stderr, `scorecard: ${config}:2:1: unknown setting "them" (settings: store, theme)\n`);
		fs.rmSync(path.join(home, '.config'), {recursive: true});
	});
});

describe('the worker key file', () => {
	it("doctor warns of a key file other users can read, and says how to close it", async () => {
		assertBuilt();
		const dir = sharedFolder('scorecard-key-');
		const store = path.join(dir, 'scorecard.db');
		const loaded = await runBuiltLoader(['--db', store, ...sampleFiles()]);
		assert.equal(loaded.code, 0, loaded.stderr);
		const key = `${store}.key`;
		assert.equal(fs.statSync(key).mode & 0o777, 0o600, 'the loader makes it 0600');
		const doctor = (args: string[]) =>
			new Promise<string>(resolve => execFile(process.execPath, [CLI, 'doctor', ...args], {cwd: REPO}, (_, stdout) => resolve(stdout)));
		assert.match(await doctor(['--db', store]), /^key file {3}.*: readable \(loaders need it; readers never do\)$/m);
		fs.chmodSync(key, 0o604);
		assert.match(await doctor(['--db', store]), new RegExp(`^key file {3}.*: WARNING: readable by every user \\(mode 0604\\); only loaders should read it: chmod o-r ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
	});

	it("npm install's sample store: its key file is 0600 whatever the umask, and an old one readable by others is closed", () => {
		const dir = tempDir('scorecard-sample-');
		fs.symlinkSync(path.join(REPO, 'dist'), path.join(dir, 'dist'));
		fs.mkdirSync(path.join(dir, 'data'));
		fs.cpSync(path.join(REPO, 'data/samples'), path.join(dir, 'data/samples'), {recursive: true});
		const run = () => new Promise<Result>(resolve =>
			execFile('sh', ['-c', `umask 002 && ${process.execPath} ${path.join(REPO, 'scripts/sample-store.js')}`], {cwd: dir}, (error, stdout, stderr) =>
				resolve({code: error ? 1 : 0, stdout, stderr}),
			),
		);
		return (async () => {
			let result = await run();
			assert.equal(result.code, 0, result.stderr);
			const key = path.join(dir, 'data/scorecard.db.key');
			assert.equal(fs.statSync(key).mode & 0o777, 0o600);
			fs.chmodSync(key, 0o644);
			result = await run();
			assert.equal(result.code, 0, result.stderr);
			assert.match(result.stdout, /scorecard\.db\.key was readable by others: now 0600/);
			assert.equal(fs.statSync(key).mode & 0o777, 0o600);
		})();
	});
});
