import {useCommands} from '../hooks/use-commands.js';
import type {KeyEvent} from '../input/key-decoder.js';
import type {Command} from '../keys.js';
import type {FilterAction, FilterState} from './filter-state.js';
import {listCommand, selectedIndex, type ListAction, type ListState} from './list-state.js';

// The keys the grid and the team matrix share: moving through the indicators, the `/` filter
// box, n/N (each view says what the next red or amber is), Esc clearing the filter before
// anything else, Enter.

export type IndicatorListInput = {
	list: (action: ListAction) => unknown;
	listRef: {readonly current: ListState};
	filter: (action: FilterAction) => unknown;
	filterRef: {readonly current: FilterState};
	/** The codes shown, in order, for the filter as it is now. */
	codes: () => string[];
	page: number;
	seekProblem: (direction: 1 | -1, codes: string[]) => void;
	open: (code: string) => void;
	/** View-specific keys (the matrix's columns, the grid's sort), tried before the shared ones. */
	extra?: (command: Command) => boolean;
};

export function useIndicatorListInput({list, listRef, filter, filterRef, codes, page, seekProblem, open, extra}: IndicatorListInput) {
	useCommands({
		capture: (event: KeyEvent) => {
			if (!filterRef.current.editing) return false;
			if (event.kind === 'char') filter({type: 'type', text: event.char});
			else if (event.kind !== 'key') return false;
			else if (event.name === 'return') filter({type: 'done'});
			else if (event.name === 'escape') filter({type: 'clear'});
			else if (event.name === 'backspace' || event.name === 'delete') filter({type: 'erase'});
			// Arrows still move while typing.
			else if (['up', 'down', 'left', 'right'].includes(event.name)) return false;
			return true;
		},
		command: (command: Command) => {
			if (extra?.(command)) return true;
			const keys = codes();
			const move = listCommand(command, keys, page);
			if (move) {
				list(move);
				return true;
			}
			switch (command) {
				case 'nextProblem':
				case 'previousProblem':
					seekProblem(command === 'nextProblem' ? 1 : -1, keys);
					return true;
				case 'filter':
					filter({type: 'start'});
					return true;
				case 'back':
					if (!filterRef.current.text) return false;
					filter({type: 'clear'});
					return true;
				case 'enter': {
					const code = keys[selectedIndex(listRef.current, keys)];
					if (code) open(code);
					return true;
				}
				default:
					return false;
			}
		},
	});
}
