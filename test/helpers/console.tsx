import assert from 'node:assert/strict';
import {afterEach} from 'node:test';
import React, {useReducer} from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {asciiClient} from '../../source/ascii-client.js';
import {TerminalSizeContext} from '../../source/hooks/use-terminal-size.js';
import {ThemeContext} from '../../source/hooks/use-theme.js';
import type {Route} from '../../source/views/route.js';
import {DEFAULT_CONSOLE_CONFIG, type ConsoleConfig} from '../../source/config.js';
import {gridRequest, openStoreClient} from '../../source/store/client.js';
import {makeTheme} from '../../source/theme.js';
import type {ScreenRead} from '../../source/store/client.js';
import {NO_FILTER} from '../../source/views/filter-state.js';
import {bindingsOf, REGISTRY, viewKeys} from '../../source/views/registry.js';
import type {ViewName} from '../../source/views/route.js';
import {waitForFrame} from './ink.js';

export {SAMPLES_DIR, sampleFiles, sampleStore} from './temp-store.js';

export type ConsoleOptions = {
	columns?: number;
	rows?: number;
	color?: boolean;
	ascii?: boolean;
	period?: string | null;
	route?: Route;
	config?: Partial<ConsoleConfig>;
	/** Start as the built console does: the grid read before the first render, teams after it. */
	readFirst?: boolean;
};

// The one harness for view tests: the whole console on a real store (renderConsole), frames
// waited for and checked to fit (expectFrame, pressFor), consoles closed after each test even when
// an assertion failed first (openConsoles), a view on its own (ViewHost).

export type Size = {columns: number; rows: number};

/** The whole console (App) on a real store, at a fixed size, as ink-testing-library renders it. */
export async function renderConsole(db: string, options: ConsoleOptions = {}) {
	const store = await openStoreClient(db);
	const client = options.ascii ? asciiClient(store) : store;
	const size = {columns: options.columns ?? 80, rows: options.rows ?? 24};
	const initialRead = options.readFirst
		? {version: await client.dataVersion(), read: await client.screen(gridRequest(options.period ?? undefined))}
		: undefined;
	const rendered = render(
		<ThemeContext.Provider value={makeTheme({color: options.color ?? true, ascii: options.ascii ?? false})}>
			<TerminalSizeContext.Provider value={size}>
				<App
					client={client}
					config={{...DEFAULT_CONSOLE_CONFIG, pollInterval: 100, ...options.config}}
					initialPeriod={options.period ?? null}
					initialRead={initialRead}
					initialRoute={options.route}
				/>
			</TerminalSizeContext.Provider>
		</ThemeContext.Provider>,
	);
	return {
		...rendered,
		client,
		size,
		/** One key per write. */
		press(key: string) {
			rendered.stdin.write(key);
		},
		async close() {
			rendered.unmount();
			rendered.cleanup();
			await client.close();
		},
	};
}

export type Console = Awaited<ReturnType<typeof renderConsole>>;

/** A frame fits the terminal: at most rows - 1 lines (Ink clears the screen at rows), none wider than the columns. */
export function assertFits(frame: string, size: Size = {columns: 80, rows: 24}): void {
	const lines = frame.split('\n');
	assert.ok(lines.length <= size.rows - 1, `frame is ${lines.length} lines tall at ${size.columns}x${size.rows}:\n${frame}`);
	for (const line of lines) assert.ok(line.length <= size.columns, `line wider than ${size.columns} (${line.length}): ${line}`);
}

/** Waits for the frame `ok` describes (never a fixed sleep), then checks it fits the console's size. */
export async function expectFrame(r: {lastFrame: () => string | undefined; size?: Size}, ok: (frame: string) => boolean, size: Size = r.size ?? {columns: 80, rows: 24}): Promise<string> {
	const frame = await waitForFrame(r, ok);
	assertFits(frame, size);
	return frame;
}

/** One key, then the frame it should produce. */
export async function pressFor(r: Console, key: string, ok: (frame: string) => boolean): Promise<string> {
	r.press(key);
	return expectFrame(r, ok);
}

/**
 * Consoles a test file opens, each closed after its test (a failed assertion skips a test's own
 * close, and an open console keeps the runner from ending). Call once at the top of the file.
 */
export function openConsoles(): (db: string, options?: ConsoleOptions) => Promise<Console> {
	const open = new Set<Console>();
	afterEach(async () => {
		for (const r of [...open]) await r.close();
		open.clear();
	});
	return async (db, options = {}) => {
		const r = await renderConsole(db, options);
		const close = r.close;
		const tracked: Console = {
			...r,
			close: async () => {
				if (open.delete(tracked)) await close();
			},
		};
		open.add(tracked);
		return tracked;
	};
}

/**
 * One view of the registry on its own, its state kept by its own reducer, as the app keeps it:
 * for tests of a view at a size the whole console would not give it.
 */
export function ViewHost({view, route, read, width, height}: {view: ViewName; route: unknown; read: ScreenRead; width: number; height: number}) {
	const spec = REGISTRY[view];
	const [state, dispatch] = useReducer(spec.state.reducer, route, spec.state.initial);
	const screen = {
		config: DEFAULT_CONSOLE_CONFIG,
		filter: NO_FILTER,
		keys: (command: Parameters<typeof viewKeys>[1], limit?: number) => viewKeys(view, command, false, limit),
		held: false,
		revisions: new Map(),
		under: {name: view, title: spec.title, bindings: bindingsOf(view)},
	};
	const View = spec.component;
	return <View route={route} state={state} dispatch={dispatch} read={read} data={read.view} width={width} height={height} screen={screen} />;
}
