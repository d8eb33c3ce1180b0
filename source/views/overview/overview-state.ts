import {isRedOrAmber, matchesFilter, sortIndicators, SORT_KEYS, type SortKey} from '../../domain/red-amber.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {APP_HANDLERS} from '../app-state.js';
import {listReducer, selectedKey, selectList, type ListState} from '../list-controller.js';
import {listMoves, sharedBindings} from '../shared-bindings.js';
import type {ListMove, ViewBinding} from '../view-spec.js';

// The grid's state and keys: the indicators as a list (the selected one by code), the sort
// order; the `/` filter is the app's (the matrix shares it).

export type OverviewState = {list: ListState; sort: SortKey};
export type OverviewAction = ListMove | {type: 'sort'};

export const initialOverview = (): OverviewState => ({list: selectList(), sort: 'number'});

export function overviewReducer(state: OverviewState, action: OverviewAction): OverviewState {
	if (action.type === 'sort') {
		// The row the meeting is looking at stays selected as the order changes.
		const code = selectedKey(state.list);
		const list = code === null ? state.list : listReducer(state.list, {type: 'select', key: code});
		return {list, sort: SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length]!};
	}
	const list = listReducer(state.list, action.action);
	return list === state.list ? state : {...state, list};
}

/** The grid's rows: sorted, then filtered. */
export function gridRows(indicators: IndicatorMonth[], sort: SortKey, filter: string): IndicatorMonth[] {
	return sortIndicators(indicators, sort).filter(row => matchesFilter(row, filter));
}

export const OVERVIEW_BINDINGS: Array<ViewBinding<OverviewState, OverviewAction>> = [
	...listMoves<OverviewState>(),
	{
		command: 'enter',
		footer: true,
		run: ({state}) => {
			const code = selectedKey(state.list);
			return code === null ? [] : [{app: {type: 'push', route: {view: 'detail', indicator: code}}}];
		},
	},
	{command: 'filter', footer: true, run: APP_HANDLERS.filter},
	{command: 'sort', run: () => [{view: {type: 'sort'}}]},
	...(['nextRedAmber', 'previousRedAmber'] as const).map(command => ({
		command,
		run: ({data}: {data: {scorecard: {indicators: IndicatorMonth[]}}}) => {
			const flagged = new Set(data.scorecard.indicators.filter(isRedOrAmber).map(row => row.code));
			return [{view: {type: 'list', action: {type: 'seek', direction: command === 'nextRedAmber' ? 1 : -1, match: (code: string) => flagged.has(code)}}} as const];
		},
	})),
	// The matrix opens on the indicator the meeting is looking at.
	{
		command: 'matrix',
		footer: true,
		run: ({state}) => [{app: {type: 'push', route: {view: 'matrix', ...(selectedKey(state.list) === null ? {} : {indicator: selectedKey(state.list)!})}}}],
	},
	{command: 'back', run: APP_HANDLERS.clearFilterOrBack},
	...sharedBindings<OverviewState, OverviewAction>({footer: ['previousMonth', 'nextMonth', 'caseloads', 'agenda', 'help', 'quit'], except: ['matrix', 'back']}),
];
