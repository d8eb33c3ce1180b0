import {matchesFilter, nextRedOrAmberCell} from '../../domain/red-amber.js';
import {ALL_TEAM} from '../../domain/types.js';
import {APP_HANDLERS} from '../app-state.js';
import {listReducer, selectedKey, selectList, type ListAction, type ListState} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {BACK_ONE_LEVEL, listMoves, sharedBindings} from '../shared-bindings.js';
import type {HandlerContext, ListMove, ViewBinding} from '../view-spec.js';

// The matrix's state and keys: an indicator (the list's row) and a team (the column); the `/`
// filter is the app's (the grid shares it). ← → between teams, n/N to the next red or amber
// cell, Enter to that team's detail (the whole service's for the City column).

// The columns are a list of their own (the same controller): the selected team, and the window
// of columns shown when they do not all fit.
export type MatrixState = {list: ListState; columns: ListState};
export type MatrixAction = ListMove | {type: 'columns'; action: ListAction} | {type: 'cell'; row: string; column: string};

export const initialMatrix = (route: RouteOf<'matrix'>): MatrixState => ({
	list: {...selectList(), selected: route.indicator ?? null},
	columns: selectList({hint: false}),
});

export function matrixReducer(state: MatrixState, action: MatrixAction): MatrixState {
	switch (action.type) {
		case 'columns': {
			const columns = listReducer(state.columns, action.action);
			return columns === state.columns ? state : {...state, columns};
		}
		case 'cell': {
			const list = listReducer(state.list, {type: 'select', key: action.row});
			const columns = listReducer(state.columns, {type: 'select', key: action.column});
			return list === state.list && columns === state.columns ? state : {list, columns};
		}
		case 'list': {
			const list = listReducer(state.list, action.action);
			return list === state.list ? state : {...state, list};
		}
	}
}

const currentColumn = ({state}: HandlerContext<MatrixState>) => selectedKey(state.columns) ?? ALL_TEAM;

export const MATRIX_BINDINGS: Array<ViewBinding<MatrixState, MatrixAction>> = [
	...listMoves<MatrixState>(),
	...(['left', 'right'] as const).map(
		(command): ViewBinding<MatrixState, MatrixAction> => ({command, run: () => [{view: {type: 'columns', action: {type: 'command', command: command === 'left' ? 'up' : 'down'}}}]}),
	),
	{
		command: 'enter',
		footer: true,
		run: context => {
			const code = selectedKey(context.state.list);
			if (code === null) return [];
			const team = currentColumn(context);
			return [{app: {type: 'push', route: team === ALL_TEAM ? {view: 'detail', indicator: code} : {view: 'detail', indicator: code, team}}}];
		},
	},
	{command: 'filter', footer: true, run: APP_HANDLERS.filter},
	...(['nextRedAmber', 'previousRedAmber'] as const).map(
		(command): ViewBinding<MatrixState, MatrixAction> => ({
			command,
			footer: command === 'nextRedAmber',
			run: context => {
				const row = selectedKey(context.state.list);
				if (row === null) return [];
				const rows = context.data.scorecard.indicators.filter(indicator => matchesFilter(indicator, context.app.filter.text));
				const next = nextRedOrAmberCell(rows, [...context.state.columns.keys], {row, column: currentColumn(context)}, command === 'nextRedAmber' ? 1 : -1);
				return next ? [{view: {type: 'cell', row: next.row, column: next.column}}] : [];
			},
		}),
	),
	{command: 'back', run: APP_HANDLERS.clearFilterOrBack},
	...sharedBindings<MatrixState, MatrixAction>({footer: ['previousMonth', 'nextMonth', 'help', 'quit'], bracketsOnly: true, quit: BACK_ONE_LEVEL, except: ['back']}),
];
