import {listReducer, scrollList, type ListState} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {BACK_ONE_LEVEL, listMoves, sharedBindings} from '../shared-bindings.js';
import type {ListMove, ViewBinding} from '../view-spec.js';

// The detail's state and keys: how far the body is scrolled (a scrolling list of its lines), and,
// for a detail opened on a team, whether it shows the team or the whole service.

export type DetailScope = 'team' | 'service';
export type DetailState = {list: ListState; scope: DetailScope};
export type DetailAction = ListMove | {type: 'scope'};

export const initialDetailState = (): DetailState => ({list: scrollList(), scope: 'team'});

export function detailReducer(state: DetailState, action: DetailAction): DetailState {
	if (action.type === 'scope') return {list: {...state.list, top: 0}, scope: state.scope === 'team' ? 'service' : 'team'};
	const list = listReducer(state.list, action.action);
	return list === state.list ? state : {...state, list};
}

export const DETAIL_BINDINGS: Array<ViewBinding<DetailState, DetailAction>> = [
	...listMoves<DetailState>(),
	// Only a detail opened on a team has a team to switch to.
	{command: 'scope', footer: true, run: ({route}) => (route.view === 'detail' && route.team !== undefined ? [{view: {type: 'scope'}}] : [])},
	// The matrix opens on this indicator.
	{command: 'matrix', footer: true, run: ({route}) => [{app: {type: 'push', route: {view: 'matrix', ...(route.view === 'detail' ? {indicator: route.indicator} : {})}}}]},
	...sharedBindings<DetailState, DetailAction>({footer: ['previousMonth', 'nextMonth', 'help', 'quit'], quit: BACK_ONE_LEVEL, except: ['matrix']}),
];

export const detailKey = (route: RouteOf<'detail'>) => `detail:${route.indicator}:${route.team ?? ''}`;
