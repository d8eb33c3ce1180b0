import type {Command} from '../../keys.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from '../scroll-state.js';

// The detail's keyboard state: how far the body is scrolled, and, for a detail opened on a team,
// whether it shows the team or the whole service. The scroll bounds come from the render the key
// was read against (the body's height changes with the month and the terminal).

export type DetailScope = 'team' | 'service';
export type DetailState = ScrollState & {scope: DetailScope};
export type DetailAction = ScrollAction | {type: 'scope'};

export function detailReducer(state: DetailState, action: DetailAction): DetailState {
	if (action.type === 'scope') return {top: 0, scope: state.scope === 'team' ? 'service' : 'team'};
	const scrolled = scrollReducer(state, action);
	return scrolled === state ? state : {...state, ...scrolled};
}

export const initialDetailState = (): DetailState => ({top: 0, scope: 'team'});

/** The action a command means in the detail; `team` says whether there is a team to switch to. */
export function detailCommand(command: Command, bounds: {page: number; max: number}, team: boolean): DetailAction | null {
	if (command === 'scope') return team ? {type: 'scope'} : null;
	return scrollCommand(command, bounds.page, bounds.max);
}
