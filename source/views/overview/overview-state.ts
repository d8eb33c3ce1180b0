import {SORT_KEYS, type SortKey} from '../../domain/problems.js';
import {listReducer, type ListAction, type ListState} from '../list-state.js';

// The grid's own state: the selected indicator and the sort order (the filter is shared with
// the matrix: ../filter-state.ts).

export type OverviewState = ListState & {sort: SortKey};
export type OverviewAction = ListAction | {type: 'sort'};

export const INITIAL_OVERVIEW: OverviewState = {selected: null, sort: 'number'};

export function overviewReducer(state: OverviewState, action: OverviewAction): OverviewState {
	if (action.type === 'sort') {
		const next = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length]!;
		return {...state, sort: next};
	}
	return listReducer(state, action);
}
