// Every way out gives the terminal back: q, Ctrl-C, SIGTERM and SIGHUP (the SSH link dropping).
// Also: a console started with CI set in the environment still draws.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, it} from 'node:test';
import {ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR, assertNoScreenClears, e2eSetup, keys, until, type PtyConsole, type TmuxSession} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE, titleWords} from './helpers/sample.js';

const HIDE_CURSOR = '\u001B[?25l';

/** The cursor shown and the alternate screen left at the end, and nothing drawn after that. */
function assertRestored(raw: string, how: string, trailing: 'nothing' | 'shell' = 'nothing'): void {
	const leave = raw.lastIndexOf(LEAVE_ALTERNATE_SCREEN);
	assert.ok(leave > raw.lastIndexOf(ENTER_ALTERNATE_SCREEN), `${how}: the alternate screen was not left`);
	assert.ok(raw.lastIndexOf(SHOW_CURSOR) > raw.lastIndexOf(HIDE_CURSOR), `${how}: the cursor was left hidden`);
	assert.ok(raw.lastIndexOf(SHOW_CURSOR) > raw.lastIndexOf(ENTER_ALTERNATE_SCREEN), `${how}: no show-cursor after the console started`);
	if (trailing === 'nothing') {
		const after = raw.slice(leave + LEAVE_ALTERNATE_SCREEN.length).replaceAll(SHOW_CURSOR, '');
		assert.equal(after, '', `${how}: output after leaving the alternate screen: ${JSON.stringify(after.slice(0, 200))}`);
		assert.ok(raw.endsWith(LEAVE_ALTERNATE_SCREEN) || raw.endsWith(SHOW_CURSOR), `${how}: the output does not end with the restore sequences`);
	}
	assertNoScreenClears(raw, how);
}

describe('leaving the console', () => {
	const e2e = e2eSetup();

	async function started(env: Record<string, string | undefined> = {}): Promise<PtyConsole> {
		const cli = e2e.spawn({args: ['--db', e2e.db], env});
		await cli.waitForText(SAMPLE.lastTitle);
		return cli;
	}

	it('q: exit 0, the terminal restored', async () => {
		const cli = await started();
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		assertRestored(cli.output, 'q');
	});

	it('Ctrl-C, from a view deep in: exit 130 (the shell\'s code for an interrupt), the terminal restored', async () => {
		const cli = await started();
		const from = cli.output.length;
		cli.press(keys.enter);
		await cli.waitForText('indicator detail', {from});
		cli.press(keys.ctrlC);
		assert.equal((await cli.exitCode()).exitCode, 130);
		assertRestored(cli.output, 'Ctrl-C');
	});

	it('SIGINT (kill -INT): exits 130, the terminal restored', async () => {
		const cli = await started();
		cli.kill('SIGINT');
		assert.equal((await cli.exitCode()).exitCode, 130);
		assertRestored(cli.output, 'SIGINT');
	});

	for (const pause of [0, 300]) {
		it(`Ctrl-C ${pause ? 'a moment' : 'at once'} after another key (${pause ? 'a read of its own' : 'one read with it'}): exit 130`, async () => {
			const cli = await started();
			cli.press('/');
			// The gap is the case: 0 sends both keys in one read, 300 ms in two.
			await new Promise(resolve => setTimeout(resolve, pause));
			cli.press(keys.ctrlC);
			assert.equal((await cli.exitCode()).exitCode, 130);
			assertRestored(cli.output, 'Ctrl-C after /');
		});
	}

	it('SIGHUP (the SSH link drops): exits 129, the terminal restored', async () => {
		const cli = await started();
		cli.kill('SIGHUP');
		const exit = await cli.exitCode();
		assert.equal(exit.exitCode, 129);
		assertRestored(cli.output, 'SIGHUP');
	});

	it('SIGTERM: exits 143, the terminal restored', async () => {
		const cli = await started();
		cli.kill('SIGTERM');
		assert.equal((await cli.exitCode()).exitCode, 143);
		assertRestored(cli.output, 'SIGTERM');
	});

	it('with CI=true inherited: still draws (Ink would otherwise hold every frame until exit)', async () => {
		const cli = await started({CI: 'true', CONTINUOUS_INTEGRATION: '1'});
		assert.ok(cli.output.includes(ENTER_ALTERNATE_SCREEN));
		const from = cli.output.length;
		cli.press(keys.down);
		await cli.waitForOutput(text => new RegExp(`▶\\s+${re(rowStart(2))}`).test(text), {from, what: 'the selection on row 2'});
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		assertRestored(cli.output, 'CI=true');
	});

	for (const how of ['q', 'SIGHUP'] as const) {
		it(`${how} in tmux: the shell's screen is back as it was`, async () => {
			const session = await e2e.tmux({columns: 80, rows: 24});
			await session.run('echo before-the-console');
			await session.waitForText(/^before-the-console$/m);
			await session.runConsole(['--db', e2e.db]);
			await session.waitForScreen(lines => (lines[0] ?? '').startsWith(SAMPLE.header), {what: 'the console'});
			if (how === 'q') {
				await session.type('q');
			} else {
				const pid = await consolePid(session);
				process.kill(pid, 'SIGHUP');
			}
			const status = await session.exitStatus();
			assert.equal(status, how === 'q' ? 0 : 129);
			const lines = await session.waitForScreen(l => l.some(line => line.trimEnd() === '$'), {what: 'the prompt again'});
			const screen = lines.join('\n');
			assert.match(screen, /^before-the-console$/m, 'the shell output from before is back');
			assert.match(screen, /dist\/cli\.js --db/, 'the command line is back');
			assert.ok(!screen.includes('Scorecard') && !screen.includes(titleWords(1, 1)), `nothing of the console left on the shell screen:\n${screen}`);
			assertRestored(session.raw(), `${how} in tmux`, 'shell');
		});
	}
});

/** The console's pid: the child of the pane's shell. */
async function consolePid(session: TmuxSession): Promise<number> {
	const shell = Number((await session.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}')).trim());
	return until('the console process under the shell', () => {
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				// stat: pid (comm) state ppid ...; comm may hold spaces, so read after the last ')'.
				const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				// The shell runs one command at a time: its child is the console (which renames itself).
				if (ppid === shell) return Number(entry);
			} catch {
				// Gone already.
			}
		}
		return undefined;
	});
}

describe('the terminal going away', () => {
	const e2e = e2eSetup();

	it('exits when its terminal is closed under it (no console left running after the link drops)', async () => {
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', e2e.db]);
		await session.waitForScreen(lines => (lines[0] ?? '').startsWith(SAMPLE.header), {what: 'the console'});
		const pid = await consolePid(session);
		// Closing the pane closes the pty: SIGHUP, then EIO on every read and write.
		await session.tmux('kill-pane', '-t', 'main');
		await until(`console pid ${pid} to exit`, () => !fs.existsSync(`/proc/${pid}`) || /^\S+ \S+ Z/.test(stat(pid)), 10_000);
	});
});

function stat(pid: number): string {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return `${pid} x ${text.slice(text.lastIndexOf(')') + 2)}`;
	} catch {
		return '';
	}
}
