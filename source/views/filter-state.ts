// The `/` filter box, one state for the grid and the team matrix: a filter typed in one is
// there in the other (both views keep it under the same view-state key).

export const FILTER_STATE_KEY = 'indicator-filter';

export type FilterState = {text: string; editing: boolean};

export type FilterAction = {type: 'start'} | {type: 'type'; text: string} | {type: 'erase'} | {type: 'done'} | {type: 'clear'};

export const NO_FILTER: FilterState = {text: '', editing: false};

export function filterReducer(state: FilterState, action: FilterAction): FilterState {
	switch (action.type) {
		case 'start':
			return state.editing ? state : {...state, editing: true};
		case 'type':
			return {...state, text: state.text + action.text};
		case 'erase':
			return state.text === '' ? state : {...state, text: [...state.text].slice(0, -1).join('')};
		case 'done':
			return state.editing ? {...state, editing: false} : state;
		case 'clear':
			return state.text === '' && !state.editing ? state : NO_FILTER;
	}
}
