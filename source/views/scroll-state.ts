import type {Command} from '../keys.js';

// A body that scrolls by line (detail, caseloads, help), shared so every view scrolls alike.

export type ScrollState = {top: number};
export type ScrollAction = {type: 'scroll'; by: number; max: number} | {type: 'to'; top: number; max: number};

export function scrollReducer(state: ScrollState, action: ScrollAction): ScrollState {
	// The content's height changes with the month: a stored top beyond the end counts as the end.
	const from = Math.min(state.top, action.max);
	const top = action.type === 'scroll' ? from + action.by : action.top;
	const next = Math.max(0, Math.min(action.max, top));
	return next === state.top ? state : {top: next};
}

/** The scroll a key means, given the page size and the last line that can be at the top. */
export function scrollCommand(command: Command, page: number, max: number): ScrollAction | null {
	switch (command) {
		case 'up':
		case 'down':
			return {type: 'scroll', by: command === 'up' ? -1 : 1, max};
		case 'pageUp':
		case 'pageDown':
			return {type: 'scroll', by: command === 'pageUp' ? -page : page, max};
		case 'first':
		case 'last':
			return {type: 'to', top: command === 'first' ? 0 : max, max};
		default:
			return null;
	}
}
