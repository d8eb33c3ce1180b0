import React, {useEffect, useLayoutEffect, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import {Footer, Header, StatusLine} from './components/frame.js';
import {fit} from './text-layout/text-fit.js';
import {formatPeriod} from './domain/periods.js';
import {useLiveScreen, type InitialRead} from './hooks/use-live-screen.js';
import {arrivalWords, clockTime, revisedWords, useLoadWatch} from './hooks/use-load-watch.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useTheme} from './hooks/use-theme.js';
import {useKeyInput} from './input/use-key-input.js';
import type {KeyEvent} from './input/key-decoder.js';
import {MIN_COLUMNS, MIN_ROWS, type ConsoleConfig} from './config.js';
import {covers, type ScreenRead, type StoreClient} from './store/client.js';
import {appReducer, initialAppState} from './views/app-state.js';
import {bindingsOf, keyEffects, needsOf, REGISTRY, screenRequest, viewKeys} from './views/registry.js';
import type {Route, ViewName} from './views/route.js';
import type {ScreenContext} from './views/screen-context.js';
import type {AnyViewSpec, AppState, Effect} from './views/view-spec.js';

// The app: the view stack, the help layer, the month, and every view's state, kept here and
// changed only by effects (what key handlers and views' list syncs return); the view registry
// (views/registry.ts) says which view shows, what each key does there, and how it is drawn.

/** What the app exits with when the user pressed Ctrl-C. */
export const INTERRUPTED = 'interrupted';

export type AppProps = {
	client: StoreClient;
	config: ConsoleConfig;
	initialPeriod?: string | null;
	initialRead?: InitialRead;
	initialRoute?: Route;
};

/** The screen: the route shown, and the view on screen (the help over it, when open). */
type Screen = {route: Route; view: ViewName; spec: AnyViewSpec};

/**
 * A view appears once what it needs is read (a moment after its key), rather than drawing every
 * team's cell as missing for a frame: until then the view under it stays, on screen and for the
 * keys alike. The grid needs nothing more than any read has.
 */
function screenOf(app: AppState, read: ScreenRead | null): Screen {
	const ready = (route: Route) => read !== null && covers(read.request, needsOf(route));
	const route = [...app.stack].reverse().find(ready) ?? app.stack[0]!;
	const view: ViewName = app.help ? 'help' : route.view;
	return {route, view, spec: REGISTRY[view]};
}

export function App({client, config, initialPeriod = null, initialRead, initialRoute}: AppProps) {
	const {exit} = useApp();
	const theme = useTheme();
	const {columns, rows} = useTerminalSize();
	// Every change goes through the reducers on what the last key left (several keys can come in
	// one read), then one render.
	const [, rerender] = useReducer((n: number) => n + 1, 0);
	const store = useRef<{app: AppState; views: Map<string, unknown>} | null>(null);
	store.current ??= {app: initialAppState(initialRoute, initialPeriod), views: new Map()};
	const app = store.current.app;
	// One read for the screen: what every view on the stack needs, for the month.
	const live = useLiveScreen(client, screenRequest(app.stack, app.period), config.pollInterval, initialRead);
	const liveRef = useRef(live);
	liveRef.current = live;
	// What loads changed while on screen: a month that arrived, figures revised.
	const watch = useLoadWatch(live.read);
	// `r` says it did something: "reloading…" until the read is in, then "reloaded" for a moment.
	const [flash, setFlash] = useState<'reloading' | 'reloaded' | null>(null);
	const reloading = useRef(false);
	useEffect(() => {
		if (!reloading.current) return;
		reloading.current = false;
		setFlash('reloaded');
		const timer = setTimeout(() => setFlash(null), 2000);
		return () => clearTimeout(timer);
	}, [live.read]);

	const stateKey = (screen: Screen) => `${screen.view}:${screen.spec.state.key(screen.route)}`;
	/** The view's state, made the first time it is shown. */
	const viewState = (screen: Screen): unknown => {
		const key = stateKey(screen);
		const views = store.current!.views;
		if (!views.has(key)) views.set(key, screen.spec.state.initial(screen.route));
		return views.get(key);
	};

	/**
	 * Applies a key's or a view's effects; `quiet`: the frame on screen already shows them. Says
	 * whether it asked for a render.
	 */
	const run = (screen: Screen, effects: Array<Effect<unknown>>, quiet = false): boolean => {
		const current = store.current!;
		let changed = false;
		for (const effect of effects) {
			if ('view' in effect) {
				const before = viewState(screen);
				const after = screen.spec.state.reducer(before, effect.view);
				if (after !== before) {
					current.views.set(stateKey(screen), after);
					changed = true;
				}
			} else if ('app' in effect) {
				const after = appReducer(current.app, effect.app);
				// A view opened anew starts fresh: a detail on its team (not the whole service a `w`
				// left it on last time), the matrix on the indicator it is opened on.
				if (effect.app.type === 'push' && after !== current.app) {
					const route = effect.app.route;
					current.views.delete(stateKey({route, view: route.view, spec: REGISTRY[route.view]}));
				}
				if (after !== current.app) {
					current.app = after;
					changed = true;
				}
			} else if ('exit' in effect) exit();
			else {
				reloading.current = true;
				setFlash('reloading');
				liveRef.current.reload();
			}
		}
		if (changed && !quiet) rerender();
		return changed && !quiet;
	};

	const committed = useKeyInput(
		{
			key: (event: KeyEvent) => {
				const read = liveRef.current.read;
				if (!read) return false;
				// The first key pins the month on screen: from now on a load never changes it.
				const held = !store.current!.app.held && run(screenOf(store.current!.app, read), [{app: {type: 'hold', period: read.view.scorecard.period}}]);
				// The view keys are read against is the one on screen: the same function picks both.
				const screen = screenOf(store.current!.app, read);
				const effects = keyEffects(screen.view, {state: viewState(screen), app: store.current!.app, data: read.view, route: screen.route}, event);
				return (effects ? run(screen, effects) : false) || held;
			},
			// Ctrl-C, from anywhere: the exit result tells the console it was an interrupt.
			interrupt: () => exit(INTERRUPTED),
		},
		config.escapeDelay,
	);
	// Every commit (the views' list syncs stored before it) lets the next key of a read go.
	useLayoutEffect(() => committed());

	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		return <Text>{fit(`terminal too small: need ${MIN_COLUMNS}x${MIN_ROWS} (now ${columns}x${rows})`, Math.max(columns - 1, 1), theme.glyphs.ellipsis)}</Text>;
	}

	// Never as tall as the terminal: Ink clears the whole screen (and scrollback) when a frame is.
	const height = rows - 1;
	const bodyHeight = height - 3;
	const read = live.read;
	const data = read?.view ?? null;
	const screen = screenOf(app, read);
	const keys = (command: Parameters<typeof viewKeys>[1], limit?: number) => viewKeys(screen.view, command, theme.ascii, limit);
	// One line under the body, most pressing first: what `r` did, what a load brought, what it
	// revised, why the console draws ASCII (until the first key), a newer month than the one chosen.
	const notice = ((): string | null => {
		if (!data) return null;
		if (flash === 'reloading') return `reloading${theme.glyphs.ellipsis}`;
		if (flash === 'reloaded') return `reloaded ${clockTime(new Date())}: the store as it is now`;
		if (watch.arrival) return arrivalWords(watch.arrival, keys('latestMonth'), theme.glyphs.dot);
		const revised = revisedWords(watch, theme.glyphs.revised);
		if (revised) return revised;
		if (theme.notice && !app.held) return theme.notice;
		if (app.period !== null && data.latest > data.scorecard.period) {
			return `viewing ${formatPeriod(data.scorecard.period)}; newer figures exist for ${formatPeriod(data.latest)} (${keys('latestMonth')} for the latest)`;
		}
		return null;
	})();

	let body: React.ReactNode;
	if (!read) {
		body = <Text {...theme.style('text.dim')}>{live.error ? '' : `reading the store${theme.glyphs.ellipsis}`}</Text>;
	} else {
		const context: ScreenContext = {
			config,
			filter: app.filter,
			keys,
			held: app.held,
			revisions: watch.revisions,
			under: {name: screen.route.view, title: REGISTRY[screen.route.view].title, bindings: bindingsOf(screen.route.view)},
		};
		const View = screen.spec.component;
		body = (
			<View
				key={stateKey(screen)}
				route={screen.route}
				state={viewState(screen)}
				dispatch={(action: unknown, options?: {quiet?: boolean}) => run(screen, [{view: action}], options?.quiet === true)}
				read={read}
				data={read.view}
				width={columns}
				height={bodyHeight}
				screen={context}
			/>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header data={data} title={screen.spec.title} width={columns} />
			<Box flexDirection="column" height={bodyHeight} overflowY="hidden">
				{body}
			</Box>
			<StatusLine error={live.error} notice={notice} width={columns} />
			<Footer bindings={bindingsOf(screen.view)} width={columns} />
		</Box>
	);
}
