import React, {useCallback, useMemo, useRef, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import {Footer, Header, StatusLine} from './components/frame.js';
import {fit} from './render/text-fit.js';
import {formatPeriod} from './domain/periods.js';
import {CommandContext, createCommandRegistry} from './hooks/use-commands.js';
import {useLiveScorecard, type InitialRead} from './hooks/use-live-scorecard.js';
import {NavigationContext, type Navigation, type Route} from './hooks/use-navigation.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useTheme} from './hooks/use-theme.js';
import {useKeyInput} from './input/use-key-input.js';
import {ViewStateContext} from './hooks/use-view-state.js';
import {decodeKey, keysFor, type Command, type ViewName} from './keys.js';
import {MIN_COLUMNS, MIN_ROWS, type Settings} from './settings.js';
import type {StoreClient} from './store/client.js';
import {AgendaView} from './views/agenda/agenda-view.js';
import {CaseloadView} from './views/caseload-view.js';
import {DetailView} from './views/detail/detail-view.js';
import {HelpView} from './views/help-view.js';
import {MatrixView} from './views/matrix/matrix-view.js';
import {OverviewView} from './views/overview/overview-view.js';

type AppState = {
	stack: Route[];
	help: boolean;
	/** The month chosen by the user; null follows the newest month as loads arrive. */
	period: string | null;
};

type AppAction =
	| {type: 'push'; route: Route}
	| {type: 'pop'}
	| {type: 'help'; open: boolean}
	| {type: 'period'; period: string | null};

function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'push': {
			const top = state.stack.at(-1)!;
			// t from the matrix or c from caseloads: no deeper copies of the same view.
			if (top.view === action.route.view && action.route.view !== 'detail') return state;
			return {...state, help: false, stack: [...state.stack, action.route]};
		}
		case 'pop':
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		case 'help':
			return {...state, help: action.open};
		case 'period':
			return {...state, period: action.period};
	}
}

/** The views that show teams' figures, which the grid's own reads leave out. */
function showsTeams(route: Route): boolean {
	return route.view === 'matrix' || route.view === 'detail';
}

const TITLES: Record<ViewName, string> = {
	overview: 'all indicators',
	detail: 'indicator detail',
	matrix: 'team matrix',
	caseloads: 'caseload distribution',
	agenda: 'stand-up agenda',
	help: 'help',
};

/** What the app exits with when the user pressed Ctrl-C. */
export const INTERRUPTED = 'interrupted';

export type AppProps = {
	client: StoreClient;
	settings: Settings;
	initialPeriod?: string | null;
	initialRead?: InitialRead;
	initialRoute?: Route;
};

export function App({client, settings, initialPeriod = null, initialRead, initialRoute}: AppProps) {
	const {exit} = useApp();
	const theme = useTheme();
	const {columns, rows} = useTerminalSize();
	const [state, setState] = useState<AppState>(() => ({
		stack: initialRoute && initialRoute.view !== 'overview' ? [{view: 'overview'}, initialRoute] : [{view: 'overview'}],
		help: false,
		period: initialPeriod,
	}));
	// Keys can arrive several to a chunk, before React re-renders: the ref holds the state the last
	// key left, and each action runs the reducer once, on it.
	const stateRef = useRef(state);
	const apply = useCallback((action: AppAction) => {
		const next = appReducer(stateRef.current, action);
		if (next === stateRef.current) return;
		stateRef.current = next;
		setState(next);
	}, []);
	// Only the matrix and the detail show teams' figures; anything under them on the stack keeps them.
	const withTeams = state.stack.some(showsTeams);
	const live = useLiveScorecard(client, state.period, settings.pollInterval, {initial: initialRead, withTeams});
	const registry = useMemo(() => createCommandRegistry(), []);
	const viewStates = useMemo(() => new Map<string, unknown>(), []);
	const dataRef = useRef(live.data);
	dataRef.current = live.data;

	// A view that shows teams' figures appears once they are read (a moment after its key), rather
	// than drawing every team's cell as missing for a frame: until then the view under it stays.
	const ready = (route: Route) => !showsTeams(route) || (live.data !== null && !live.data.partial);
	const top = [...state.stack].reverse().find(ready) ?? state.stack[0]!;
	const viewName: ViewName = state.help ? 'help' : top.view;

	const navigation: Navigation = useMemo(() => ({push: route => apply({type: 'push', route}), pop: () => apply({type: 'pop'})}), [apply]);

	const travel = useCallback(
		(by: number) => {
			const data = dataRef.current;
			if (!data) return;
			const shown = stateRef.current.period ?? data.scorecard.period;
			const index = data.periods.indexOf(shown);
			const next = data.periods[index + by];
			if (index === -1 || !next) return;
			// Arriving at the month followed (the newest that is not partial) means following it again.
			apply({type: 'period', period: next === (data.following ?? data.latest) ? null : next});
		},
		[apply],
	);

	const appCommand = useCallback(
		(command: Command) => {
			const current = stateRef.current;
			switch (command) {
				case 'help':
					apply({type: 'help', open: !current.help});
					return;
				case 'back':
				case 'quit':
					if (current.help) apply({type: 'help', open: false});
					else if (current.stack.length > 1) apply({type: 'pop'});
					else if (command === 'quit') exit();
					return;
				case 'previousMonth':
					travel(-1);
					return;
				case 'nextMonth':
					travel(1);
					return;
				case 'latestMonth':
					apply({type: 'period', period: null});
					return;
				case 'matrix':
					apply({type: 'push', route: {view: 'matrix'}});
					return;
				case 'caseloads':
					apply({type: 'push', route: {view: 'caseloads'}});
					return;
				case 'agenda':
					apply({type: 'push', route: {view: 'agenda'}});
					return;
				case 'reload':
					live.reload();
					return;
				default:
					return;
			}
		},
		[apply, exit, travel, live.reload],
	);

	useKeyInput(
		{
			key: event => {
				const [first] = registry.handlers();
				if (first?.current.capture?.(event)) return;
				const command = decodeKey(event, stateRef.current.help ? 'help' : stateRef.current.stack.at(-1)!.view);
				if (!command) return;
				// The view on top first; what it leaves is the app's.
				if (first?.current.command(command)) return;
				appCommand(command);
			},
			// Ctrl-C, from anywhere: the exit result tells the console it was an interrupt.
			interrupt: () => exit(INTERRUPTED),
		},
		settings.escapeDelay,
	);

	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		return <Text>{fit(`terminal too small: need ${MIN_COLUMNS}x${MIN_ROWS} (now ${columns}x${rows})`, Math.max(columns - 1, 1), theme.glyphs.ellipsis)}</Text>;
	}

	// Never as tall as the terminal: Ink clears the whole screen (and scrollback) when a frame is.
	const height = rows - 1;
	const bodyHeight = height - 3;
	const data = live.data;
	const notice =
		data && state.period !== null && data.latest > data.scorecard.period
			? `viewing ${formatPeriod(data.scorecard.period)}; newer figures exist for ${formatPeriod(data.latest)} (${keysFor('latestMonth', viewName, theme.ascii)} for the latest)`
			: null;

	let body: React.ReactNode;
	if (!data) {
		body = <Text {...theme.style('text.dim')}>{live.error ? '' : `reading the store${theme.glyphs.ellipsis}`}</Text>;
	} else if (state.help) {
		body = <HelpView view={top.view} width={columns} height={bodyHeight} />;
	} else {
		const common = {data, width: columns, height: bodyHeight};
		switch (top.view) {
			case 'overview':
				body = <OverviewView {...common} />;
				break;
			case 'detail':
				body = <DetailView {...common} key={`${top.indicator}:${top.team ?? ''}`} indicator={top.indicator} team={top.team} client={client} revision={live.revision} />;
				break;
			case 'matrix':
				body = <MatrixView {...common} />;
				break;
			case 'caseloads':
				body = <CaseloadView {...common} client={client} threshold={settings.caseloadThreshold} />;
				break;
			case 'agenda':
				body = <AgendaView {...common} client={client} revision={live.revision} />;
				break;
		}
	}

	return (
		<CommandContext.Provider value={registry}>
			<NavigationContext.Provider value={navigation}>
				<ViewStateContext.Provider value={viewStates}>
					<Box flexDirection="column" width={columns} height={height}>
						<Header data={data} title={TITLES[viewName]} width={columns} />
						<Box flexDirection="column" height={bodyHeight} overflowY="hidden">
							{body}
						</Box>
						<StatusLine error={live.error} notice={notice} width={columns} />
						<Footer view={viewName} width={columns} />
					</Box>
				</ViewStateContext.Provider>
			</NavigationContext.Provider>
		</CommandContext.Provider>
	);
}
