// Selection in a list of keyed rows, shared by the views that scroll a list: the selected key
// (not an index) survives reloads, month travel, sorting and filtering.

import type {Command} from '../keys.js';

export type ListState = {selected: string | null};

export type ListAction =
	| {type: 'move'; by: number; keys: string[]}
	| {type: 'jump'; to: 'first' | 'last'; keys: string[]}
	| {type: 'select'; key: string}
	| {type: 'seek'; direction: 1 | -1; keys: string[]; match: (key: string) => boolean};

export function selectedIndex(state: ListState, keys: string[]): number {
	const index = state.selected === null ? -1 : keys.indexOf(state.selected);
	return index === -1 ? 0 : index;
}

export function listReducer<S extends ListState>(state: S, action: ListAction): S {
	const select = (key: string | undefined) => (key === undefined || key === state.selected ? state : {...state, selected: key});
	switch (action.type) {
		case 'move': {
			if (action.keys.length === 0) return state;
			const index = Math.max(0, Math.min(action.keys.length - 1, selectedIndex(state, action.keys) + action.by));
			return select(action.keys[index]);
		}
		case 'jump':
			return select(action.to === 'first' ? action.keys[0] : action.keys.at(-1));
		case 'select':
			return select(action.key);
		case 'seek': {
			// The next (or previous) matching row, wrapping round.
			const {keys} = action;
			const from = selectedIndex(state, keys);
			for (let step = 1; step <= keys.length; step++) {
				const index = (from + action.direction * step + keys.length * step) % keys.length;
				if (action.match(keys[index]!)) return select(keys[index]);
			}
			return state;
		}
	}
}

/** The move a key means in a list of `keys`, `page` rows to a page; null for other keys. */
export function listCommand(command: Command, keys: string[], page: number): ListAction | null {
	switch (command) {
		case 'up':
		case 'down':
			return {type: 'move', by: command === 'up' ? -1 : 1, keys};
		case 'pageUp':
		case 'pageDown':
			return {type: 'move', by: command === 'pageUp' ? -page : page, keys};
		case 'first':
		case 'last':
			return {type: 'jump', to: command, keys};
		default:
			return null;
	}
}
