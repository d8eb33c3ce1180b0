import {useCommands} from '../../hooks/use-commands.js';
import type {Command} from '../../keys.js';
import {detailCommand, type DetailAction, type DetailState} from './state.js';

/**
 * Keys arrive several to a chunk: the reducer reads the latest state (useViewState's dispatch),
 * and the bounds come from the latest render through the ref.
 */
export function useDetailInput(dispatch: (action: DetailAction) => DetailState, bounds: {readonly current: {page: number; max: number}}): void {
	useCommands({
		command: (command: Command) => {
			const action = detailCommand(command, bounds.current);
			if (action) dispatch(action);
			return action !== null;
		},
	});
}
