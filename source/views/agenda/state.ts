import type {Command} from '../../keys.js';
import {APP_HANDLERS} from '../app-state.js';
import {listReducer, selectedIndex, selectedKey, selectList, type ListState} from '../list-controller.js';
import {BACK_ONE_LEVEL, sharedBindings} from '../shared-bindings.js';
import type {Effect, HandlerContext, ListMove, ViewBinding} from '../view-spec.js';
import {sameItems, type HeldItem} from '../../domain/agenda-hold.js';

// The agenda's state and keys: the items as a list (the selected one by key, so it survives
// reloads) and whether the room is being shown one item at a time.

export type AgendaState = {
	list: ListState;
	presenting: boolean;
	/** Presenting has stepped past the last item. */
	ended: boolean;
	/** The items on screen once the console holds still (domain/agenda-hold.ts), for their month. */
	held: {period: string; items: HeldItem[]} | null;
};

export type AgendaAction = ListMove | {type: 'present'} | {type: 'step'; by: 1 | -1} | {type: 'leave'} | {type: 'hold'; period: string; items: HeldItem[]};

/** Items take one row or two; no "more" line (the summary line says which are shown). */
export const initialAgendaState = (): AgendaState => ({list: selectList({hint: false}), presenting: false, ended: false, held: null});

export function agendaReducer(state: AgendaState, action: AgendaAction): AgendaState {
	switch (action.type) {
		case 'hold':
			return state.held?.period === action.period && sameItems(state.held.items, action.items) ? state : {...state, held: {period: action.period, items: action.items}};
		case 'present':
			return {...state, presenting: true, ended: false};
		case 'leave':
			return {...state, presenting: false, ended: false};
		case 'step': {
			const {keys} = state.list;
			if (keys.length === 0) return state;
			const select = (key: string) => listReducer(state.list, {type: 'select', key});
			// From the end screen: Space starts again at the top, back goes to the last item.
			if (state.ended) return {...state, ended: false, list: select(action.by === 1 ? keys[0]! : keys.at(-1)!)};
			const index = selectedIndex(state.list) + action.by;
			if (index >= keys.length) return {...state, ended: true, list: select(keys.at(-1)!)};
			return {...state, list: select(keys[Math.max(0, index)]!)};
		}
		case 'list': {
			const list = listReducer(state.list, action.action);
			// A sync leaves the end screen as it is; a move leaves it.
			if (action.action.type === 'sync') return list === state.list ? state : {...state, list};
			return list === state.list && !state.ended ? state : {...state, list, ended: false};
		}
	}
}

type Context = HandlerContext<AgendaState>;
const view = (action: AgendaAction): Effect<AgendaAction> => ({view: action});

/** Opens the selected item's detail: its team's, or the whole service's. */
function open({state, data}: Context): Array<Effect<AgendaAction>> {
	const key = selectedKey(state.list);
	if (key === null) return [];
	// Keys are `${indicator}/${team}` (the partial month's note has no indicator).
	const indicator = key.slice(0, Math.max(0, key.lastIndexOf('/')));
	const team = key.slice(key.lastIndexOf('/') + 1);
	if (!data.scorecard.indicators.some(row => row.code === indicator)) return [];
	return [{app: {type: 'push', route: team === 'ALL' || team === '' ? {view: 'detail', indicator} : {view: 'detail', indicator, team}}}];
}

/** Listing, a key moves through the list; presenting, it steps through the items. */
function move(command: Command): ViewBinding<AgendaState, AgendaAction> {
	return {
		command,
		run: ({state}) => {
			if (!state.presenting) return [view({type: 'list', action: {type: 'command', command}})];
			if (command === 'down' || command === 'pageDown') return [view({type: 'step', by: 1})];
			if (command === 'up' || command === 'pageUp') return [view({type: 'step', by: -1})];
			return [view({type: 'list', action: {type: 'command', command}})];
		},
	};
}

/** Presenting, back and q leave presenting, not the agenda: the room stays on this screen. */
function leaveOr(fallback: (context: Context) => Array<Effect<AgendaAction>>) {
	return (context: Context) => (context.state.presenting ? [view({type: 'leave'})] : fallback(context));
}

export const AGENDA_BINDINGS: Array<ViewBinding<AgendaState, AgendaAction>> = [
	...(['up', 'down', 'pageUp', 'pageDown', 'first', 'last'] as const).map(move),
	{command: 'enter', footer: true, run: context => (context.state.presenting && context.state.ended ? [] : open(context))},
	{
		command: 'step',
		footer: true,
		run: ({state}) => (state.presenting ? [view({type: 'step', by: 1})] : state.list.keys.length > 0 ? [view({type: 'present'})] : []),
	},
	{command: 'back', run: leaveOr(APP_HANDLERS.back)},
	{command: 'quit', footer: true, ...BACK_ONE_LEVEL, run: leaveOr(APP_HANDLERS.quit)},
	...sharedBindings<AgendaState, AgendaAction>({footer: ['previousMonth', 'nextMonth', 'help'], except: ['back', 'quit']}),
];
