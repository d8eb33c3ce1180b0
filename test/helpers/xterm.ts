// A real terminal emulator for the end-to-end tests: xterm under Xvfb, keys typed through the X
// server (xdotool, XTEST), the screen read back through xterm's own Media Copy (ESC [ i prints
// the whole screen to its printerCommand). tmux is a terminal too, but it forgives what xterm,
// VTE and the Linux console do not (an erase after a full-width line takes its last cell).
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {CLI, REPO, assertBuilt, cleanEnv, shellQuote, tempDir, until} from './pty.js';

export type Cell = {char: string; fg: Colour; bg: Colour; bold: boolean; inverse: boolean};
/** A colour as SGR set it: the default, an ANSI index (0-255), or an RGB triple. */
export type Colour = {kind: 'default'} | {kind: 'index'; index: number} | {kind: 'rgb'; rgb: [number, number, number]};

let display: Promise<{number: number; server: ChildProcess}> | undefined;

/** One Xvfb for the test process, on a display number it chooses itself (-displayfd). */
function xserver(): Promise<{number: number; server: ChildProcess}> {
	display ??= new Promise((resolve, reject) => {
		const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {stdio: ['ignore', 'ignore', 'pipe', 'pipe']});
		let errors = '';
		let answer = '';
		server.stderr!.on('data', chunk => (errors += String(chunk)));
		const fd3 = server.stdio[3] as NodeJS.ReadableStream & {unref?: () => void};
		fd3.on('data', chunk => {
			answer += String(chunk);
			if (!answer.includes('\n')) return;
			// From now on the server must not keep the test runner alive.
			server.unref();
			fd3.unref?.();
			(server.stderr as unknown as {unref?: () => void}).unref?.();
			resolve({number: Number(answer.trim()), server});
		});
		server.on('error', error => reject(new Error(`Xvfb: ${error.message} (npm test installs it as root: scripts/test-setup.js)`)));
		server.on('exit', code => reject(new Error(`Xvfb exited (${code}) before it gave a display: ${errors.slice(-500)}`)));
		process.once('exit', () => server.kill('SIGKILL'));
	});
	return display;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(command, args, {env}, (error, stdout, stderr) => {
			if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`));
			else resolve(stdout);
		});
	});
}

export type XtermOptions = {
	columns?: number;
	rows?: number;
	/** The console's arguments (it runs as `node dist/cli.js ARGS`). */
	args?: string[];
	env?: Record<string, string | undefined>;
	/** xterm's own colours; xterm's defaults are black on white. */
	background?: string;
	foreground?: string;
};

export class XtermSession {
	private dumps = 0;
	private closed = false;
	private constructor(
		readonly dir: string,
		private readonly xterm: ChildProcess,
		private readonly env: NodeJS.ProcessEnv,
		readonly window: string,
		readonly columns: number,
		readonly rows: number,
	) {}

	/**
	 * xterm at the given size running the built console, with the keyboard focus on it. An xterm
	 * that exits as it starts (seen now and then on a busy machine, before the console runs) is
	 * started once more; its own words are in the error if it fails again.
	 */
	static async start(options: XtermOptions = {}): Promise<XtermSession> {
		try {
			return await XtermSession.startOnce(options);
		} catch (error) {
			if (!(error instanceof Error) || !/at start/.test(error.message)) throw error;
			return XtermSession.startOnce(options);
		}
	}

	private static async startOnce(options: XtermOptions): Promise<XtermSession> {
		assertBuilt();
		const {number} = await xserver();
		const dir = tempDir('scorecard-xterm-');
		const columns = options.columns ?? 80;
		const rows = options.rows ?? 24;
		// The wrapper keeps a reader on a FIFO: each line written to it makes xterm print its screen.
		// After the console exits its status is kept and the window stays, for a last look.
		const wrapper = path.join(dir, 'run.sh');
		fs.writeFileSync(
			wrapper,
			[
				'#!/bin/sh',
				`dir=${shellQuote(dir)}`,
				'mkfifo "$dir/dump.fifo"',
				`(exec 3<>"$dir/dump.fifo"; while read -r _ <&3; do printf '\\033[i' > /dev/tty; done) &`,
				`cd ${shellQuote(REPO)}`,
				'"$@"',
				'echo $? > "$dir/exit.status"',
				'while :; do sleep 60; done',
			].join('\n'),
			{mode: 0o755},
		);
		const env = {...cleanEnv(options.env), DISPLAY: `:${number}`};
		const xterm = spawn(
			'xterm',
			[
				'-geometry', `${columns}x${rows}`,
				'-fa', 'DejaVu Sans Mono', '-fs', '10',
				'-bg', options.background ?? 'white', '-fg', options.foreground ?? 'black',
				'-xrm', `XTerm.vt100.printerCommand: cat > ${dir}/screen.part && mv ${dir}/screen.part ${dir}/screen.txt`,
				// Characters with their SGR attributes and colours, so tests can read the colours drawn.
				'-xrm', 'XTerm.vt100.printAttributes: 2',
				'-xrm', 'XTerm.vt100.printerNewLine: true',
				'-title', `scorecard-e2e-${path.basename(dir)}`,
				'-e', wrapper, process.execPath, CLI, ...(options.args ?? []),
			],
			{env, stdio: ['ignore', 'ignore', 'pipe'], detached: true},
		);
		xterm.unref();
		let said = '';
		xterm.stderr!.on('data', chunk => (said = (said + String(chunk)).slice(-500)));
		(xterm.stderr as unknown as {unref?: () => void}).unref?.();
		const failed = new Promise<never>((_, reject) => {
			xterm.once('error', error => reject(new Error(`xterm: ${error.message} (npm test installs it as root)`)));
			xterm.once('exit', code => reject(new Error(`xterm exited (${code}) at start: ${said.trim() || 'it said nothing'}`)));
		});
		const window = await Promise.race([
			until('the xterm window', async () => (await run('xdotool', ['search', '--pid', String(xterm.pid)], env).catch(() => '')).trim().split('\n')[0] || undefined, 15_000),
			failed,
		]);
		await until('the dump FIFO', () => fs.existsSync(path.join(dir, 'dump.fifo')), 15_000);
		const session = new XtermSession(dir, xterm, env, window, columns, rows);
		await run('xdotool', ['windowfocus', '--sync', window], env).catch(() => run('xdotool', ['windowfocus', window], env));
		return session;
	}

	/** Key names as X knows them: Down, Return, Escape, q, bracketright, ctrl+c... */
	async keys(...names: string[]): Promise<void> {
		// The focus again first: XTEST types into whichever window has it.
		await run('xdotool', ['windowfocus', '--sync', this.window], this.env).catch(() => undefined);
		for (const name of names) await run('xdotool', ['key', '--clearmodifiers', name], this.env);
	}

	/** Literal text, typed a character at a time. */
	async type(text: string): Promise<void> {
		await run('xdotool', ['type', '--delay', '40', text], this.env);
	}

	/** The screen as xterm holds it: one line per row, with SGR codes (printAttributes 2). */
	async rawScreen(): Promise<string[]> {
		const file = path.join(this.dir, 'screen.txt');
		fs.rmSync(file, {force: true});
		this.dumps++;
		fs.writeFileSync(path.join(this.dir, 'dump.fifo'), `${this.dumps}\n`);
		await until('xterm to print its screen', () => fs.existsSync(file), 10_000);
		const text = fs.readFileSync(file, 'utf8').replace(/\n$/, '');
		// Each row starts with its line attribute (ESC # 5: single width); only the text and SGR matter.
		const lines = text.split('\n').map(line => line.replace(/\u001B#\d/g, '').replace(/\r$/, ''));
		return lines.slice(0, this.rows);
	}

	/** The screen's text, one string per row, trailing blanks trimmed (as tmux's capture-pane gives it). */
	async lines(): Promise<string[]> {
		return (await this.rawScreen()).map(line => line.replace(/\u001B\[[0-9;:]*m/g, '').trimEnd());
	}

	/** Every row's cells with the colours and attributes xterm drew them in. */
	async cells(): Promise<Cell[][]> {
		return (await this.rawScreen()).map(line => parseCells(line));
	}

	async waitForScreen(ok: (lines: string[], text: string) => boolean, {timeout = 15_000, what = 'the expected screen'} = {}): Promise<string[]> {
		let last: string[] = [];
		return until(
			what,
			async () => {
				last = await this.lines();
				return ok(last, last.join('\n')) ? last : undefined;
			},
			timeout,
			() => `xterm's screen:\n${last.join('\n')}`,
		);
	}

	waitForText(text: string | RegExp, timeout = 15_000): Promise<string[]> {
		return this.waitForScreen((_, screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), {timeout, what: JSON.stringify(String(text))});
	}

	/** The console's exit status once it has exited. */
	async exitStatus(timeout = 15_000): Promise<number> {
		const file = path.join(this.dir, 'exit.status');
		await until('the console to exit', () => fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() !== '', timeout);
		return Number(fs.readFileSync(file, 'utf8').trim());
	}

	/** A PNG of the window, for people (README captures), through ImageMagick's import when present. */
	async screenshot(file: string): Promise<void> {
		await run('import', ['-window', this.window, file], this.env);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			// The whole group: xterm, the wrapper, its FIFO reader and the console.
			process.kill(-this.xterm.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
}

/**
 * xterm's SGR-annotated print line as cells. Two quirks of xterm's printer (print.c, send_SGR):
 * colours come in the colon form (`38:5:130`, `38:2::175:95:0`), and a bold cell's colour index
 * above 8 is printed 8 lower (it undoes boldColors' brightening, for 256 colours too): a bold
 * cell printed with an index of 16 or more is 8 higher on screen.
 */
export function parseCells(line: string, {xtermPrinter = true} = {}): Cell[] {
	const cells: Cell[] = [];
	let fg: Colour = {kind: 'default'};
	let bg: Colour = {kind: 'default'};
	let bold = false;
	let inverse = false;
	for (const token of line.matchAll(/\u001B\[([0-9;:]*)m|([^\u001B])/gu)) {
		if (token[2] !== undefined) {
			const shown = (colour: Colour): Colour => (xtermPrinter && bold && colour.kind === 'index' && colour.index >= 16 ? {kind: 'index', index: colour.index + 8} : colour);
			cells.push({char: token[2], fg: shown(fg), bg, bold, inverse});
			continue;
		}
		// Parameters split by `;`; a colour in the colon form is one parameter with sub-parameters.
		const params = (token[1] ?? '').split(';').map(param => param.split(':').map(part => (part === '' ? null : Number(part))));
		for (let i = 0; i < params.length; i++) {
			const [first, ...sub] = params[i]!;
			const p = first ?? 0;
			const colour = (): Colour | null => {
				if (sub.length > 0) {
					if (sub[0] === 5) return {kind: 'index', index: sub[1] ?? 0};
					// 38:2:<colour space>:r:g:b, the colour space often empty.
					if (sub[0] === 2) return {kind: 'rgb', rgb: sub.slice(-3).map(v => v ?? 0) as [number, number, number]};
					return null;
				}
				const kind = params[i + 1]?.[0];
				if (kind === 5) {
					const value: Colour = {kind: 'index', index: params[i + 2]?.[0] ?? 0};
					i += 2;
					return value;
				}
				if (kind === 2) {
					const value: Colour = {kind: 'rgb', rgb: [params[i + 2]?.[0] ?? 0, params[i + 3]?.[0] ?? 0, params[i + 4]?.[0] ?? 0]};
					i += 4;
					return value;
				}
				return null;
			};
			if (p === 0) {
				fg = {kind: 'default'};
				bg = {kind: 'default'};
				bold = false;
				inverse = false;
			} else if (p === 1) bold = true;
			else if (p === 22) bold = false;
			else if (p === 7) inverse = true;
			else if (p === 27) inverse = false;
			else if (p >= 30 && p <= 37) fg = {kind: 'index', index: p - 30};
			else if (p >= 90 && p <= 97) fg = {kind: 'index', index: p - 90 + 8};
			else if (p >= 40 && p <= 47) bg = {kind: 'index', index: p - 40};
			else if (p >= 100 && p <= 107) bg = {kind: 'index', index: p - 100 + 8};
			else if (p === 39) fg = {kind: 'default'};
			else if (p === 49) bg = {kind: 'default'};
			else if (p === 38) fg = colour() ?? fg;
			else if (p === 48) bg = colour() ?? bg;
		}
	}
	return cells;
}
