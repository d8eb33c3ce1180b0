// The console the way the team reaches it: over SSH, here on loopback (127.0.0.1 only), with an
// sshd, host key and user key made for the test. If sshd cannot be started the test fails and
// says why: it never skips.
import assert from 'node:assert/strict';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {CLI, REPO, assertNoScreenClears, e2eSetup, indicatorRows, shellQuote, tempDir, until} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE} from './helpers/sample.js';

const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/local/sbin/sshd'];

function findSshd(): string | undefined {
	return SSHD_CANDIDATES.find(file => fs.existsSync(file));
}

/** sshd, installing Debian's openssh-server first when running in CI as root. */
function sshdBinary(): string {
	let sshd = findSshd();
	if (!sshd && process.env['CI'] && process.getuid?.() === 0) {
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		execFileSync('apt-get', ['update', '-qq'], {env, stdio: 'ignore'});
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openssh-server', 'openssh-client'], {env, stdio: 'ignore'});
		sshd = findSshd();
	}
	if (!sshd) throw new Error(`sshd not found (looked in ${SSHD_CANDIDATES.join(', ')}): install Debian's openssh-server (apt-get install openssh-server)`);
	return sshd;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

type Sshd = {process: ChildProcess; port: number; key: string; user: string; log: () => string};

async function startSshd(): Promise<Sshd> {
	const sshd = sshdBinary();
	// sshd wants its privilege-separation directory even when it never uses it.
	try {
		fs.mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
	} catch (error) {
		if (process.getuid?.() === 0) throw error;
	}
	const dir = tempDir('scorecard-sshd-');
	const hostKey = path.join(dir, 'host_ed25519');
	const key = path.join(dir, 'user_ed25519');
	for (const file of [hostKey, key]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'scorecard-e2e', '-f', file], {stdio: 'ignore'});
	const authorized = path.join(dir, 'authorized_keys');
	fs.copyFileSync(`${key}.pub`, authorized);
	fs.chmodSync(authorized, 0o600);
	const user = os.userInfo().username;
	const port = await freePort();
	const config = path.join(dir, 'sshd_config');
	fs.writeFileSync(
		config,
		[
			`Port ${port}`,
			'ListenAddress 127.0.0.1',
			`HostKey ${hostKey}`,
			`PidFile ${path.join(dir, 'sshd.pid')}`,
			`AuthorizedKeysFile ${authorized}`,
			`AllowUsers ${user}`,
			'UsePAM no',
			'StrictModes no',
			'PubkeyAuthentication yes',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'PermitRootLogin prohibit-password',
			'PrintMotd no',
			'PrintLastLog no',
			'LogLevel INFO',
			'',
		].join('\n'),
	);
	let log = '';
	const child = spawn(sshd, ['-D', '-e', '-f', config], {stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout!.on('data', data => (log += String(data)));
	child.stderr!.on('data', data => (log += String(data)));
	let exited: string | undefined;
	child.once('exit', (code, signal) => (exited = `sshd exited (${signal ?? code})`));
	child.once('error', error => (exited = `sshd could not run: ${error.message}`));
	await until(
		`sshd to listen on 127.0.0.1:${port}`,
		() => {
			if (exited) throw new Error(`${exited}\n${log}`);
			return log.includes('Server listening on 127.0.0.1') || undefined;
		},
		15_000,
		() => `sshd log:\n${log}`,
	);
	return {process: child, port, key, user, log: () => log};
}

async function stopSshd(sshd: Sshd | undefined): Promise<void> {
	const child = sshd?.process;
	if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return;
	const gone = new Promise(resolve => child.once('exit', resolve));
	process.kill(child.pid, 'SIGTERM');
	await Promise.race([gone, new Promise(resolve => setTimeout(resolve, 5000))]);
}

describe('over SSH on loopback', () => {
	const e2e = e2eSetup();
	let sshd: Sshd | undefined;

	before(async () => {
		sshd = await startSshd();
	});
	after(async () => {
		await stopSshd(sshd);
	});

	/** The ssh command line a person types, running `remote` on the other side. */
	function ssh(remote: string): string {
		const options = [
			'-tt',
			'-F', '/dev/null',
			'-p', String(sshd!.port),
			'-i', sshd!.key,
			'-o', 'IdentitiesOnly=yes',
			'-o', 'BatchMode=yes',
			'-o', 'StrictHostKeyChecking=no',
			'-o', 'UserKnownHostsFile=/dev/null',
			'-o', 'LogLevel=ERROR',
		];
		return `ssh ${options.map(shellQuote).join(' ')} ${shellQuote(`${sshd!.user}@127.0.0.1`)} ${shellQuote(remote)}`;
	}

	const consoleCommand = `cd ${shellQuote(REPO)} && echo "[remote pid $$]" && exec env LANG=C.UTF-8 ${shellQuote(process.execPath)} ${shellQuote(path.relative(REPO, CLI))} --db ${'DB'}`;

	it('shows the grid, drills down, and q quits with 0', async () => {
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.run(`${ssh(consoleCommand.replace('DB', shellQuote(e2e.db)))}; echo "[exit $?]"`);
		let lines = await session.waitForScreen(l => (l[0] ?? '').startsWith(SAMPLE.header) && indicatorRows(l).length === SAMPLE.indicators.length, {
			what: 'the grid over SSH',
			timeout: 30_000,
		}).catch(error => {
			throw new Error(`${(error as Error).message}\nsshd log:\n${sshd!.log()}`);
		});
		assert.match(lines.find(line => line.startsWith('▶')) ?? '', new RegExp(`^▶\\s+${re(rowStart(1))}`));

		await session.keys('Down');
		await session.waitForScreen(l => new RegExp(`^▶\\s+${re(rowStart(2))}`).test(l.find(line => line.startsWith('▶')) ?? ''), {what: 'the selection on row 2'});
		await session.keys('Enter');
		lines = await session.waitForScreen(l => (l[0] ?? '').includes('indicator detail') && l.join('\n').includes(SAMPLE.indicators[1]!.title), {
			what: "indicator 2's detail",
		});
		assert.equal((lines[23] ?? '').trim(), '', 'the frame stops short of the last row');
		await session.type('q');
		await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'the grid again'});
		await session.type('q');
		assert.equal(await session.exitStatus(), 0, 'ssh passes on the console exit status');
		const screen = await session.screen();
		assert.ok(!screen.includes(SAMPLE.header), 'the shell screen is back after the console');
		assertNoScreenClears(session.raw(), 'over SSH');
	});

	it('leaves no console running on the server when the connection drops', async () => {
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.run(ssh(consoleCommand.replace('DB', shellQuote(e2e.db))));
		await session.waitForScreen(l => (l[0] ?? '').startsWith(SAMPLE.header), {what: 'the grid over SSH', timeout: 30_000});
		const pid = Number(/\[remote pid (\d+)\]/.exec(session.raw())?.[1]);
		assert.ok(pid > 0, 'the remote shell printed its pid');
		assert.ok(fs.existsSync(`/proc/${pid}`), 'the console runs under sshd');
		// The link dies: the ssh client is killed outright, sshd closes the console's terminal.
		const shell = Number((await session.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}')).trim());
		const client = childOf(shell);
		assert.ok(client, 'the ssh client under the shell');
		process.kill(client, 'SIGKILL');
		await until(`the console (pid ${pid}) to exit after the connection dropped`, () => !running(pid), 15_000);
	});
});

function childOf(parent: number): number | undefined {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) return Number(entry);
		} catch {
			// Gone already.
		}
	}
	return undefined;
}

/** Alive and not a zombie. */
function running(pid: number): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}
