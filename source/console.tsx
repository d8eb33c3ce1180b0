import React, {useEffect, useState} from 'react';
import {render, useStdout} from 'ink';
import {App, INTERRUPTED} from './app.js';
import {errorLine} from './output.js';
import type {InitialRead} from './hooks/use-live-screen.js';
import {TerminalSizeContext, type TerminalSize} from './hooks/use-terminal-size.js';
import {ThemeContext} from './hooks/use-theme.js';
import {watchInputGone} from './input/use-key-input.js';
import type {Route} from './views/route.js';
import type {ConsoleConfig} from './config.js';
import type {StoreClient} from './store/client.js';
import type {Theme} from './theme.js';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
// Home, then erase to the end of the screen: a clean slate without ED 2/3 (no scrollback wiped).
const HOME_AND_ERASE_BELOW = '\u001B[H\u001B[J';

// A redraw waits this long after the last resize (longer than Ink's 60 fps render throttle, so
// the frame at the new size exists), but never more than RESIZE_MAX_WAIT while resizes go on.
const RESIZE_SETTLE = 40;
const RESIZE_MAX_WAIT = 250;

// The shell's convention, 128 + the signal's number, also for Ctrl-C read as a key in raw mode.
const INTERRUPT_EXIT = 128 + 2;
const HANGUP_EXIT = 128 + 1;
const TERMINATE_EXIT = 128 + 15;

/** Whether Ink's writes reach the terminal: shut from a resize until the whole redraw after it. */
type Gate = {open: boolean};

// Ink clears the whole screen (and scrollback) whenever a frame is as tall as stdout.rows says.
// The console sizes its frames from the real size itself (always rows - 1), so Ink is given a
// view of stdout whose height never triggers that clear, not even mid-resize. Ink's own resize
// handling is kept out too: it redraws only when the width shrinks, and by diffing against a
// screen the terminal has already scrolled or cut, so Root does all of it instead. While the
// gate is shut (a resize is settling), what Ink writes is dropped: its line-by-line diffs against
// a frame the terminal has just cut or scrolled would leave lines drawn twice on screen until
// the redraw (seen in e2e-terminal's single-resize test); the redraw draws the newest frame whole.
function inkView(stdout: NodeJS.WriteStream, gate: Gate): NodeJS.WriteStream {
	const listening = new Set(['on', 'addListener', 'once', 'prependListener', 'off', 'removeListener']);
	const write = (...args: unknown[]) => {
		if (gate.open) return (stdout.write as (...a: unknown[]) => boolean)(...args);
		// Dropped, but as written: Ink waits on the callback at exit.
		const callback = args.find(arg => typeof arg === 'function') as (() => void) | undefined;
		if (callback) process.nextTick(callback);
		return true;
	};
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'rows') return 10_000;
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			const method = (value as (...args: unknown[]) => unknown).bind(target);
			if (typeof property === 'string' && listening.has(property)) {
				return (event: string | symbol, ...rest: unknown[]) => (event === 'resize' ? target : method(event, ...rest));
			}
			return method;
		},
	});
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/**
 * Follows the terminal's size and, once a resize has settled, redraws the whole frame from the
 * top: after a resize the terminal has cut, scrolled or re-wrapped what was on screen, so Ink's
 * line-by-line diff against its last frame would leave stale or doubled lines. Until then Ink's
 * writes are held back (the gate), so none of those diffs reaches the screen.
 */
function Root({stdout, gate, children}: {stdout: NodeJS.WriteStream; gate: Gate; children: React.ReactNode}) {
	const [size, setSize] = useState(() => readSize(stdout));
	// Ink's write() erases its frame, writes ours, then draws its last frame whole.
	const {write} = useStdout();
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let pendingSince = 0;
		const redraw = () => {
			timer = undefined;
			pendingSince = 0;
			gate.open = true;
			write(HOME_AND_ERASE_BELOW);
		};
		const onResize = () => {
			const now = Date.now();
			if (!pendingSince) pendingSince = now;
			gate.open = false;
			setSize(readSize(stdout));
			if (timer) clearTimeout(timer);
			timer = setTimeout(redraw, Math.max(20, Math.min(RESIZE_SETTLE, pendingSince + RESIZE_MAX_WAIT - now)));
		};
		stdout.on('resize', onResize);
		return () => {
			if (timer) clearTimeout(timer);
			gate.open = true;
			stdout.off('resize', onResize);
		};
	}, [stdout, write, gate]);
	return <TerminalSizeContext.Provider value={size}>{children}</TerminalSizeContext.Provider>;
}

export type ConsoleOptions = {
	client: StoreClient;
	config: ConsoleConfig;
	theme: Theme;
	period: string | null;
	/** The first month's figures, read before the first render. */
	initial?: InitialRead;
	route?: Route;
};

/**
 * Runs the console in the alternate screen until the user quits; every way out (q, Ctrl-C,
 * SIGTERM, SIGHUP or a dead terminal when the SSH link drops, an uncaught error) gives the
 * terminal back as it was.
 */
export async function runConsole(options: ConsoleOptions): Promise<number> {
	const stdout = process.stdout;
	const stdin = process.stdin;
	let restored = false;
	let terminalGone = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		if (terminalGone) return;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal may already be gone.
		}
		try {
			stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		} catch {
			// As above.
		}
	};

	// Raw mode now, not when Ink's input effect gets round to it: a key pressed as the first frame
	// appears must not be echoed onto the screen or held back until Enter by the terminal's line mode.
	if (stdin.isTTY) stdin.setRawMode(true);
	stdout.write(ENTER_ALTERNATE_SCREEN);
	process.on('exit', restore);
	const gate: Gate = {open: true};
	const instance = render(
		<ThemeContext.Provider value={options.theme}>
			<Root stdout={stdout} gate={gate}>
				<App client={options.client} config={options.config} initialPeriod={options.period} initialRead={options.initial} initialRoute={options.route} />
			</Root>
		</ThemeContext.Provider>,
		{stdout: inkView(stdout, gate), stdin, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true, maxFps: 60},
	);

	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	let finish: (code: number) => void = () => undefined;
	const exitCode = new Promise<number>(resolve => {
		finish = resolve;
	});
	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		finish(signal === 'SIGINT' ? INTERRUPT_EXIT : signal === 'SIGHUP' ? HANGUP_EXIT : TERMINATE_EXIT);
	};
	// When the SSH link drops the terminal answers every read and write with an error (EIO) or
	// end of file, SIGHUP or not: nothing more can be drawn or restored, only stopped.
	const onTerminalGone = () => {
		terminalGone = true;
		instance.unmount();
		finish(HANGUP_EXIT);
	};
	for (const signal of signals) process.on(signal, onSignal);
	stdout.on('error', onTerminalGone);
	const unwatch = watchInputGone(stdin, onTerminalGone);
	instance.waitUntilExit().then(
		// Ctrl-C is read as a key (raw mode); the app exits with INTERRUPTED for it.
		(result: unknown) => finish(result === INTERRUPTED ? INTERRUPT_EXIT : 0),
		(error: unknown) => {
			restore();
			process.stderr.write(errorLine('scorecard', error instanceof Error ? error.message : String(error)));
			finish(1);
		},
	);

	const code = await exitCode;
	restore();
	for (const signal of signals) process.off(signal, onSignal);
	unwatch();
	// Late write errors from a dead terminal are expected now; keep them from crashing the exit.
	stdout.on('error', () => undefined);
	await options.client.close().catch(() => undefined);
	return code;
}
