import type {IndicatorMonth} from '../domain/scorecard.js';
import {listReducer, type ListAction, type ListState} from './list-state.js';

// The state of a list of indicators with a filter box: the grid's, and the team matrix's too.

export type OverviewState = ListState & {filter: string; editing: boolean};

export type OverviewAction =
	| ListAction
	| {type: 'filterStart'}
	| {type: 'filterType'; text: string}
	| {type: 'filterErase'}
	| {type: 'filterDone'}
	| {type: 'filterClear'};

export function overviewReducer(state: OverviewState, action: OverviewAction): OverviewState {
	switch (action.type) {
		case 'filterStart':
			return {...state, editing: true};
		case 'filterType':
			return {...state, filter: state.filter + action.text, top: 0};
		case 'filterErase':
			return {...state, filter: state.filter.slice(0, -1), top: 0};
		case 'filterDone':
			return {...state, editing: false};
		case 'filterClear':
			return {...state, filter: '', editing: false, top: 0};
		default:
			return {...state, ...listReducer(state, action)};
	}
}

export function matchesFilter(indicator: IndicatorMonth, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	if (!needle) return true;
	return [String(indicator.number), indicator.code, indicator.title].some(text => text.toLowerCase().includes(needle));
}

export function isProblem(indicator: IndicatorMonth): boolean {
	return indicator.rag === 'red' || indicator.rag === 'amber';
}
