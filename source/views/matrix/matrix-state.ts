import {listReducer, type ListAction, type ListState} from '../list-state.js';

// The matrix's selection: an indicator (row) and a team (column). The filter is the grid's too.

export type MatrixState = ListState & {column: string | null};
export type MatrixAction = ListAction | {type: 'column'; by: number; keys: string[]} | {type: 'cell'; row: string; column: string};

export function matrixReducer(state: MatrixState, action: MatrixAction): MatrixState {
	switch (action.type) {
		case 'column': {
			if (action.keys.length === 0) return state;
			const from = state.column === null ? -1 : action.keys.indexOf(state.column);
			const index = Math.max(0, Math.min(action.keys.length - 1, Math.max(0, from) + action.by));
			const column = action.keys[index]!;
			return column === state.column ? state : {...state, column};
		}
		case 'cell':
			return state.selected === action.row && state.column === action.column ? state : {...state, selected: action.row, column: action.column};
		default:
			return listReducer(state, action);
	}
}
