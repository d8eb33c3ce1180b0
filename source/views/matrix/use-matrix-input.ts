import {matchesFilter, nextProblemCell} from '../../domain/problems.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {ALL_TEAM} from '../../domain/types.js';
import {useNavigation} from '../../hooks/use-navigation.js';
import type {FilterAction, FilterState} from '../filter-state.js';
import {selectedIndex} from '../list-state.js';
import {useIndicatorListInput} from '../use-indicator-list-input.js';
import type {MatrixAction, MatrixState} from './matrix-state.js';

// The matrix's keys: the grid's list keys, ← → between teams, n/N to the next red or amber
// cell, Enter to that team's detail (the whole service's for the City column).

export function useMatrixInput(options: {
	dispatch: (action: MatrixAction) => unknown;
	stateRef: {readonly current: MatrixState};
	filter: (action: FilterAction) => unknown;
	filterRef: {readonly current: FilterState};
	indicators: IndicatorMonth[];
	columnKeys: string[];
	page: number;
}) {
	const {dispatch, stateRef, filter, filterRef, indicators, columnKeys, page} = options;
	const navigation = useNavigation();
	const shownRows = () => indicators.filter(row => matchesFilter(row, filterRef.current.text));
	const currentColumn = () => stateRef.current.column ?? columnKeys[0] ?? ALL_TEAM;
	useIndicatorListInput({
		list: dispatch,
		listRef: stateRef,
		filter,
		filterRef,
		codes: () => shownRows().map(row => row.code),
		page,
		seekProblem: (direction, keys) => {
			const row = keys[selectedIndex(stateRef.current, keys)];
			if (row === undefined) return;
			const next = nextProblemCell(shownRows(), columnKeys, {row, column: currentColumn()}, direction);
			if (next) dispatch({type: 'cell', row: next.row, column: next.column});
		},
		open: code => {
			const team = currentColumn();
			navigation.push(team === ALL_TEAM ? {view: 'detail', indicator: code} : {view: 'detail', indicator: code, team});
		},
		extra: command => {
			if (command !== 'left' && command !== 'right') return false;
			dispatch({type: 'column', by: command === 'left' ? -1 : 1, keys: columnKeys});
			return true;
		},
	});
}
