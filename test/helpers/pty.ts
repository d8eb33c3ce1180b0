import assert from 'node:assert/strict';
// End-to-end harness: the BUILT console (dist/cli.js) in a real pseudo-terminal. node-pty where a
// test needs raw bytes, exact input timing, signals or the exit code; tmux where it needs what a
// person would see (capture-pane is a real terminal emulator's screen).
import {execFile, execFileSync} from 'node:child_process';
import {afterEach, before} from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import pty from 'node-pty';
import {sampleStore, tempDir as sharedTempDir} from './temp-store.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');
export const LOADER = path.join(REPO, 'dist/load.js');

export const ESC = '\u001B';
export const CSI = `${ESC}[`;
export const SHOW_CURSOR = `${CSI}?25h`;
export const LEAVE_ALTERNATE_SCREEN = `${CSI}?1049l`;
export const ENTER_ALTERNATE_SCREEN = `${CSI}?1049h`;

export const keys = {
	up: `${CSI}A`,
	down: `${CSI}B`,
	right: `${CSI}C`,
	left: `${CSI}D`,
	enter: '\r',
	escape: ESC,
	ctrlC: '\u0003',
} as const;

/** Fails with a clear message rather than a confusing spawn error when nothing is built. */
export function assertBuilt(): void {
	for (const file of [CLI, LOADER]) {
		if (!fs.existsSync(file)) {
			throw new Error(`${path.relative(REPO, file)} is missing: the e2e tests run the built console; run \`npm run build\` first (npm ci/npm install build it through prepare)`);
		}
	}
}

/** Temp dirs and sample stores are shared with the other helpers; e2e dirs get their own prefix. */
export function tempDir(prefix = 'scorecard-e2e-'): string {
	return sharedTempDir(prefix);
}

export {SAMPLES_DIR, sampleFiles, sampleStore} from './temp-store.js';

/** Runs the built loader as a separate process, as the monthly load does while consoles are open. */
export function runBuiltLoader(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, [LOADER, ...args], {cwd: REPO, env: cleanEnv()}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
	});
}

/**
 * The environment of someone's SSH session: a UTF-8 locale, a colour terminal, none of the test
 * runner's own settings (CI, NO_COLOR, FORCE_COLOR...) unless a test asks for them.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const name of ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR']) {
		const value = process.env[name];
		if (value !== undefined) env[name] = value;
	}
	env['TERM'] = 'xterm-256color';
	env['LANG'] = 'C.UTF-8';
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

export function plain(text: string): string {
	return stripVTControlCharacters(text);
}

/** Everything written after the first frame: ESC[?2026l closes Ink's first synchronized write. */
export function afterFirstFrame(raw: string): string {
	const start = raw.indexOf(ENTER_ALTERNATE_SCREEN);
	const end = raw.indexOf(`${CSI}?2026l`, start);
	return end === -1 ? '' : raw.slice(end);
}

/** Screen-clearing sequences (ED 2 and 3) in `raw`. */
export function screenClears(raw: string): string[] {
	return raw.match(/\u001B\[[23]J/g) ?? [];
}

/** Fails when the console never started, or cleared the screen (ED 2/3) after its first frame. */
export function assertNoScreenClears(raw: string, context: string): void {
	if (!raw.includes(ENTER_ALTERNATE_SCREEN)) throw new Error(`${context}: the console never started`);
	const clears = screenClears(afterFirstFrame(raw));
	if (clears.length) throw new Error(`${context}: the screen was cleared after the first frame (${clears.map(c => JSON.stringify(c)).join(', ')})`);
}

/** SGR sequences that set a colour (foreground, background, 256/truecolour). */
export function colourSequences(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([0-9;:]*)m/g)) {
		const params = match[1]!.split(/[;:]/).map(Number);
		if (params.some(p => (p >= 30 && p <= 49) || (p >= 90 && p <= 107))) found.push(match[0]);
	}
	return found;
}

/**
 * The runs of text written between cursor movements and line ends, styling removed: each run is
 * drawn on one line, so none may be wider than the terminal (every glyph we draw is one cell).
 */
export function textRuns(raw: string): string[] {
	return raw
		.replace(/\u001B\[[0-9;:]*m/g, '')
		.split(/\u001B\[[0-9;?]*[A-Za-z]|\u001B[^[]|[\r\n]/)
		.filter(Boolean);
}

export function widest(runs: string[]): {width: number; run: string} {
	let best = {width: 0, run: ''};
	for (const run of runs) {
		const width = [...run].length;
		if (width > best.width) best = {width, run};
	}
	return best;
}

export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeout = 15_000, describe?: () => string | Promise<string>): Promise<T> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) {
			const detail = describe ? `\n${await describe()}` : '';
			throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
		}
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

export const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// node-pty: raw bytes, exact input timing, signals, exit codes.

export type Exit = {exitCode: number; signal: number | undefined};

export type PtyConsole = {
	pid: number;
	/** Everything the console wrote, as the terminal received it. */
	readonly output: string;
	press(data: string): void;
	resize(columns: number, rows: number): void;
	/** Waits until the output (ANSI stripped, from `from`) satisfies `ok`. */
	waitForOutput(ok: (text: string, raw: string) => boolean, options?: {from?: number; timeout?: number; what?: string}): Promise<string>;
	/** Waits for `text` in the output written after `from` (default: the start). */
	waitForText(text: string | RegExp, options?: {from?: number; timeout?: number}): Promise<string>;
	/** Waits for the output to stop changing for `quiet` ms (after a key, the console settles). */
	settle(quiet?: number, timeout?: number): Promise<void>;
	exited: Promise<Exit>;
	exitCode(timeout?: number): Promise<Exit>;
	kill(signal?: string): void;
	close(): void;
};

export type SpawnOptions = {
	args?: string[];
	columns?: number;
	rows?: number;
	env?: Record<string, string | undefined>;
	/** A command other than the console (e.g. a shell pipeline through `sh -c`). */
	file?: string;
	argv?: string[];
	/** Where it starts (default: the checkout). */
	cwd?: string;
};

export function spawnConsole(options: SpawnOptions = {}): PtyConsole {
	assertBuilt();
	const env = cleanEnv(options.env);
	const child = pty.spawn(options.file ?? process.execPath, options.argv ?? [CLI, ...(options.args ?? [])], {
		name: env['TERM'] ?? 'xterm-256color',
		cols: options.columns ?? 80,
		rows: options.rows ?? 24,
		cwd: options.cwd ?? REPO,
		env,
	});
	let output = '';
	let lastChange = Date.now();
	let done = false;
	child.onData(data => {
		output += data;
		lastChange = Date.now();
	});
	const exited = new Promise<Exit>(resolve => {
		child.onExit(({exitCode, signal}) => {
			done = true;
			// node-pty can report the exit before the last of the output has been read from the
			// pty: resolve once the output has been quiet for 50 ms (at most 1 s after the exit).
			const exitedAt = Date.now();
			const drained = () => {
				if (Date.now() - lastChange >= 50 || Date.now() - exitedAt >= 1000) resolve({exitCode, signal: signal || undefined});
				else setTimeout(drained, 10);
			};
			setTimeout(drained, 10);
		});
	});
	const tail = () => `output so far (ANSI stripped, last 1500 chars):\n${plain(output).slice(-1500)}`;
	const self: PtyConsole = {
		pid: child.pid,
		get output() {
			return output;
		},
		press(data) {
			child.write(data);
		},
		resize(columns, rows) {
			child.resize(columns, rows);
		},
		waitForOutput(ok, {from = 0, timeout = 15_000, what = 'the expected output'} = {}) {
			return until(what, () => {
				const raw = output.slice(from);
				const text = plain(raw);
				return ok(text, raw) ? text : undefined;
			}, timeout, tail);
		},
		waitForText(text, {from = 0, timeout = 15_000} = {}) {
			return self.waitForOutput(t => (typeof text === 'string' ? t.includes(text) : text.test(t)), {from, timeout, what: JSON.stringify(String(text))});
		},
		async settle(quiet = 150, timeout = 10_000) {
			await until(`the output to settle for ${quiet} ms`, () => Date.now() - lastChange >= quiet, timeout);
		},
		exited,
		async exitCode(timeout = 15_000) {
			let timer: NodeJS.Timeout | undefined;
			const limit = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`the console did not exit within ${timeout} ms\n${tail()}`)), timeout);
			});
			try {
				return await Promise.race([exited, limit]);
			} finally {
				clearTimeout(timer);
			}
		},
		kill(signal = 'SIGTERM') {
			process.kill(child.pid, signal as NodeJS.Signals);
		},
		close() {
			if (!done) {
				try {
					child.kill('SIGKILL');
				} catch {
					// Already gone.
				}
			}
		},
	};
	return self;
}

// ---------------------------------------------------------------------------------------------
/** A captured screen fits its terminal: every row there, the last one empty, none wider than the terminal. */
export function fits(lines: string[], columns: number, rows: number): void {
	assert.equal(lines.length, rows);
	assert.equal((lines[rows - 1] ?? '').trim(), '', 'the last row stays empty');
	for (const line of lines) assert.ok([...line].length <= columns, `wider than ${columns}: ${line}`);
}

// tmux: the screen a person sees. Each session gets its own tmux server (-L), so tests never
// touch anyone else's tmux and closing one kills only what it started.

let serial = 0;
const open = new Set<string>();
let exitHook = false;

// A safety net for tests that fail before their own cleanup: the servers go with the runner.
function killOpenServers(): void {
	for (const socket of open) {
		try {
			execFileSync('tmux', ['-L', socket, 'kill-server'], {stdio: 'ignore'});
		} catch {
			// Already gone.
		}
	}
}

export type TmuxOptions = {
	columns?: number;
	rows?: number;
	env?: Record<string, string | undefined>;
};

export class TmuxSession {
	readonly socket: string;
	readonly rawFile: string;
	private readonly env: Record<string, string>;
	private closed = false;

	private constructor(socket: string, rawFile: string, env: Record<string, string>) {
		this.socket = socket;
		this.rawFile = rawFile;
		this.env = env;
	}

	/** A shell (prompt `$ `) in a fresh tmux server of the given size, its output recorded raw. */
	static async start(options: TmuxOptions = {}): Promise<TmuxSession> {
		assertBuilt();
		const dir = tempDir('scorecard-tmux-');
		const socket = `scorecard-e2e-${process.pid}-${++serial}`;
		const config = path.join(dir, 'tmux.conf');
		// remain-on-exit keeps a crashed shell's last screen for the failure message.
		fs.writeFileSync(config, 'set -g status off\nset -g remain-on-exit on\nset -g history-limit 2000\n');
		// A known prompt (`$ `): tmux does not pass PS1 on, so the shell's rc file sets it.
		const rc = path.join(dir, 'shrc');
		fs.writeFileSync(rc, "PS1='$ '\n");
		const shell = commandExists('bash') ? `bash --noprofile --rcfile '${rc}'` : `env ENV='${rc}' sh`;
		const env = cleanEnv(options.env);
		const session = new TmuxSession(socket, path.join(dir, 'raw.out'), env);
		fs.writeFileSync(session.rawFile, '');
		try {
			await session.tmux('-f', config, 'new-session', '-d', '-s', 'main', '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), shell);
			await session.tmux('pipe-pane', '-O', '-t', 'main', `cat >> '${session.rawFile}'`);
			await session.waitForScreen((_, screen) => screen.trimEnd().endsWith('$'), {what: 'the shell prompt'});
		} catch (error) {
			await session.close();
			throw error;
		}
		if (!exitHook) process.once('exit', killOpenServers);
		exitHook = true;
		open.add(socket);
		return session;
	}

	tmux(...args: string[]): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('tmux', ['-L', this.socket, ...args], {env: this.env}, (error, stdout, stderr) => {
				if (error) reject(new Error(`tmux ${args.join(' ')}: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}

	/** Types a command line into the shell and presses Enter. */
	async run(line: string): Promise<void> {
		await this.type(line);
		await this.keys('Enter');
	}

	/** Runs the built console with `args`, then prints its exit status as `[exit N]`. */
	async runConsole(args: string[], envPrefix: Record<string, string> = {}): Promise<void> {
		const assignments = Object.entries(envPrefix).map(([name, value]) => `${name}=${shellQuote(value)} `).join('');
		await this.run(`${assignments}${shellQuote(process.execPath)} ${shellQuote(CLI)} ${args.map(shellQuote).join(' ')}; echo "[exit $?]"`);
	}

	/** tmux key names: Down, Enter, Escape, C-c, ... */
	async keys(...names: string[]): Promise<void> {
		await this.tmux('send-keys', '-t', 'main', ...names);
	}

	/** Literal text. */
	async type(text: string): Promise<void> {
		await this.tmux('send-keys', '-t', 'main', '-l', text);
	}

	async resize(columns: number, rows: number): Promise<void> {
		await this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
	}

	async size(): Promise<{columns: number; rows: number}> {
		const [columns, rows] = (await this.tmux('display-message', '-p', '-t', 'main', '#{pane_width} #{pane_height}')).trim().split(' ').map(Number);
		return {columns: columns!, rows: rows!};
	}

	/** The visible screen, one string per row (trailing blanks trimmed by tmux). */
	async lines(): Promise<string[]> {
		const text = await this.tmux('capture-pane', '-p', '-t', 'main');
		return text.replace(/\n$/, '').split('\n');
	}

	async screen(): Promise<string> {
		return (await this.lines()).join('\n');
	}

	/** Polls the screen until `ok(lines, text)`; returns the lines. */
	async waitForScreen(ok: (lines: string[], text: string) => boolean, {timeout = 15_000, what = 'the expected screen'} = {}): Promise<string[]> {
		return until(what, async () => {
			const lines = await this.lines();
			return ok(lines, lines.join('\n')) ? lines : undefined;
		}, timeout, async () => `screen:\n${await this.screen().catch(error => String(error))}`);
	}

	waitForText(text: string | RegExp, timeout = 15_000): Promise<string[]> {
		return this.waitForScreen((_, screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), {timeout, what: JSON.stringify(String(text))});
	}

	/** The status the console exited with, from the `[exit N]` its command line prints. */
	async exitStatus(timeout = 15_000): Promise<number> {
		const lines = await this.waitForText(/\[exit \d+\]/, timeout);
		return Number(/\[exit (\d+)\]/.exec(lines.join('\n'))![1]);
	}

	/** Everything the pane's programs wrote (pipe-pane), decoded as UTF-8. */
	raw(): string {
		return fs.readFileSync(this.rawFile, 'utf8');
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		open.delete(this.socket);
		await this.tmux('kill-server').catch(() => undefined);
	}
}

export function shellQuote(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The grid's indicator rows (numbered 1..14) on a screen. */
export function indicatorRows(lines: string[]): string[] {
	return lines.filter(line => /^[ ▶>]\s+\d{1,2} \S/.test(line));
}

export function commandExists(command: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// The one e2e set-up.

export type E2e = {
	/** The sample store, made once for the describe. */
	readonly db: string;
	/** A tmux session, closed after the test. */
	tmux(options?: TmuxOptions): Promise<TmuxSession>;
	/** A console in node-pty, closed after the test. */
	spawn(options?: SpawnOptions): PtyConsole;
};

/**
 * Call once in a describe: checks the console is built and makes the sample store before its
 * tests (`store: false`: tests that change a store make their own), and closes every tmux session
 * and pty console a test opened after it, even when an assertion failed first. `checkConsole`
 * looks at each pty console's output before it closes, `checkSession` at each session's after.
 */
export function e2eSetup(options: {store?: boolean; checkConsole?: (cli: PtyConsole) => void; checkSession?: (session: TmuxSession) => void} = {}): E2e {
	let db = '';
	const sessions = new Set<TmuxSession>();
	const consoles = new Set<PtyConsole>();
	before(async () => {
		assertBuilt();
		if (options.store !== false) db = await sampleStore();
	});
	afterEach(async () => {
		const opened = [...consoles];
		consoles.clear();
		try {
			for (const cli of opened) options.checkConsole?.(cli);
		} finally {
			for (const cli of opened) cli.close();
			const ended = [...sessions];
			sessions.clear();
			for (const session of ended) await session.close();
			for (const session of ended) options.checkSession?.(session);
		}
	});
	return {
		get db() {
			return db;
		},
		async tmux(tmuxOptions) {
			const session = await TmuxSession.start(tmuxOptions);
			sessions.add(session);
			return session;
		},
		spawn(spawnOptions) {
			const cli = spawnConsole(spawnOptions);
			consoles.add(cli);
			return cli;
		},
	};
}
