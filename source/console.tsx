import React, {useEffect, useState} from 'react';
import {render} from 'ink';
import {App} from './app.js';
import {TerminalSizeContext, type TerminalSize} from './hooks/use-terminal-size.js';
import {ThemeContext} from './hooks/use-theme.js';
import type {Route} from './hooks/use-navigation.js';
import type {Settings} from './settings.js';
import type {StoreClient} from './store/client.js';
import type {Theme} from './theme.js';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

// Ink clears the whole screen (and scrollback) whenever a frame is as tall as stdout.rows says.
// The console sizes its frames from the real size itself (always rows - 1), so Ink is given a
// view of stdout whose height never triggers that clear, not even mid-resize.
function inkView(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'rows') return 10_000;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

function Root({stdout, children}: {stdout: NodeJS.WriteStream; children: React.ReactNode}) {
	const [size, setSize] = useState(() => readSize(stdout));
	useEffect(() => {
		const onResize = () => setSize(readSize(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return <TerminalSizeContext.Provider value={size}>{children}</TerminalSizeContext.Provider>;
}

export type ConsoleOptions = {
	client: StoreClient;
	settings: Settings;
	theme: Theme;
	period: string | null;
	route?: Route;
};

/**
 * Runs the console in the alternate screen until the user quits; every way out (q, Ctrl-C,
 * SIGTERM, SIGHUP when the SSH link drops, an uncaught error) gives the terminal back as it was.
 */
export async function runConsole(options: ConsoleOptions): Promise<number> {
	const stdout = process.stdout;
	const stdin = process.stdin;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// The terminal may already be gone (SIGHUP).
		}
		try {
			stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		} catch {
			// As above.
		}
	};

	stdout.write(ENTER_ALTERNATE_SCREEN);
	process.on('exit', restore);

	const instance = render(
		<ThemeContext.Provider value={options.theme}>
			<Root stdout={stdout}>
				<App client={options.client} settings={options.settings} initialPeriod={options.period} initialRoute={options.route} />
			</Root>
		</ThemeContext.Provider>,
		{stdout: inkView(stdout), stdin, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true, maxFps: 60},
	);

	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	const exitCode = await new Promise<number>(resolve => {
		const onSignal = (signal: NodeJS.Signals) => {
			instance.unmount();
			resolve(signal === 'SIGINT' ? 0 : 128 + (signal === 'SIGHUP' ? 1 : 15));
		};
		for (const signal of signals) process.once(signal, onSignal);
		instance.waitUntilExit().then(
			() => resolve(0),
			(error: unknown) => {
				restore();
				process.stderr.write(`scorecard: ${error instanceof Error ? error.message : String(error)}\n`);
				resolve(1);
			},
		);
	});
	restore();
	await options.client.close().catch(() => undefined);
	return exitCode;
}
