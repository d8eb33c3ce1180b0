import type {Command} from '../../keys.js';
import {listCommand, listReducer, selectedIndex, type ListAction, type ListState} from '../list-state.js';

// The agenda's keyboard state: the selected item (by key, so it survives reloads) and whether the
// room is being shown one item at a time.

export type AgendaState = ListState & {
	presenting: boolean;
	/** Presenting has stepped past the last item. */
	ended: boolean;
};

export type AgendaAction = ListAction | {type: 'present'} | {type: 'step'; by: 1 | -1; keys: string[]} | {type: 'leave'};

export const initialAgendaState = (): AgendaState => ({selected: null, presenting: false, ended: false});

export function agendaReducer(state: AgendaState, action: AgendaAction): AgendaState {
	switch (action.type) {
		case 'present':
			return {...state, presenting: true, ended: false};
		case 'leave':
			return {...state, presenting: false, ended: false};
		case 'step': {
			const {keys, by} = action;
			if (keys.length === 0) return state;
			// From the end screen: Space starts again at the top, back goes to the last item.
			if (state.ended) return {...state, ended: false, selected: by === 1 ? keys[0]! : keys.at(-1)!};
			const index = selectedIndex(state, keys) + by;
			if (index >= keys.length) return {...state, ended: true, selected: keys.at(-1)!};
			return {...state, selected: keys[Math.max(0, index)]!};
		}
		default:
			return {...state, ...listReducer(state, action), ended: false};
	}
}

/** What a command does on the agenda: a state change, opening the selected item, or nothing (falls to the app). */
export type AgendaEffect = {action?: AgendaAction; open?: boolean} | null;

export function agendaCommand(state: AgendaState, command: Command, keys: string[], page: number): AgendaEffect {
	if (state.presenting) {
		switch (command) {
			case 'step':
			case 'down':
			case 'pageDown':
				return {action: {type: 'step', by: 1, keys}};
			case 'up':
			case 'pageUp':
				return {action: {type: 'step', by: -1, keys}};
			case 'first':
			case 'last':
				return {action: {type: 'jump', to: command, keys}};
			case 'enter':
				return {open: !state.ended};
			// Leave presenting, not the agenda: the room stays on this screen.
			case 'back':
			case 'quit':
				return {action: {type: 'leave'}};
			default:
				return null;
		}
	}
	const move = listCommand(command, keys, page);
	if (move) return {action: move};
	switch (command) {
		case 'enter':
			return {open: true};
		case 'step':
			return keys.length > 0 ? {action: {type: 'present'}} : {};
		default:
			return null;
	}
}
