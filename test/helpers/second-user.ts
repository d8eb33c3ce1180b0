import {execFile, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CLI, LOADER, REPO, cleanEnv, sampleFiles} from './pty.js';

// A real second Unix user, as a teammate on the shared server: made by the test (which must run
// as root, as `npm test` on CI does) and removed afterwards. Never a skip: a test that cannot make
// one fails and says why. Names carry the pid, since other test processes run at the same time.

/**
 * The built console installed in a folder every user can reach, as the README's shared-server
 * install has it: dist/ and the one package the bundle leaves out (sqlite3, a native addon), in a
 * 755 folder under the system's temp folder. Second users run this copy, never the checkout: a
 * checkout in a folder only its owner can enter (root's home, 0700) must pass its tests too.
 * Made once per test process, removed when it exits.
 */
export type SharedInstall = {dir: string; cli: string; loader: string; testSetup: string; samples: string[]};

let install: SharedInstall | undefined;

export function sharedInstall(): SharedInstall {
	if (install) return install;
	const dir = sharedFolder('scorecard-install-');
	const copy = (from: string, to = from) => {
		fs.cpSync(path.join(REPO, from), path.join(dir, to), {recursive: true, dereference: true});
	};
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.copyFileSync(CLI, path.join(dir, 'dist/cli.js'));
	fs.copyFileSync(LOADER, path.join(dir, 'dist/load.js'));
	fs.chmodSync(path.join(dir, 'dist/cli.js'), 0o755);
	fs.chmodSync(path.join(dir, 'dist/load.js'), 0o755);
	// The bundles are ES modules: the package's type says so.
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({name: 'scorecard', private: true, type: 'module'})}\n`);
	// sqlite3 as it loads: its JavaScript, its package.json and the compiled addon (found by `bindings`).
	copy('node_modules/sqlite3/package.json');
	copy('node_modules/sqlite3/lib');
	copy('node_modules/sqlite3/build/Release/node_sqlite3.node');
	copy('node_modules/bindings');
	copy('node_modules/file-uri-to-path');
	copy('scripts/test-setup.js');
	// The sample files, for loads the second users make.
	const samples = sampleFiles().map(file => {
		const to = path.join('samples', path.basename(file));
		copy(path.relative(REPO, file), to);
		return path.join(dir, to);
	});
	// Everyone may read and run it (copies keep the checkout's modes, which may be 0700 folders).
	for (const entry of fs.readdirSync(dir, {recursive: true, withFileTypes: true})) {
		const full = path.join(entry.parentPath, entry.name);
		fs.chmodSync(full, entry.isDirectory() || full.endsWith('.js') || full.endsWith('.node') ? 0o755 : 0o644);
	}
	install = {dir, cli: path.join(dir, 'dist/cli.js'), loader: path.join(dir, 'dist/load.js'), testSetup: path.join(dir, 'scripts/test-setup.js'), samples};
	return install;
}

export type SecondUser = {
	name: string;
	uid: number;
	/** Run a command as the user; resolves with its exit code and output (never rejects). */
	run(file: string, args: string[], options?: {env?: Record<string, string | undefined>; timeoutMs?: number}): Promise<Result>;
	/** `node dist/cli.js ARGS` as the user, from the shared install. */
	cli(args: string[], env?: Record<string, string | undefined>): Promise<Result>;
	remove(): void;
};

export type Result = {code: number; stdout: string; stderr: string};

let count = 0;

// By its path: a test may give the user a PATH without the sbin folders.
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(file => fs.existsSync(file)) ?? 'runuser';

export function createSecondUser(tag = 'ro', options: {groups?: string[]} = {}): SecondUser {
	if (process.getuid?.() !== 0) {
		throw new Error('this test needs root to create a second Unix user (npm test as root, as .ci/run does); not skipped');
	}
	const name = `scorecard-${tag}-${process.pid}-${count++}`.slice(0, 32);
	try {
		execFileSync('useradd', ['-M', '-s', '/bin/bash', ...(options.groups?.length ? ['-G', options.groups.join(',')] : []), name], {stdio: 'pipe'});
	} catch (error) {
		throw new Error(`useradd ${name} failed: ${(error as {stderr?: Buffer}).stderr?.toString().trim() ?? String(error)}`);
	}
	const uid = Number(execFileSync('id', ['-u', name], {encoding: 'utf8'}).trim());
	const run: SecondUser['run'] = (file, args, options = {}) =>
		new Promise(resolve => {
			// HOME must be one the user can use; theirs does not exist (-M).
			const env = cleanEnv({HOME: os.tmpdir(), USER: name, LOGNAME: name, ...options.env});
			// In the shared install, which the user can enter (the checkout may be in a folder they cannot).
			execFile(RUNUSER, ['-u', name, '--', file, ...args], {cwd: sharedInstall().dir, env, timeout: options.timeoutMs ?? 30_000}, (error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({code, stdout, stderr});
			});
		});
	return {
		name,
		uid,
		run,
		cli: (args, env) => run(process.execPath, [sharedInstall().cli, ...args], {env}),
		remove() {
			// -f: even if a console of a failed test still runs as the user (the test closes its own).
			execFileSync('userdel', ['-f', name], {stdio: 'pipe'});
		},
	};
}

/**
 * A folder other users can enter and read but not write (755), removed when the process exits.
 * (mkdtemp makes 0700 folders, which a second user could not even reach.)
 */
export function sharedFolder(prefix = 'scorecard-shared-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/** A Unix group for the team (as root), removed by `remove()`. */
export function createGroup(tag = 'team'): {name: string; remove(): void} {
	if (process.getuid?.() !== 0) throw new Error('this test needs root to create a Unix group; not skipped');
	const name = `sc-${tag}-${process.pid}-${count++}`.slice(0, 32);
	execFileSync('groupadd', [name], {stdio: 'pipe'});
	return {name, remove: () => execFileSync('groupdel', [name], {stdio: 'pipe'})};
}
