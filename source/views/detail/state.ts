import type {Command} from '../../keys.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from '../scroll-state.js';

// The detail's keyboard state: how far the body is scrolled. The bounds come from the render
// that the key was read against (the body's height changes with the month and the terminal).

export type DetailState = ScrollState;
export type DetailAction = ScrollAction;

export function detailReducer(state: DetailState, action: DetailAction): DetailState {
	return scrollReducer(state, action);
}

export const initialDetailState = (): DetailState => ({top: 0});

/** The action a command means in the detail, `page` lines to a page, `max` the last top line. */
export function detailCommand(command: Command, bounds: {page: number; max: number}): DetailAction | null {
	return scrollCommand(command, bounds.page, bounds.max);
}
