import type {AgendaItem} from '../../domain/agenda.js';
import {useCommands} from '../../hooks/use-commands.js';
import type {Command} from '../../keys.js';
import {selectedIndex} from '../list-state.js';
import {agendaCommand, type AgendaAction, type AgendaState} from './state.js';

/** Keys to agenda actions; refs because several keys can arrive in one chunk, before a render. */
export function useAgendaInput(
	dispatch: (action: AgendaAction) => AgendaState,
	stateRef: {readonly current: AgendaState},
	itemsRef: {readonly current: AgendaItem[]},
	pageRef: {readonly current: number},
	open: (item: AgendaItem) => void,
): void {
	useCommands({
		command: (command: Command) => {
			const items = itemsRef.current;
			const keys = items.map(item => item.key);
			const effect = agendaCommand(stateRef.current, command, keys, pageRef.current);
			if (!effect) return false;
			if (effect.action) dispatch(effect.action);
			const item = items[selectedIndex(stateRef.current, keys)];
			if (effect.open && item) open(item);
			return true;
		},
	});
}
