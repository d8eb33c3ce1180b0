import {useCommands} from '../../hooks/use-commands.js';
import type {Command} from '../../keys.js';
import {detailCommand, type DetailAction, type DetailState} from './state.js';

export type DetailBounds = {page: number; max: number; team: boolean};

/**
 * Keys arrive several to a chunk: the reducer reads the latest state (useViewState's dispatch),
 * and the bounds come from the latest render through the ref.
 */
export function useDetailInput(dispatch: (action: DetailAction) => DetailState, bounds: {readonly current: DetailBounds}): void {
	useCommands({
		command: (command: Command) => {
			const action = detailCommand(command, bounds.current, bounds.current.team);
			if (action) dispatch(action);
			return action !== null;
		},
	});
}
