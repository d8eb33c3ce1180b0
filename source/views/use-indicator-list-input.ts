import {useCommands} from '../hooks/use-commands.js';
import type {IndicatorMonth} from '../domain/scorecard.js';
import type {Command, KeyPress} from '../keys.js';
import {listCommand, selectedIndex} from './list-state.js';
import {matchesFilter, type OverviewAction, type OverviewState} from './indicator-list-state.js';

// The keys the grid and the team matrix share: moving through the indicators, the `/` filter
// box, n/N to the next red or amber, Esc clearing the filter before anything else, Enter.

export type IndicatorListInput<S extends OverviewState> = {
	dispatch: (action: OverviewAction) => S;
	stateRef: {readonly current: S};
	rows: IndicatorMonth[];
	page: number;
	isProblem: (row: IndicatorMonth) => boolean;
	open: (code: string) => void;
	/** View-specific keys (the matrix's columns), tried before the shared ones. */
	extra?: (command: Command) => boolean;
};

export function useIndicatorListInput<S extends OverviewState>({dispatch, stateRef, rows, page, isProblem, open, extra}: IndicatorListInput<S>) {
	const codes = () => rows.filter(row => matchesFilter(row, stateRef.current.filter)).map(row => row.code);
	useCommands({
		capture: (input: string, key: KeyPress) => {
			if (!stateRef.current.editing) return false;
			if (key.return) dispatch({type: 'filterDone'});
			else if (key.escape) dispatch({type: 'filterClear'});
			else if (key.backspace || key.delete) dispatch({type: 'filterErase'});
			// Arrows still move while typing.
			else if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return false;
			else if (input && !key.ctrl && !key.meta) dispatch({type: 'filterType', text: input});
			return true;
		},
		command: (command: Command) => {
			if (extra?.(command)) return true;
			const keys = codes();
			const move = listCommand(command, keys, page);
			if (move) {
				dispatch(move);
				return true;
			}
			switch (command) {
				case 'nextProblem':
				case 'previousProblem': {
					const problems = new Set(rows.filter(isProblem).map(row => row.code));
					dispatch({type: 'seek', direction: command === 'nextProblem' ? 1 : -1, keys, match: code => problems.has(code)});
					return true;
				}
				case 'filter':
					dispatch({type: 'filterStart'});
					return true;
				case 'back':
					if (!stateRef.current.filter) return false;
					dispatch({type: 'filterClear'});
					return true;
				case 'enter': {
					const code = keys[selectedIndex(stateRef.current, keys)];
					if (code) open(code);
					return true;
				}
				default:
					return false;
			}
		},
	});
}
