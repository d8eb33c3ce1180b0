import type {KeyEvent} from '../input/key-decoder.js';
import {filterReducer, NO_FILTER, type FilterAction, type FilterState} from './filter-state.js';
import type {Route} from './route.js';
import type {AppAction, AppState, Effect, Handler, HandlerContext} from './view-spec.js';

// The app's own state (the view stack, the help layer, the month, the `/` filter the grid and the
// matrix share) and the handlers of the commands every view shares. Pure: the app (app.tsx) runs
// the effects they return.

export function initialAppState(route: Route | undefined, period: string | null): AppState {
	return {stack: route && route.view !== 'overview' ? [{view: 'overview'}, route] : [{view: 'overview'}], help: false, period, held: false, filter: NO_FILTER};
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'push': {
			const top = state.stack.at(-1)!;
			// t from the matrix or c from caseloads: no deeper copies of the same view.
			if (top.view === action.route.view && action.route.view !== 'detail') return state;
			return {...state, help: false, stack: pushRoute(state.stack, action.route)};
		}
		case 'pop':
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		case 'help':
			return state.help === action.open ? state : {...state, help: action.open};
		case 'period':
			return state.period === action.period ? state : {...state, period: action.period};
		case 'hold':
			return state.held ? state : {...state, held: true, period: state.period ?? action.period};
		case 'filter': {
			const filter = filterReducer(state.filter, action.action);
			return filter === state.filter ? state : {...state, filter};
		}
	}
}

/**
 * A bounded, predictable stack: the grid, a view opened from it, and a detail opened from that.
 * The matrix, the caseloads and the agenda replace whatever is above the grid (they are reached
 * from anywhere, so they are places, not steps); a detail replaces a detail. q comes back to the
 * grid in at most two presses.
 */
export function pushRoute(stack: Route[], route: Route): Route[] {
	const [home, ...rest] = stack;
	if (route.view !== 'detail') return [home!, route];
	const above = rest.filter(each => each.view !== 'detail');
	return [home!, ...above.slice(0, 1), route];
}

const app = (action: AppAction): Effect<never> => ({app: action});

function travel(by: number): Handler<unknown, never> {
	return ({app: state, data}) => {
		const shown = state.period ?? data.scorecard.period;
		const index = data.periods.indexOf(shown);
		const next = data.periods[index + by];
		if (index === -1 || !next) return [];
		// Arriving at the month followed (the newest that is not partial) means following it again,
		// until someone has pressed a key: then the month stays where it is put.
		return [app({type: 'period', period: !state.held && next === (data.following ?? data.latest) ? null : next})];
	};
}

/** Back one level: the help first, then the view on top; never out of the console. */
const back: Handler<unknown, never> = ({app: state}) => {
	if (state.help) return [app({type: 'help', open: false})];
	return state.stack.length > 1 ? [app({type: 'pop'})] : [];
};

/** The handlers of the commands every view shares; a view binds them, or its own. */
export const APP_HANDLERS = {
	back,
	/** As back, and out of the console from the grid. */
	quit: ((context: HandlerContext<unknown>) => {
		const used = back(context);
		return used.length > 0 ? used : [{exit: true}];
	}) as Handler<unknown, never>,
	help: (({app: state}) => [app({type: 'help', open: !state.help})]) as Handler<unknown, never>,
	previousMonth: travel(-1),
	nextMonth: travel(1),
	/** The newest month (a partial one too, once the console holds still: the banner's L). */
	latestMonth: (({app: state, data}) => [app({type: 'period', period: state.held ? data.latest : null})]) as Handler<unknown, never>,
	matrix: (() => [app({type: 'push', route: {view: 'matrix'}})]) as Handler<unknown, never>,
	caseloads: (() => [app({type: 'push', route: {view: 'caseloads'}})]) as Handler<unknown, never>,
	agenda: (() => [app({type: 'push', route: {view: 'agenda'}})]) as Handler<unknown, never>,
	reload: (() => [{reload: true}]) as Handler<unknown, never>,
	filter: (() => [app({type: 'filter', action: {type: 'start'}})]) as Handler<unknown, never>,
	/** Esc on a filtered list clears the filter before anything else. */
	clearFilterOrBack: ((context: HandlerContext<unknown>) =>
		context.app.filter.text ? [app({type: 'filter', action: {type: 'clear'}})] : back(context)) as Handler<unknown, never>,
};

/**
 * While the filter is being typed, keys are its text: Enter keeps it, Esc clears it, Backspace
 * erases; arrows still move (null: the key goes on to be a command).
 */
export function captureFilter(filter: FilterState, event: KeyEvent): Array<Effect<never>> | null {
	if (!filter.editing) return null;
	const change = (action: FilterAction) => [app({type: 'filter', action})];
	if (event.kind === 'char') return change({type: 'type', text: event.char});
	if (event.kind !== 'key') return null;
	switch (event.name) {
		case 'return':
			return change({type: 'done'});
		case 'escape':
			return change({type: 'clear'});
		case 'backspace':
		case 'delete':
			return change({type: 'erase'});
		case 'up':
		case 'down':
		case 'left':
		case 'right':
			return null;
		default:
			return [];
	}
}
